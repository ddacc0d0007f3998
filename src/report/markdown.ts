// Escaping for GitHub-flavoured markdown. Routes, URLs, messages and evidence come from
// the user's manifest and from the network: none of it may open a tag, close our
// <details>, break a table row or end a code block early.

/**
 * For text inside HTML elements (<summary>), where markdown is not rendered. One line: a blank
 * line would end the HTML block and hand the rest to the markdown parser.
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/\r\n|[\r\n\u2028\u2029]/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/**
 * The one escape for plain user- or server-controlled text in a markdown line or table cell:
 * markdown punctuation is backslash-escaped (GFM also honours `\|` in tables), `&`, `<`, `>`
 * become entities (no tag, no entity of the author's), and line breaks become spaces so a
 * table row or list item stays one line.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n|[\r\n\u2028\u2029]/g, ' ')
    .replace(/[\\`*_[\]|#!~]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * Prose written by the rules (explanations, fixes, messages): it may use `code spans`
 * on purpose, so those are kept (their content is never parsed as HTML) and only `<`/`>`
 * outside them are neutralised. Line breaks are kept between spans, but not inside one: block
 * structure is parsed before spans, so a quoted line starting with ``` or </details> would
 * open a fence or end our section (CommonMark renders a line break in a span as a space anyway).
 * An unmatched backtick run is escaped, so it cannot open a fence either.
 */
export function escapeProse(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const tick = text.indexOf('`', i);
    if (tick < 0) break;
    let runEnd = tick;
    while (text[runEnd] === '`') runEnd++;
    const run = text.slice(tick, runEnd);
    const close = findClosingRun(text, runEnd, run.length);
    out += neutraliseTags(text.slice(i, tick));
    if (close < 0) {
      out += run.replace(/`/g, '\\`'); // an unmatched backtick run is literal text
      i = runEnd;
    } else {
      out += text.slice(tick, close + run.length).replace(/\r\n|[\r\n\u2028\u2029]/g, ' ');
      i = close + run.length;
    }
  }
  // a ~~~ line would open a fence too
  return (out + neutraliseTags(text.slice(i))).replace(/^( {0,3})~~~/gm, '$1\\~~~');
}

/** Where a backtick run of exactly `length` starts at or after `from`, or -1. */
function findClosingRun(text: string, from: number, length: number): number {
  let i = text.indexOf('`', from);
  while (i >= 0) {
    let end = i;
    while (text[end] === '`') end++;
    if (end - i === length) return i;
    i = text.indexOf('`', end);
  }
  return -1;
}

function neutraliseTags(text: string): string {
  return text.replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Prose in one line (a list item, a table cell): line breaks become spaces, `|` is escaped. */
export function escapeProseInline(text: string): string {
  return escapeProse(text.replace(/\r\n|[\r\n]/g, ' ')).replace(/\|/g, '\\|');
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let current = 0;
  for (const c of text) {
    current = c === char ? current + 1 : 0;
    longest = Math.max(longest, current);
  }
  return longest;
}

/** A code span that no backtick inside `text` can close early (CommonMark: use a longer delimiter). */
export function codeSpan(text: string): string {
  const flat = text.replace(/\r\n|[\r\n]/g, ' ');
  const ticks = '`'.repeat(longestRun(flat, '`') + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

/** A fenced code block whose fence is longer than any backtick run in `content`. */
export function fence(content: string, lang = ''): string {
  const ticks = '`'.repeat(Math.max(3, longestRun(content, '`') + 1));
  return `${ticks}${lang}\n${content.replace(/\n+$/, '')}\n${ticks}`;
}

/** A URL as a link destination: `(`, `)`, `<`, `>`, backticks and white space percent-encoded: none can end it early, and no backtick can pair with a later one into a code span (spans bind before links). */
export function linkUrl(url: string): string {
  return url.replace(/[()<>` \t\r\n]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** A link whose text is escaped. */
export function link(text: string, url: string): string {
  return `[${escapeMarkdown(text)}](${linkUrl(url)})`;
}

/** A diagnosis code as a code-formatted link to its docs section. */
export function codeLink(code: string, url: string): string {
  return `[${codeSpan(code)}](${linkUrl(url)})`;
}
