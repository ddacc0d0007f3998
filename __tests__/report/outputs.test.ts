import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exitFailed, outputsOf, resultOf, totalsOf } from '../../src/report/outputs.ts';
import type { FailOn } from '../../src/settings.ts';
import type { Check, Finding } from '../../src/types.ts';
import { diagnosis, failed, finding, passed, report, warned } from './builders.ts';

test('outputs of a mixed report are exactly the outputs action.yml declares', () => {
  const r = report(
    [
      passed('GET /health', 2),
      warned('GET /slow', 3),
      failed('GET /users/{id}', 4),
      failed('GET /reports', 5, 'iam-signature-required'),
      failed('POST /orders', 6, 'integration-error', { status: 502, errorType: null }),
      { ...passed('GET /admin', 7), outcome: 'skipped', status: null },
      // a warning whose gateway answer was MAT still counts as answered MAT
      warned('DELETE /users/{id}', 8, 'auth-mismatch', { status: 403, errorType: 'MissingAuthenticationTokenException' }),
    ],
    [finding('stage-behind-latest', 'warning')],
    {
      api: {
        restApiId: 'a1',
        stage: 'prod',
        region: 'eu-west-1',
        baseUrl: 'https://x',
        stageDeploymentId: 'dep1',
        latestDeploymentId: 'dep2',
      },
    },
  );
  assert.deepEqual(outputsOf(r, '/tmp/runner/apigw-route-verify.json'), {
    result: 'failed',
    total: '7',
    passed: '3',
    failed: '3',
    'missing-authentication-token': '3',
    'stage-deployment-id': 'dep1',
    'latest-deployment-id': 'dep2',
    'report-file': '/tmp/runner/apigw-route-verify.json',
  });
});

test('unknown deployment ids are empty strings; an all-pass report passes', () => {
  const r = report([passed('GET /', 2)], [], {
    api: { restApiId: 'a1', stage: 'prod', region: 'us-east-1', baseUrl: 'https://x', stageDeploymentId: null, latestDeploymentId: null },
  });
  const out = outputsOf(r, 'report.json');
  assert.equal(out.result, 'passed');
  assert.equal(out['stage-deployment-id'], '');
  assert.equal(out['latest-deployment-id'], '');
  assert.deepEqual(Object.keys(out).sort(), [
    'failed',
    'latest-deployment-id',
    'missing-authentication-token',
    'passed',
    'report-file',
    'result',
    'stage-deployment-id',
    'total',
  ]);
});

test('totalsOf counts warnings as passed and skips on their own', () => {
  assert.deepEqual(
    totalsOf([passed('GET /a', 1), warned('GET /b', 2), failed('GET /c', 3), { ...passed('GET /d', 4), outcome: 'skipped' }]),
    {
      total: 4,
      passed: 2,
      failed: 1,
      skipped: 1,
      missingAuthenticationToken: 1,
    },
  );
});

// What the run found → result, and whether each fail-on exits non-zero.
const cases: { name: string; checks: Check[]; findings: Finding[]; result: 'passed' | 'failed'; exit: Record<FailOn, boolean> }[] = [
  {
    name: 'all passed',
    checks: [passed('GET /', 1)],
    findings: [],
    result: 'passed',
    exit: { error: false, warning: false, never: false },
  },
  { name: 'nothing at all', checks: [], findings: [], result: 'passed', exit: { error: false, warning: false, never: false } },
  {
    name: 'a notice finding',
    checks: [passed('GET /', 1)],
    findings: [finding('undeclared-routes', 'notice')],
    result: 'passed',
    exit: { error: false, warning: false, never: false },
  },
  {
    name: 'a flaky check',
    checks: [warned('GET /', 1)],
    findings: [],
    result: 'passed',
    exit: { error: false, warning: true, never: false },
  },
  {
    name: 'a warning finding',
    checks: [passed('GET /', 1)],
    findings: [finding('stage-behind-latest', 'warning')],
    result: 'passed',
    exit: { error: false, warning: true, never: false },
  },
  {
    name: 'a failed check',
    checks: [failed('GET /', 1)],
    findings: [],
    result: 'failed',
    exit: { error: true, warning: true, never: false },
  },
  {
    name: 'an error finding, every check passed',
    checks: [passed('GET /', 1)],
    findings: [finding('deployment-mismatch', 'error')],
    result: 'failed',
    exit: { error: true, warning: true, never: false },
  },
  {
    name: 'a failed check without diagnosis',
    checks: [failed('GET /', 1, 'x', { diagnosis: null })],
    findings: [],
    result: 'failed',
    exit: { error: true, warning: true, never: false },
  },
  {
    name: 'a skipped check diagnosed as an error',
    checks: [{ ...passed('GET /', 1), outcome: 'skipped', diagnosis: diagnosis('credentials-missing') }],
    findings: [],
    result: 'failed',
    exit: { error: true, warning: true, never: false },
  },
  {
    name: 'a skipped check without diagnosis',
    checks: [{ ...passed('GET /', 1), outcome: 'skipped' }],
    findings: [],
    result: 'passed',
    exit: { error: false, warning: false, never: false },
  },
];

for (const c of cases) {
  test(`result and exit: ${c.name}`, () => {
    assert.equal(resultOf(c.checks, c.findings), c.result);
    for (const failOn of ['error', 'warning', 'never'] as const) {
      assert.equal(exitFailed(report(c.checks, c.findings), failOn), c.exit[failOn], `fail-on: ${failOn}`);
    }
  });
}
