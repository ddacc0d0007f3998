// `npm test`: runs every test file with `node --test` against a bundle of the current sources
// built into a temp folder, so the committed dist/ is never rewritten (scripts/check-dist.ts
// guards that one). The tests get a fresh TMPDIR of their own; anything left in it at the end
// fails the run. Extra arguments go to `node --test`; file paths or globs among them replace the
// default set, e.g. `npm test -- __tests__/e2e/comment.test.ts`.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle } from './build.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ALL_TESTS = '__tests__/**/*.test.ts';
// More files than cores: an end-to-end file spends much of its time waiting on the action it spawns.
const CONCURRENCY = 4;

const args = process.argv.slice(2);
const isFileArg = (arg: string) => !arg.startsWith('-') && (arg.endsWith('.ts') || arg.includes('*'));
const nodeArgs = ['--test', `--test-concurrency=${CONCURRENCY}`, ...args, ...(args.some(isFileArg) ? [] : [ALL_TESTS])];
// APIGW_KEEP_WORKSPACE=1 keeps the action's workspaces for debugging: then the temp folder is kept and named.
const keep = process.env.APIGW_KEEP_WORKSPACE === '1';

const work = await mkdtemp(path.join(os.tmpdir(), 'apigw-test-'));
const dist = path.join(work, 'dist');
const tmp = path.join(work, 'tmp');
try {
  await mkdir(tmp);
  await bundle(dist);
  const child = spawn(process.execPath, nodeArgs, {
    cwd: root,
    stdio: 'inherit',
    env: {
      // Node's compile cache keeps the type-stripped and compiled modules from one run to the next:
      // a test file's process then spends about half the CPU. Content-addressed, so never stale.
      NODE_COMPILE_CACHE: path.join(root, 'node_modules', '.cache', 'apigw-route-verify-tests'),
      ...process.env,
      TMPDIR: tmp,
      APIGW_DIST_ENTRY: path.join(dist, 'index.js'),
    },
  });
  // Ctrl-C reaches the test runner too: wait for it to stop, then clean up.
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward).on('SIGTERM', forward);
  process.exitCode = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));

  const left = await readdir(tmp);
  if (keep) {
    console.log(`\nAPIGW_KEEP_WORKSPACE=1: the tests' temp folder is kept: ${tmp}`);
  } else if (left.length) {
    console.error(
      `\nnpm test: the tests left ${left.length === 1 ? 'an entry' : `${left.length} entries`} in the temp folder (TMPDIR), each test must remove what it creates:\n  ${left.slice(0, 20).join('\n  ')}`,
    );
    process.exitCode = 1;
  }
} finally {
  if (!keep) await rm(work, { recursive: true, force: true });
}
