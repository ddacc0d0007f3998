import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatProblem, parseManifest } from '../../src/manifest/index.ts';
import { FILE, yaml } from './helpers.ts';
import { INVALID_CASES } from './invalid-cases.ts';

for (const c of INVALID_CASES) {
  test(`invalid manifest: ${c.name}`, () => {
    const { manifest, problems } = parseManifest(c.text, FILE);
    assert.equal(manifest, null);
    const actual = problems.map((p) => ({ at: p.source ? [p.source.line, p.source.column] : null, text: formatProblem(p) }));
    assert.equal(problems.length, c.problems.length, `problems:\n${actual.map((a) => a.text).join('\n')}`);
    c.problems.forEach(([line, column, fragment], i) => {
      assert.ok(actual[i] && problems[i]);
      assert.deepEqual(actual[i].at, [line, column], actual[i].text);
      assert.ok(actual[i].text.includes(fragment), `expected "${fragment}" in\n${actual[i].text}`);
      assert.ok(actual[i].text.startsWith(`${FILE}:${line}:${column}: `), actual[i].text);
      assert.ok(problems[i].fix.length > 0, 'every problem says what to change');
      assert.ok(!/s3cr3t|hunter2/.test(actual[i].text), 'no credential is echoed');
    });
  });
}

test('invalid manifest: a syntax error after the parser lost a line break is still placed on its own line', () => {
  // found by fuzzing: the parser's own line counter skipped line 5 while recovering from line 4
  const text = yaml('version: 1', 'routes:', '  - { route: "GET /", body: { "": ${ } }', '  - &a GET /a', '  - { route: "GET /" }');
  const { problems } = parseManifest(text, FILE);
  const lines = text.split('\n');
  assert.ok(problems.length > 0);
  for (const p of problems) {
    const line = p.source ? lines[p.source.line - 1] : undefined;
    assert.ok(p.source && line !== undefined && p.source.column <= line.length + 1, formatProblem(p));
  }
  assert.ok(
    problems.some((p) => p.source?.line === 5 && p.message.includes('":"')),
    problems.map(formatProblem).join('\n'),
  );
});
