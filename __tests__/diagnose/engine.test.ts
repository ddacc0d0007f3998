// The engine over every registered rule: which cause wins when several fit, and what a
// passing check becomes. Contexts are what the pipeline builds for real runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from './rule-tester.ts';
import { context, probe, route, snapshot, table } from './fixtures.ts';
import { OK, SIGNED, answer, blind, on, passing } from './auth-fixtures.ts';

test('unsigned GET on an AWS_IAM route → iam-signature-required', () => {
  const { outcome, diagnosis } = diagnose(on('GET /reports', { authFrom: 'default' }));
  assert.equal(outcome, 'failed');
  assert.equal(diagnosis?.code, 'iam-signature-required');
  assert.equal(diagnosis?.severity, 'error');
  assert.match(diagnosis?.docs ?? '', /docs\/diagnoses\.md#iam-signature-required$/);
  assert.equal(diagnosis?.reproduce, "curl -i 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/reports'");
});

test('the same request with the route not deployed → route-not-deployed: routing beats auth', () => {
  const deployed = table();
  delete deployed['/reports'];
  const ctx = context(probe('GET /reports', { authFrom: 'default' }), { snapshot: snapshot({ deployed, defined: table() }) });
  const { outcome, diagnosis } = diagnose(ctx);
  assert.equal(outcome, 'failed');
  assert.equal(diagnosis?.code, 'route-not-deployed');
});

test('declared auth: none on an AWS_IAM route answered MAT → auth-mismatch, before iam-signature-required', () => {
  const { outcome, diagnosis } = diagnose(on(route('GET /reports', { auth: 'none' }), { authFrom: 'manifest' }));
  assert.equal(outcome, 'failed');
  assert.equal(diagnosis?.code, 'auth-mismatch');
  assert.equal(diagnosis?.severity, 'error');
});

test('declared iam on an open route that passed → auth-mismatch error: the check fails', () => {
  const ctx = passing(on(route('GET /health', { auth: 'iam' }), { ...OK, auth: 'iam', authFrom: 'manifest', sent: SIGNED }));
  const { outcome, diagnosis } = diagnose(ctx);
  assert.equal(diagnosis?.code, 'auth-mismatch');
  assert.equal(outcome, 'failed');
});

test('no credentials for an AWS_IAM route → credentials-missing', () => {
  const { diagnosis } = diagnose(on('GET /reports', { auth: 'iam', authFrom: 'deployed' }, { hasCredentials: false }));
  assert.equal(diagnosis?.code, 'credentials-missing');
});

test('a backend failure on a matched route → integration-error', () => {
  const { diagnosis } = diagnose(on('GET /health', answer(502, 'InternalServerErrorException', 'Internal server error')));
  assert.equal(diagnosis?.code, 'integration-error');
});

test('a check that passed on its second attempt → flaky, outcome warning', () => {
  const ctx = passing(
    on('GET /health', {
      ...OK,
      attempts: [
        { status: 503, durationMs: 20 },
        { status: 200, durationMs: 20 },
      ],
    }),
  );
  const { outcome, diagnosis } = diagnose(ctx);
  assert.equal(outcome, 'warning');
  assert.equal(diagnosis?.code, 'flaky');
  assert.equal(diagnosis?.severity, 'warning');
  assert.match(diagnosis?.explanation ?? '', /attempt 1 got 503/);
});

test('a check that passed → passed, no diagnosis', () => {
  assert.deepEqual(diagnose(passing(on('GET /health', OK))), { outcome: 'passed', diagnosis: null });
});

test('MAT with the control plane denied → unexpected-status, with what MAT can mean and the low-confidence note', () => {
  const { outcome, diagnosis } = diagnose(blind('GET /reports'));
  assert.equal(outcome, 'failed');
  assert.equal(diagnosis?.code, 'unexpected-status');
  assert.match(diagnosis?.explanation ?? '', /AWS_IAM and the request was unsigned/);
  assert.match(diagnosis?.explanation ?? '', /rests on the gateway's answer alone/);
  assert.match(diagnosis?.fix ?? '', /apigateway:GET/);
});
