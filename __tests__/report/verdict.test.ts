// The verdict line that ends the step, and the numbers the summary heading shares with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verdictCounts, verdictLine, verdictOf, verdictTitle } from '../../src/report/verdict.ts';
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

test('the title: one short line on a failure, a pass and a run failed by a finding only', () => {
  const failing = report([passed('GET /a', 3), failed('GET /b', 4), failed('GET /c', 5, 'integration-error', { errorType: null })]);
  assert.equal(verdictTitle(failing), '❌ 2 of 3 routes failed · prod · a1b2c3d4e5');
  assert.equal(verdictTitle(report([passed('GET /a', 3), passed('GET /b', 4)])), '✅ 2 routes passed · prod · a1b2c3d4e5');
  assert.equal(verdictTitle(report([passed('GET /a', 3)])), '✅ 1 route passed · prod · a1b2c3d4e5');
  assert.equal(
    verdictTitle(report([passed('GET /a', 3)], [finding('stage-not-found', 'error')])),
    '❌ failed: stage-not-found · prod · a1b2c3d4e5',
  );
  assert.equal(verdictTitle(report([])), '✅ no routes to check · prod · a1b2c3d4e5');
});

test('the title stays one line of at most ~70 characters with a long stage and id', () => {
  const r = report(
    Array.from({ length: 10_000 }, (_, i) => failed(`GET /r${i}`, i + 2)),
    [],
    {
      api: {
        restApiId: 'x'.repeat(200),
        stage: 's'.repeat(128),
        region: 'us-east-1',
        baseUrl: 'https://x',
        stageDeploymentId: null,
        latestDeploymentId: null,
      },
    },
  );
  const title = verdictTitle(r);
  assert.ok([...title].length <= 70, `${[...title].length} characters: ${title}`);
  assert.match(title, /^❌ 10,000 of 10,000 routes failed · s{15}… · x{11}…$/);
});

test('the counts: Missing Authentication Token, warnings and skips only when there are some', () => {
  assert.deepEqual(verdictCounts(report([passed('GET /a', 3)])), ['1 passed', '0 failed']);
  assert.deepEqual(
    verdictCounts(
      report(
        [passed('GET /a', 3), failed('GET /b', 4), warned('GET /c', 5), { ...passed('GET /d', 6), outcome: 'skipped' }],
        [finding('stage-behind-latest', 'warning')],
      ),
    ),
    ['2 passed', '1 failed', '2 warnings', '1 answered "Missing Authentication Token"', '1 skipped'],
  );
});
