// Byte-aware truncation: GitHub's limits (annotation size, 1 MiB summary) are in bytes.
// And counts as a reader expects them ("10,000").

/**
 * `12,345`. Not toLocaleString: its first call loads ICU's locale data, ~20 ms of every run's
 * end (`npm run bench` CPU profile), to put in a comma.
 */
export function thousands(n: number): string {
  const [whole = '', fraction] = String(n).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** `1 route`, `10,000 routes`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${thousands(n)} ${n === 1 ? one : many}`;
}

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

const ELLIPSIS = '…';

/** `text` cut to at most `maxBytes` UTF-8 bytes (ending in "…" when cut), never inside a character. */
export function truncateBytes(text: string, maxBytes: number): string {
  if (byteLength(text) <= maxBytes) return text;
  const room = maxBytes - byteLength(ELLIPSIS);
  if (room <= 0) return '';
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = byteLength(char);
    if (bytes + size > room) break;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end) + ELLIPSIS;
}
