// Finds and reads the shards' JSON reports for the `merge-reports` mode. The paths come from the
// workflow, the files from the shard jobs' artifacts: every path stays inside the workspace (a
// symbolic link out of it is refused too), only regular files are read (a FIFO would hang the
// job), and each is capped in size before a byte of it is parsed.
import { constants, type Stats } from 'node:fs';
import { glob, open, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { MAX_SHARDS } from '../shard.ts';
import type { InputProblem } from '../types.ts';
import { parseShardReport, type ShardReport } from './report-schema.ts';

/** Far above a 100,000-route shard's report; a bigger file is refused unread. */
export const MAX_REPORT_BYTES = 64 * 1024 * 1024;

export interface ShardFile {
  /** as shown in messages: relative to the workspace, control characters replaced */
  name: string;
  report: ShardReport;
}

function shown(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}]/gu, '?').slice(0, 300);
}

function inside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function nameOf(root: string, file: string): string {
  return shown(path.relative(root, file).split(path.sep).join('/'));
}

const FIX_PATHS =
  'list paths or globs relative to the workspace, one per line (e.g. `reports/*.json` after actions/download-artifact with `path: reports`)';

/** Every file the patterns match, inside the workspace, each once, sorted by name. */
async function matchFiles(patterns: readonly string[], workspace: string, problems: InputProblem[]): Promise<string[]> {
  const root = await realpath(workspace);
  const files = new Set<string>();
  for (const pattern of patterns) {
    // Refused before globbing: `../**` or `/` would walk the runner's disk.
    if (!inside(workspace, path.resolve(workspace, pattern))) {
      problems.push({ message: `input \`merge-reports\` names \`${shown(pattern)}\`, outside the workspace`, fix: FIX_PATHS });
      continue;
    }
    let matched = 0;
    for await (const match of glob(pattern, { cwd: workspace })) {
      const real = await realpath(path.resolve(workspace, match)).catch(() => undefined);
      if (real === undefined) continue;
      if (!inside(root, real)) {
        problems.push({
          message: `\`${nameOf(workspace, path.resolve(workspace, match))}\` leads outside the workspace (a symbolic link)`,
          fix: FIX_PATHS,
        });
        continue;
      }
      const info: Stats | undefined = await stat(real).catch(() => undefined);
      if (!info?.isFile()) continue;
      matched++;
      files.add(real);
    }
    if (matched === 0) {
      problems.push({
        message: `input \`merge-reports\`: \`${shown(pattern)}\` matches no report file in the workspace`,
        fix: `check that every shard job uploaded its report and that the merging job downloaded them there; ${FIX_PATHS}`,
      });
    }
  }
  return [...files].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The file's text; refused when it is not a regular file, over `maxBytes`, or not UTF-8. */
export async function readCapped(file: string, maxBytes: number): Promise<string> {
  // O_NONBLOCK: a FIFO swapped in after the stat opens at once instead of waiting for a writer.
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Error('it is not a regular file');
    if (info.size > maxBytes) throw new Error(`it is ${info.size} bytes, over the ${maxBytes}-byte limit of a report`);
    // One byte more than allowed: a file that grew since the stat is caught too.
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) throw new Error(`it is over the ${maxBytes}-byte limit of a report`);
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, length));
    } catch {
      throw new Error('it is not UTF-8 text');
    }
  } finally {
    await handle.close();
  }
}

/** The shard reports the patterns name, parsed and schema-checked; every problem names its file. */
export async function readShardReports(
  patterns: readonly string[],
  workspace: string,
  opts: { maxBytes?: number } = {},
): Promise<{ files: ShardFile[]; problems: InputProblem[] }> {
  const problems: InputProblem[] = [];
  if (patterns.length === 0) return { files: [], problems: [{ message: 'input `merge-reports` is empty', fix: FIX_PATHS }] };
  const matched = await matchFiles(patterns, workspace, problems);
  if (matched.length > MAX_SHARDS) {
    problems.push({
      message: `input \`merge-reports\` matches ${matched.length} files, more than ${MAX_SHARDS} shards`,
      fix: 'match only the shard reports of one run',
    });
    return { files: [], problems };
  }
  const files: ShardFile[] = [];
  const root = await realpath(workspace);
  for (const file of matched) {
    const name = nameOf(root, file);
    try {
      files.push({ name, report: parseShardReport(await readCapped(file, opts.maxBytes ?? MAX_REPORT_BYTES)) });
    } catch (err) {
      problems.push({
        message: `\`${name}\` is not a shard report of apigw-route-verify: ${err instanceof Error ? err.message : String(err)}`,
        fix: 'merge only the JSON reports (`report-file`) written by this action with the `shard` input',
      });
    }
  }
  return { files, problems };
}
