import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detect } from './finding-tester.ts';
import finding from '../../../src/diagnose/rules/control-plane-unavailable.ts';
import type { Snapshot } from '../../../src/types.ts';
import { blindSnapshot, snapshot } from '../fixtures.ts';
import { findingContext } from '../auth-fixtures.ts';

const ok = { status: 'ok' } as const;
const parts = (over: Partial<NonNullable<Snapshot['parts']>>): NonNullable<Snapshot['parts']> => ({
  api: ok,
  stage: ok,
  deployments: ok,
  deployment: ok,
  resources: ok,
  authorizers: ok,
  ...over,
});

test('control-plane-unavailable: silent when every read succeeded, was denied or found nothing', () => {
  const cases = [
    snapshot(),
    { ...snapshot(), parts: parts({}) },
    blindSnapshot(),
    { ...snapshot(), parts: parts({ resources: { status: 'denied', error: 'AccessDeniedException' } }) },
    snapshot({ api: { status: 'not-found', error: 'NotFoundException' }, stageInfo: { status: 'skipped', existingStages: [] } }),
  ];
  for (const s of cases) assert.equal(detect(finding, findingContext({ snapshot: s })), null);
});

test('control-plane-unavailable: names every failed read with its cause, even when the rest was read', () => {
  const s = {
    ...snapshot(),
    parts: parts({
      resources: { status: 'error', error: 'TimeoutError: Request timed out' },
      authorizers: { status: 'error', error: 'ServiceUnavailableException: Service Unavailable' },
    }),
  };
  const draft = detect(finding, findingContext({ snapshot: s }));
  assert.ok(draft);
  assert.equal(finding.meta.severity, 'warning');
  assert.match(
    draft.message,
    /GetResources \(TimeoutError: Request timed out\); GetAuthorizers \(ServiceUnavailableException: Service Unavailable\)/,
  );
  assert.match(draft.message, /not a permissions problem/);
  assert.deepEqual(draft.evidence.failed, [
    { operation: 'GetResources', error: 'TimeoutError: Request timed out' },
    { operation: 'GetAuthorizers', error: 'ServiceUnavailableException: Service Unavailable' },
  ]);
  assert.deepEqual(draft.source, { file: '.github/apigw-routes.yml', line: 3, column: 16 });
});

test('control-plane-unavailable: a snapshot without parts falls back to the API and stage statuses', () => {
  const s = snapshot({ stageInfo: { status: 'error', existingStages: [], error: 'socket hang up' } });
  const draft = detect(finding, findingContext({ snapshot: s }));
  assert.ok(draft);
  assert.deepEqual(draft.evidence.failed, [{ operation: 'GetStages', error: 'socket hang up' }]);
});
