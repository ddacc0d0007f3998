// The verdict line that ends the step, and the numbers the summary heading shares with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verdictLine, verdictOf } from '../../src/report/verdict.ts';
import { diagnosis, failed, finding, passed, report, warned } from './builders.ts';

test('a failed run: counts, the MAT count and the errors', () => {
  const r = report(
    [passed('GET /a', 3), failed('GET /b', 4), failed('GET /c', 5, 'iam-signature-required')],
    [finding('stage-behind-latest', 'warning')],
  );
  assert.equal(
    verdictLine(r, 'error'),
    'failed: 1 of 3 routes answered as expected, 2 answered "Missing Authentication Token"; 2 error(s)',
  );
  assert.deepEqual(verdictOf(r).count, { error: 2, warning: 1, notice: 0 });
});

test('a passing run with warnings fails only when fail-on is warning, and says so', () => {
  const r = report([passed('GET /a', 3), warned('GET /b', 4, 'flaky', { diagnosis: diagnosis('flaky', { severity: 'warning' }) })]);
  assert.equal(verdictLine(r, 'error'), 'passed: 2 of 2 routes answered as expected');
  assert.equal(verdictOf(r, 'error').failsOnWarnings, false);
  assert.equal(verdictLine(r, 'warning'), 'failing on 1 warning(s) because fail-on is warning: 2 of 2 routes answered as expected');
});
