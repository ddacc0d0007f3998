// The JSON report (docs/report.md). Written to a temporary file in the same directory and
// renamed into place, so a reader (or a later step) never sees a half-written report.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Report } from '../types.ts';

/** `redact` runs over the serialised text: the last step before the bytes leave the process. */
export async function writeJsonReport(path: string, report: Report, redact: (json: string) => string = (json) => json): Promise<void> {
  const directory = dirname(path);
  const temporary = join(directory, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const content = `${redact(JSON.stringify(report, null, 2))}\n`;
  try {
    await mkdir(directory, { recursive: true });
    const file = await open(temporary, 'wx');
    try {
      await file.writeFile(content, 'utf8');
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
