// Manifests written to hurt: huge, aliased, mis-encoded or pointing outside the workspace.
// Each is refused with one located problem, before anything is sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatProblem, loadManifest, MAX_MANIFEST_BYTES, MAX_ROUTES, parseManifest } from '../../src/manifest/index.ts';
import { FILE, yaml } from './helpers.ts';

async function withTempDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'apigw-hostile-'));
  try {
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Billion laughs: each level is nine aliases of the one before, all inside one body. */
function aliasBomb(levels: number): string {
  const lines = ['routes:', '  - route: POST /bomb', '    body:', '      a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  let previous = 'a';
  for (const name of 'bcdefghijklm'.slice(0, levels)) {
    lines.push(`      ${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    previous = name;
  }
  return yaml(...lines);
}

test('an alias bomb is one problem at the alias that crosses the limit, not a crash', () => {
  const { manifest, problems } = parseManifest(aliasBomb(9), FILE);
  assert.equal(manifest, null);
  assert.equal(problems.length, 1, problems.map(formatProblem).join('\n'));
  const [problem] = problems;
  assert.ok(problem);
  assert.match(problem.message, /aliases expand/);
  assert.ok(problem.source, 'located');
  assert.equal(problem.source.file, FILE);
  assert.ok(problem.source.line >= 5 && problem.source.line <= 13, formatProblem(problem));
  assert.match(problem.fix, /write the value out|fewer aliases/);
});

test('a small alias tree is still accepted and sent as the JSON it expands to', () => {
  const { manifest, problems } = parseManifest(aliasBomb(1), FILE);
  assert.deepEqual(problems.map(formatProblem), []);
  const body = JSON.parse(manifest!.routes[0]!.body!) as { b: string[][] };
  assert.equal(body.b.length, 9);
  assert.deepEqual(body.b[8], Array(9).fill('lol'));
});

test('thousands of bodies aliasing one anchor parse to the same body each', () => {
  const lines = ['routes:', '  - route: POST /r0', '    body: &b { a: 1, b: [1, 2, 3] }'];
  for (let i = 1; i < 2000; i++) lines.push(`  - route: POST /r${i}`, '    body: *b');
  const { manifest, problems } = parseManifest(yaml(...lines), FILE);
  assert.deepEqual(problems.map(formatProblem), []);
  assert.equal(manifest!.routes.length, 2000);
  assert.ok(manifest!.routes.every((r) => r.body === '{"a":1,"b":[1,2,3]}'));
});

test('more routes than the limit is one problem at `routes`, naming the limit', () => {
  const lines = ['version: 1', 'routes:'];
  for (let i = 0; i <= MAX_ROUTES; i++) lines.push(`  - GET /r${i}`);
  const { manifest, problems } = parseManifest(yaml(...lines), FILE);
  assert.equal(manifest, null);
  assert.equal(problems.length, 1);
  assert.ok(problems[0]);
  assert.equal(formatProblem(problems[0]).startsWith(`${FILE}:2:1: `), true, formatProblem(problems[0]));
  assert.match(problems[0].message, new RegExp(`${MAX_ROUTES + 1} routes`));
  assert.match(problems[0].fix, /split/);
});

test('loadManifest: a file over the size limit is refused before it is parsed', async () => {
  await withTempDir(async (dir) => {
    const absolute = join(dir, 'routes.yml');
    await writeFile(absolute, `routes:\n  - GET /a\n#${'x'.repeat(MAX_MANIFEST_BYTES)}\n`);
    const { manifest, problems } = await loadManifest(absolute, 'routes.yml');
    assert.equal(manifest, null);
    assert.equal(problems.length, 1);
    assert.ok(problems[0]);
    assert.match(problems[0].message, /routes manifest `routes\.yml` is larger than 1 MiB/);
    assert.match(problems[0].fix, /split|smaller/);
  });
});

test('loadManifest: invalid UTF-8 is an error at its line and column, not replaced silently', async () => {
  await withTempDir(async (dir) => {
    const absolute = join(dir, 'routes.yml');
    const text = Buffer.from('routes:\n  - route: GET /a\n    headers: { x-a: "ab', 'utf8');
    await writeFile(absolute, Buffer.concat([text, Buffer.from([0xc3, 0x28]), Buffer.from('" }\n')]));
    const { manifest, problems } = await loadManifest(absolute, 'routes.yml');
    assert.equal(manifest, null);
    assert.deepEqual(
      problems.map(formatProblem).map((p) => p.slice(0, 'routes.yml:3:24: '.length)),
      ['routes.yml:3:24: '],
    );
    assert.ok(problems[0]);
    assert.match(problems[0].message, /not valid UTF-8/);
  });
});

test('loadManifest: a UTF-8 byte order mark is still fine', async () => {
  await withTempDir(async (dir) => {
    const absolute = join(dir, 'routes.yml');
    await writeFile(absolute, '\uFEFFroutes: [GET /a]\n');
    const { manifest, problems } = await loadManifest(absolute, 'routes.yml');
    assert.deepEqual(problems, []);
    assert.equal(manifest?.routes[0]?.source.column, 10);
  });
});

test('loadManifest: a path outside the workspace is refused without reading it', async () => {
  await withTempDir(async (dir) => {
    const outside = join(dir, 'secret.yml');
    const workspace = join(dir, 'ws');
    await writeFile(outside, 'root:x:0:0:root:/root:/bin/bash\n');
    await (await import('node:fs/promises')).mkdir(workspace);
    const { manifest, problems } = await loadManifest(outside, outside, workspace);
    assert.equal(manifest, null);
    assert.equal(problems.length, 1);
    assert.ok(problems[0]);
    assert.match(problems[0].message, /outside the workspace/);
    assert.ok(!formatProblem(problems[0]).includes('root:x'), 'never quotes the file');
  });
});

test('loadManifest: a symbolic link in the workspace to a file outside it is refused too', async () => {
  await withTempDir(async (dir) => {
    const workspace = join(dir, 'ws');
    await (await import('node:fs/promises')).mkdir(workspace);
    await writeFile(join(dir, 'secret.yml'), 'root:x:0:0:root:/root:/bin/bash\n');
    await symlink(join(dir, 'secret.yml'), join(workspace, 'routes.yml'));
    const { manifest, problems } = await loadManifest(join(workspace, 'routes.yml'), 'routes.yml', workspace);
    assert.equal(manifest, null);
    assert.ok(problems[0]);
    assert.match(problems[0].message, /outside the workspace/);
    assert.ok(!formatProblem(problems[0]).includes('root:x'));
  });
});

test('loadManifest: a file inside the workspace is read', async () => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, 'routes.yml'), 'routes: [GET /a]\n');
    const { manifest, problems } = await loadManifest(join(dir, 'routes.yml'), 'routes.yml', dir);
    assert.deepEqual(problems, []);
    assert.equal(manifest?.routes.length, 1);
  });
});

for (const [name, body, at] of [
  ['flow sequences', `${'['.repeat(5000)}${']'.repeat(5000)}`, [3, 11 + 101 - 1]],
  ['flow mappings', `${'{a: '.repeat(5000)}1${'}'.repeat(5000)}`, [3, 11 + 4 * 100]],
  ['compact block sequences', `\n      ${'- '.repeat(5000)}x`, [4, 7 + 2 * 100]],
] as const) {
  test(`nesting too deep (${name}) is one problem where it passes the limit, found before parsing`, () => {
    const { manifest, problems } = parseManifest(yaml('routes:', '  - route: POST /a', `    body: ${body}`), FILE);
    assert.equal(manifest, null);
    assert.deepEqual(problems.map(formatProblem), [
      `${FILE}:${at[0]}:${at[1]}: the manifest is nested more than 100 levels deep here — flatten the value: no route needs this much nesting`,
    ]);
  });
}

test('nesting through aliases counts too', () => {
  const lines = [
    'routes:',
    '  - route: POST /a',
    '    body:',
    `      a: &a ${'['.repeat(60)}1${']'.repeat(60)}`,
    `      b: &b [${'['.repeat(50)}*a${']'.repeat(50)}]`,
  ];
  const { manifest, problems } = parseManifest(yaml(...lines), FILE);
  assert.equal(manifest, null);
  assert.equal(problems.length, 1);
  assert.ok(problems[0]);
  assert.match(
    formatProblem(problems[0]),
    /^\.github\/apigw-routes\.yml:5:\d+: YAML aliases expand to more than 100 levels deep here \(`\*a`\)/,
  );
});
