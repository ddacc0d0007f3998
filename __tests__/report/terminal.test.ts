import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderSummary } from '../../src/report/summary.ts';
import { displayWidth, summaryForTerminal } from '../../src/report/terminal.ts';
import { diagnosis, failed, finding, passed, report, warned } from './builders.ts';

const sample = report(
  [
    passed('GET /health', 2),
    warned('GET /slow', 3),
    failed('GET /users/{id}', 4, 'route-not-deployed', { attempts: 3 }),
    failed('GET /a|b', 5, 'resource-not-found', {
      diagnosis: diagnosis('resource-not-found', { explanation: 'No resource matches `/a|b`; `<id>` is not a path.' }),
    }),
    { ...passed('DELETE /admin/sessions', 7), outcome: 'skipped', status: null, auth: 'iam+api-key' },
  ],
  [finding('stage-behind-latest', 'warning')],
);
const text = summaryForTerminal(renderSummary(sample));
const lines = text.split('\n');

test('no HTML tag, entity or markdown escape is left', () => {
  assert.doesNotMatch(text, /<\/?(details|summary|code)>/);
  assert.doesNotMatch(text, /&(lt|gt|amp|quot);/);
  assert.doesNotMatch(text, /\\\|/);
  assert.doesNotMatch(text, /\*\*/);
  assert.ok(text.includes('No resource matches /a|b; <id> is not a path.'), 'entities decoded, code spans kept verbatim');
});

test('each <summary> becomes a heading line', () => {
  const headings = lines.filter((l) => l.startsWith('▸ '));
  assert.deepEqual(headings, [
    '▸ ❌ route-not-deployed — GET /users/{id} (.github/apigw-routes.yml:4)',
    '▸ ❌ resource-not-found — GET /a|b (.github/apigw-routes.yml:5)',
    '▸ ⚠️ flaky — GET /slow (.github/apigw-routes.yml:3)',
    '▸ Run details: API, stage, deployments, control-plane calls',
  ]);
});

/** Each cell of an aligned line (cells are separated by two or more spaces) with its display columns. */
function cellsOf(line: string): { text: string; start: number; end: number }[] {
  return [...line.matchAll(/\S+(?: \S+)*/g)].map((m) => {
    const start = displayWidth(line.slice(0, m.index));
    return { text: m[0], start, end: start + displayWidth(m[0]) };
  });
}

test('the checks table is aligned into columns, failures first, then warnings, skips and passes', () => {
  const start = lines.findIndex((l) => l.startsWith('Route'));
  const [header, rule, ...rows] = lines.slice(start, start + 7);
  assert.ok(header !== undefined && rule !== undefined);
  assert.match(rule, /^-+( {2}-+){4}$/, 'a dashed rule under the header');
  const columns = cellsOf(header);
  assert.deepEqual(
    columns.map((c) => c.text),
    ['Route', 'Auth', 'Status', 'Time', 'Result'],
  );
  const expected = [
    ['GET /users/{id}', 'none', '403 MissingAuthenticationToken', '40 ms', '❌ route-not-deployed'],
    ['GET /a|b', 'none', '403 MissingAuthenticationToken', '40 ms', '❌ resource-not-found'],
    ['GET /slow', 'none', '200', '40 ms', '⚠️ flaky'],
    ['DELETE /admin/sessions', 'iam+api-key', 'no response', '40 ms', '⏭️ skipped'],
    ['GET /health', 'none', '200', '40 ms', '✅ passed'],
  ];
  assert.equal(rows.length, expected.length);
  for (const [i, row] of rows.entries()) {
    const cells = cellsOf(row);
    assert.deepEqual(
      cells.map((c) => c.text),
      expected[i],
    );
    for (const col of [0, 1, 2, 4])
      assert.equal(cells[col]?.start, columns[col]?.start, `column ${col} of "${row}" starts under its header`);
    // Time is right-aligned (---: in the markdown): it ends where its header ends
    assert.equal(cells[3]?.end, columns[3]?.end, `time of "${row}" is right-aligned`);
  }
});

test('code blocks are indented and keep their text', () => {
  assert.ok(lines.includes(`    ${sample.checks[2]?.diagnosis?.reproduce}`));
  assert.ok(lines.includes('      "stage": "prod",'));
  assert.ok(!lines.some((l) => l.startsWith('```')));
});

test('a hand-written table with wide characters and right alignment', () => {
  const md = ['| a | b |', '|---|---:|', '| ✅ x | 1 |', '| long cell | 100 |', '| 日本 | \\| |'].join('\n');
  assert.equal(
    summaryForTerminal(md),
    ['a            b', '---------  ---', '✅ x         1', 'long cell  100', '日本         |', ''].join('\n'),
  );
});

test('headings are underlined, links show their address, blank lines do not pile up', () => {
  const md = '## Title\n\n\n\n<details>\n\nSee [docs](https://example.com/x) and **this**.\n</details>\n';
  assert.equal(summaryForTerminal(md), 'Title\n=====\n\nSee docs (https://example.com/x) and this.\n');
});

test('displayWidth counts emoji and wide characters as two columns', () => {
  assert.equal(displayWidth('abc'), 3);
  assert.equal(displayWidth('✅'), 2);
  assert.equal(displayWidth('⚠️'), 2);
  assert.equal(displayWidth('日本'), 4);
});
