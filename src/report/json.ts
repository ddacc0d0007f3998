// The JSON report (docs/report.md). Written to a temporary file in the same directory and
// renamed into place, so a reader (or a later step) never sees a half-written report.
//
// Written as it is serialised, one check (or finding) at a time: the text of 10,000 checks is
// never one string in memory, nor is its redacted copy. Each piece is redacted whole — a value
// never spans two pieces, since every piece is complete JSON values — and the bytes are the
// same as JSON.stringify(report, null, 2) gives.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Report } from '../types.ts';

/** Pieces are gathered up to this many characters before a write. */
export const WRITE_CHUNK_CHARS = 64 * 1024;

/** The report's members whose items are serialised one by one. */
const STREAMED: ReadonlySet<string> = new Set(['checks', 'findings']);

/** `JSON.stringify(value, null, 2)` nested `depth` levels deep: every line break indented (strings hold none raw). */
function nested(value: unknown, depth: number): string {
  const text = JSON.stringify(value, null, 2) ?? 'null';
  return depth === 0 ? text : text.replace(/\n/g, `\n${'  '.repeat(depth)}`);
}

/**
 * The text of JSON.stringify(report, null, 2), in pieces: `{`, each member, each item of the
 * checks and findings, `}`. Members JSON.stringify leaves out (undefined) are left out.
 */
export function* reportPieces(report: Report): Generator<string> {
  const members = Object.entries(report).filter(
    ([, value]) => value !== undefined && typeof value !== 'function' && typeof value !== 'symbol',
  );
  if (members.length === 0) {
    yield '{}';
    return;
  }
  yield '{';
  for (const [i, [key, value]] of members.entries()) {
    const lead = `${i === 0 ? '' : ','}\n  ${JSON.stringify(key)}: `;
    if (STREAMED.has(key) && Array.isArray(value) && value.length > 0) {
      yield `${lead}[`;
      for (const [j, item] of value.entries()) yield `${j === 0 ? '' : ','}\n    ${nested(item, 2)}`;
      yield '\n  ]';
    } else {
      yield `${lead}${nested(value, 1)}`;
    }
  }
  yield '\n}';
}

async function writePieces(
  file: FileHandle,
  pieces: Iterable<string>,
  redact: (json: string) => string,
  chunkChars: number,
): Promise<void> {
  let pending: string[] = [];
  let size = 0;
  for (const piece of pieces) {
    const redacted = redact(piece);
    pending.push(redacted);
    size += redacted.length;
    if (size >= chunkChars) {
      await file.write(pending.join(''), null, 'utf8');
      pending = [];
      size = 0;
    }
  }
  pending.push('\n');
  await file.write(pending.join(''), null, 'utf8');
}

/** `redact` runs over each serialised piece: the last step before the bytes leave the process. */
export async function writeJsonReport(
  path: string,
  report: Report,
  redact: (json: string) => string = (json) => json,
  chunkChars: number = WRITE_CHUNK_CHARS,
): Promise<void> {
  const directory = dirname(path);
  const temporary = join(directory, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(directory, { recursive: true });
    const file = await open(temporary, 'wx');
    try {
      await writePieces(file, reportPieces(report), redact, chunkChars);
      await file.sync(); // the bytes are on disk before the rename makes them visible
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`could not write the JSON report to ${path}: ${reason}. Set the report-file input to a writable path.`, {
      cause: error,
    });
  }
}
