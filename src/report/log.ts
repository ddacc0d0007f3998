// The one way data reaches the job log. The runner reads every stdout line that starts with
// `::` as a workflow command (`::warning::`, `::add-mask::`, `::stop-commands::`), so a line
// break inside a route, a URL or a server message could start a forged command. Line breaks
// become a visible `⏎`, and a line can never begin with `::`.

export function logLine(text: string): string {
  const flat = text.replace(/\r\n|[\r\n\u2028\u2029\u0085]/g, ' ⏎ ');
  return flat.startsWith('::') ? ` ${flat}` : flat;
}
