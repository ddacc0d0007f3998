import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ANNOTATIONS_PER_LEVEL } from '../../src/report/annotations.ts';
import { invalidInputMessage, planInputAnnotations, renderInvalidInputSummary, SUMMARY_MAX_BYTES } from '../../src/report/invalid-input.ts';
import { byteLength } from '../../src/report/text.ts';
import type { InputProblem } from '../../src/types.ts';

const FILE = '.github/apigw-routes.yml';
const problem = (line: number, message = `problem on line ${line}`): InputProblem => ({
  message,
  fix: 'fix it',
  source: { file: FILE, line, column: 3 },
});
const many = (n: number) => Array.from({ length: n }, (_, i) => problem(i + 2));

test('a few problems: one annotation each, at its place, and the failure line takes the last slot', () => {
  const plan = planInputAnnotations(many(3));
  assert.deepEqual(
    plan.map((a) => [a.level, a.file, a.startLine, a.startColumn, a.message]),
    [2, 3, 4].map((line) => ['error', FILE, line, 3, `problem on line ${line} — fix it`]),
  );
});

test("3,000 problems: the first ones in file order, then one that says how many more, within GitHub's 10", () => {
  const plan = planInputAnnotations(many(3000));
  // the step's own failure line (core.setFailed) is the tenth error annotation
  assert.equal(plan.length, ANNOTATIONS_PER_LEVEL - 1);
  assert.deepEqual(
    plan.slice(0, -1).map((a) => a.startLine),
    [2, 3, 4, 5, 6, 7, 8, 9],
  );
  const last = plan.at(-1)!;
  assert.match(last.message, /^2992 more problems — see the job summary/);
  assert.equal(last.file, FILE);
});

test('an annotation never carries a 2 MB value whole', () => {
  const [annotation] = planInputAnnotations([problem(2, `unknown key \`${'k'.repeat(2_000_000)}\``)]);
  assert.ok(annotation);
  assert.ok(byteLength(annotation.message) <= 4000, `${byteLength(annotation.message)} bytes`);
});

test("the summary stays far under GitHub's 1 MiB whatever the problems, and says how many it left out", () => {
  const huge = [problem(2, `unknown key \`${'k'.repeat(2_000_000)}\``), ...many(3000)];
  const summary = renderInvalidInputSummary(huge);
  assert.ok(byteLength(summary) <= SUMMARY_MAX_BYTES, `${byteLength(summary)} bytes`);
  assert.ok(SUMMARY_MAX_BYTES <= 256 * 1024);
  assert.match(summary, /no request was sent/);
  assert.match(summary, /3001 problems/);
  assert.match(summary, /… \d+ more problems? not shown/);
});

test('the summary escapes what the manifest wrote: no tag, no closed details, no broken code span', () => {
  const hostile = problem(2, 'unknown key `a`<img src=x onerror=alert(1)>` and </details> | & `` ` ``\n# heading');
  const summary = renderInvalidInputSummary([hostile, { message: 'input `x` is `<b>`', fix: 'set `x`' }]);
  assert.ok(!/<img|<\/details>|<b>/.test(summary), summary);
  assert.ok(summary.includes('&lt;img'), summary);
  assert.ok(summary.includes('&amp;'), summary);
  assert.ok(!/\n# heading/.test(summary), 'a line break cannot start a block');
  // every list item is one line
  const items = summary.split('\n').filter((l) => l.startsWith('- '));
  assert.equal(items.length, 2);
});

test('the failure message is one short line, whatever the number of problems', () => {
  const message = invalidInputMessage(many(3000));
  assert.ok(!message.includes('\n'));
  assert.ok(byteLength(message) < 1000);
  assert.match(
    message,
    /^invalid input, no request was sent: 3000 problems, the first at \.github\/apigw-routes\.yml:2:3: problem on line 2/,
  );
  assert.equal(invalidInputMessage([problem(5)]), `invalid input, no request was sent: ${FILE}:5:3: problem on line 5 — fix it`);
});
