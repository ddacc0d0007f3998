// A local run prints what the runner would turn into annotations as plain lines, and drops the
// other workflow commands: `::add-mask::` carries the very secret it masks, and a terminal has
// no runner to hide it.

/** Reverses @actions/core's escaping of a command's message (`isProperty`: of a property value). */
function unescape(text: string, isProperty: boolean): string {
  let out = text.replace(/%0D/g, '\r').replace(/%0A/g, '\n');
  if (isProperty) out = out.replace(/%3A/g, ':').replace(/%2C/g, ',');
  return out.replace(/%25/g, '%');
}

/**
 * One line the action wrote, as a terminal shows it: an annotation command becomes
 * `error: title (file:line)` and its message indented below; any other `::command::` goes.
 */
export function forTerminal(line: string): string {
  const m = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/s.exec(line.replace(/\r?\n$/, ''));
  if (!m) return line.startsWith('::') ? '' : line;
  const [, level = '', props = '', message = ''] = m;
  const fields: Record<string, string> = {};
  for (const pair of props.split(',').filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at > 0) fields[pair.slice(0, at)] = unescape(pair.slice(at + 1), true);
  }
  const where = fields.file ? ` (${fields.file}${fields.line ? `:${fields.line}` : ''})` : '';
  const lines = unescape(message, false).split(/\r?\n/);
  // the step's failure line has no title: it is the heading itself
  const head = fields.title ?? lines.shift() ?? '';
  return `${level}: ${head}${where}\n${lines.map((l) => `  ${l}\n`).join('')}`;
}

/** Routes process.stdout through forTerminal until the returned function is called. */
export function translateWorkflowCommands(stream: NodeJS.WriteStream = process.stdout): () => void {
  const original = stream.write;
  const write = ((chunk: unknown, ...rest: unknown[]) => {
    if (typeof chunk === 'string' && chunk.startsWith('::')) {
      const shown = forTerminal(chunk);
      if (shown === '') return true;
      return (original as (c: string, ...r: unknown[]) => boolean).call(stream, shown, ...rest);
    }
    return (original as (c: unknown, ...r: unknown[]) => boolean).call(stream, chunk, ...rest);
  }) as NodeJS.WriteStream['write'];
  stream.write = write;
  return () => {
    stream.write = original;
  };
}
