// One repository name everywhere: the placeholder the project started with must not come back
// (in docs links, `uses:` lines, the schema's $id or the runtime docs links).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../emulator/run-action.ts';

// Spelled in two parts so this file does not match itself.
const PLACEHOLDER = ['our', 'org'].join('-');
const SKIPPED = new Set(['node_modules', 'dist', '.git', '.tmp', 'coverage', '.apigw-self-test']);

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (entry.isFile()) yield full;
  }
}

/** Files under `root` (outside node_modules, dist and git's folder) whose text holds `needle`. */
async function filesContaining(root: string, needle: string): Promise<string[]> {
  const found: string[] = [];
  for await (const file of files(root)) {
    const text = await readFile(file, 'latin1');
    if (text.includes(needle)) found.push(path.relative(root, file));
  }
  return found;
}

test(`no file of the repository names the placeholder repository "${PLACEHOLDER}"`, async () => {
  assert.deepEqual(await filesContaining(ROOT, PLACEHOLDER), []);
});

test('the placeholder scan can fail: it finds the word in a file, and skips node_modules', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'repo-name-'));
  try {
    await mkdir(path.join(dir, 'docs'));
    await mkdir(path.join(dir, 'node_modules'));
    await writeFile(path.join(dir, 'docs', 'a.md'), `uses: ${PLACEHOLDER}/apigw-route-verify@v1\n`);
    await writeFile(path.join(dir, 'node_modules', 'b.md'), PLACEHOLDER);
    await writeFile(path.join(dir, 'c.md'), 'uses: apigw-route-verify/apigw-route-verify@v1\n');
    assert.deepEqual(await filesContaining(dir, PLACEHOLDER), [path.join('docs', 'a.md')]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
