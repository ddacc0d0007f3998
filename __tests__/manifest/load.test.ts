import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatProblem, loadManifest } from '../../src/manifest/index.ts';

async function withTempDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'apigw-manifest-'));
  try {
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('loadManifest: a missing file is one problem naming the path, saying how to fix it, with an example', async () => {
  await withTempDir(async (dir) => {
    const absolute = join(dir, '.github', 'apigw-routes.yml');
    const { manifest, problems } = await loadManifest(absolute, '.github/apigw-routes.yml');
    assert.equal(manifest, null);
    assert.equal(problems.length, 1);
    const [problem] = problems;
    assert.ok(problem);
    assert.equal(problem.source, undefined);
    assert.match(problem.message, /routes manifest `\.github\/apigw-routes\.yml` not found/);
    assert.ok(problem.message.includes(absolute), 'names where it looked');
    assert.match(problem.fix, /create `\.github\/apigw-routes\.yml` or set the `routes` input/);
    assert.ok(problem.fix.includes('routes: ["GET /health"]'), 'shows a minimal manifest');
    assert.equal(formatProblem(problem), `${problem.message} — ${problem.fix}`);
  });
});

test('loadManifest: a directory instead of a file says so', async () => {
  await withTempDir(async (dir) => {
    await mkdir(join(dir, 'routes'));
    const { manifest, problems } = await loadManifest(join(dir, 'routes'), 'routes');
    assert.equal(manifest, null);
    assert.equal(problems.length, 1);
    assert.ok(problems[0]);
    assert.match(problems[0].message, /`routes` is a directory/);
  });
});

test('loadManifest: reads the file and reports positions under the display path', async () => {
  await withTempDir(async (dir) => {
    const absolute = join(dir, 'routes.yml');
    await writeFile(absolute, 'routes:\n  - GET /health\n  - route: POST /orders\n    body: { sku: x }\n');
    const { manifest, problems } = await loadManifest(absolute, 'ops/routes.yml');
    assert.deepEqual(problems, []);
    assert.equal(manifest?.file, 'ops/routes.yml');
    assert.deepEqual(
      manifest?.routes.map((r) => [r.route, r.source]),
      [
        ['GET /health', { file: 'ops/routes.yml', line: 2, column: 5 }],
        ['POST /orders', { file: 'ops/routes.yml', line: 3, column: 5 }],
      ],
    );
  });
});

test('loadManifest: problems in the file carry the display path', async () => {
  await withTempDir(async (dir) => {
    const absolute = join(dir, 'routes.json');
    await writeFile(absolute, '{\n  "routes": ["GET /a", "PSOT /b"]\n}\n');
    const { manifest, problems } = await loadManifest(absolute, 'routes.json');
    assert.equal(manifest, null);
    assert.deepEqual(problems.map(formatProblem), [
      'routes.json:2:24: unknown HTTP method `PSOT` — did you mean `POST`? — use one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS',
    ]);
  });
});

test('formatProblem: file:line:column: message — fix, and without the fix when there is none', () => {
  const source = { file: 'a.yml', line: 3, column: 7 };
  assert.equal(formatProblem({ message: 'bad', fix: 'do this', source }), 'a.yml:3:7: bad — do this');
  assert.equal(formatProblem({ message: 'bad', fix: '', source }), 'a.yml:3:7: bad');
  assert.equal(formatProblem({ message: 'bad', fix: 'do this' }), 'bad — do this');
});
