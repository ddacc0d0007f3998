// The job summary as plain terminal text, for `npm run demo` and local runs: no HTML,
// tables aligned into columns, code blocks indented, links shown with their address.

/** Columns a terminal gives a character: emoji and East Asian wide characters take two. */
function charWidth(cp: number): number {
  if (cp === 0xfe0f || cp === 0x200d || (cp >= 0x300 && cp <= 0x36f)) return 0;
  if (
    cp >= 0x1f000 ||
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    [0x2705, 0x274c, 0x274e, 0x2b50, 0x2b55, 0x231a, 0x231b, 0x23f0, 0x23f3].includes(cp) ||
    (cp >= 0x23e9 && cp <= 0x23ec)
  ) {
    return 2;
  }
  return 1;
}

export function displayWidth(text: string): number {
  let width = 0;
  let previous = 0;
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    // VS16 asks for emoji presentation: ⚠️ ℹ️ ⏭️ are drawn two columns wide.
    if (cp === 0xfe0f && previous === 1) width += 1;
    previous = charWidth(cp);
    width += previous;
  }
  return width;
}

function pad(text: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const cp = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Markdown outside code spans: tags dropped, bold markers dropped, backslash escapes undone. */
function plainText(text: string): string {
  return decodeEntities(
    text
      .replace(/<\/?[a-z][a-z0-9-]*(\s[^<>]*)?\/?>/gi, '')
      .replace(/\*\*(.+?)\*\*/g, '$1')
      .replace(/\\([!-/:-@[-`{-~])/g, '$1'),
  );
}

/** Inline markdown to text. Code spans keep their content verbatim; links keep their address unless `bare`. */
function inline(text: string, bare = false): string {
  const linked = text.replace(/\[((?:\\.|[^\]\\])*)\]\(([^()\s]*)\)/g, (_, label: string, url: string) =>
    bare ? label : `${label} (${url})`,
  );
  let out = '';
  let rest = linked;
  for (;;) {
    const open = /(?<!\\)`+/.exec(rest);
    if (!open) break;
    const ticks = open[0];
    const after = rest.slice(open.index + ticks.length);
    const close = new RegExp(`(?<!\`)${ticks}(?!\`)`).exec(after);
    if (!close) {
      out += plainText(rest.slice(0, open.index + ticks.length));
      rest = after;
      continue;
    }
    out += plainText(rest.slice(0, open.index));
    const code = after.slice(0, close.index);
    out += ticks.length > 1 ? code.replace(/^ (.*) $/, '$1') : code;
    rest = after.slice(close.index + ticks.length);
  }
  return out + plainText(rest);
}

/** Cells of a table row; `\|` is a pipe inside a cell (GFM), other escapes are left for inline(). */
function splitRow(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  const body = line.trim().replace(/^\|/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\' && i + 1 < body.length) {
      cell += body[i + 1] === '|' ? '|' : c + body[i + 1];
      i++;
    } else if (c === '|') {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += c;
    }
  }
  if (cell.trim()) cells.push(cell.trim());
  return cells;
}

const DELIMITER_ROW = /^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

function renderTable(lines: readonly string[]): string[] {
  const rows = lines.filter((l) => !DELIMITER_ROW.test(l)).map((l) => splitRow(l).map((c) => inline(c, true)));
  const delimiter = lines.find((l) => DELIMITER_ROW.test(l));
  const rightAligned = delimiter ? splitRow(delimiter).map((c) => /-:$/.test(c)) : [];
  const columns = Math.max(...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, col) => Math.max(...rows.map((r) => displayWidth(r[col] ?? ''))));
  const format = (row: readonly string[]) =>
    widths
      .map((w, col) => pad(row[col] ?? '', w, rightAligned[col] ?? false))
      .join('  ')
      .trimEnd();
  const [header, ...body] = rows;
  return [format(header ?? []), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(format)];
}

export function summaryForTerminal(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  const blank = () => {
    if (out.length > 0 && out[out.length - 1] !== '') out.push('');
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker !== undefined) {
      const closing = new RegExp(`^\\s*${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
      for (i++; i < lines.length && !closing.test(lines[i] ?? ''); i++) out.push(`    ${lines[i]}`);
      continue;
    }
    if (line.trimStart().startsWith('|')) {
      const table: string[] = [];
      for (let row = lines[i]; row !== undefined && row.trimStart().startsWith('|'); row = lines[++i]) table.push(row);
      i--;
      out.push(...renderTable(table));
      continue;
    }
    const summary = /<summary>(.*)<\/summary>/i.exec(line)?.[1];
    if (summary !== undefined) {
      blank();
      out.push(`▸ ${inline(summary)}`);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const [, hashes = '', title = ''] = heading;
      const text = inline(title);
      blank();
      out.push(text, (hashes.length <= 2 ? '=' : '-').repeat(displayWidth(text)));
      continue;
    }
    const text = inline(line.replace(/^>\s?/, ''));
    if (text.trim() === '') {
      // a line of nothing but tags (<details>) or an empty line
      blank();
      continue;
    }
    out.push(text);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return `${out.join('\n')}\n`;
}
