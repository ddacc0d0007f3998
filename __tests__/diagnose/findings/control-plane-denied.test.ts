import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detect } from './finding-tester.ts';
import finding from '../../../src/diagnose/rules/control-plane-denied.ts';
import { blindSnapshot, snapshot } from '../fixtures.ts';
import { findingContext } from '../auth-fixtures.ts';

test('control-plane-denied: silent when the control plane was read, or failed otherwise', () => {
  const cases = [
    snapshot(),
    snapshot({ api: { status: 'not-found', error: 'NotFoundException' }, stageInfo: { status: 'skipped', existingStages: [] } }),
    snapshot({ stageInfo: { status: 'error', existingStages: [], error: 'socket hang up' } }),
  ];
  for (const s of cases) assert.equal(detect(finding, findingContext({ snapshot: s })), null);
});

test('control-plane-denied: a warning with the least-privilege policy, at the manifest line of rest-api-id', () => {
  const draft = detect(finding, findingContext({ snapshot: blindSnapshot() }));
  assert.ok(draft);
  assert.equal(finding.meta.severity, 'warning');
  assert.match(
    draft.message,
    /Reading the API \(GetRestApi\) and stage prod \(GetStage\) was denied \(AccessDenied: not authorized to perform apigateway:GET\)/,
  );
  assert.match(draft.message, /smoke requests still ran/);
  assert.match(draft.message, /less certain/);
  assert.ok(draft.message.includes('"arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/*"'), draft.message);
  assert.ok(draft.message.includes('"arn:aws:execute-api:us-east-1:*:a1b2c3d4e5/prod/*"'), draft.message);
  const policy = draft.evidence.policy as { Statement: { Action: string }[] };
  assert.deepEqual(
    policy.Statement.map((s) => s.Action),
    ['apigateway:GET', 'execute-api:Invoke'],
  );
  assert.deepEqual(draft.source, { file: '.github/apigw-routes.yml', line: 3, column: 16 });
});

test('control-plane-denied: only the stage denied', () => {
  const s = snapshot({ stageInfo: { status: 'denied', existingStages: [], error: 'AccessDeniedException' }, deployed: undefined });
  const draft = detect(finding, findingContext({ snapshot: s }));
  assert.ok(draft);
  assert.match(draft.message, /^Reading stage prod \(GetStage\) was denied/);
  assert.equal(draft.evidence.api, 'ok');
  assert.equal(draft.evidence.stage, 'denied');
});

test("control-plane-denied: no source when an input overrode the manifest's API id", () => {
  const ctx = findingContext({ snapshot: blindSnapshot() });
  const draft = detect(finding, { ...ctx, settings: { ...ctx.settings, restApiId: 'zzzz999999' } });
  assert.ok(draft);
  assert.equal(draft.source, undefined);
  assert.ok(draft.message.includes('/restapis/zzzz999999'));
});
