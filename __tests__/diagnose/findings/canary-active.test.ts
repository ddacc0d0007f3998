import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detect } from './finding-tester.ts';
import finding from '../../../src/diagnose/rules/canary-active.ts';
import { probe, snapshot } from '../fixtures.ts';
import { OK, findingContext } from '../auth-fixtures.ts';
import { methods } from '../routing-fixtures.ts';

const stageInfo = {
  status: 'ok' as const,
  deploymentId: 'dep111',
  existingStages: ['prod'],
  canary: { deploymentId: 'dep222', percentTraffic: 25 },
};
const probes = [probe('GET /health', OK), probe('GET /recommendations', OK), probe('GET /legacy', OK)];

test('canary-active: silent without a canary', () => {
  assert.equal(detect(finding, findingContext({ probes })), null);
});

test('canary-active: names the split and the routes one deployment lacks', () => {
  const draft = detect(
    finding,
    findingContext({
      probes,
      snapshot: snapshot({
        deployed: methods('GET /health', 'GET /legacy'),
        canaryDeployed: methods('GET /health', 'GET /recommendations'),
        stageInfo,
      }),
    }),
  );
  assert.ok(draft);
  assert.equal(draft.severity ?? finding.meta.severity, 'warning');
  assert.match(draft.message, /25% of its requests are served by deployment dep222 instead of dep111/);
  assert.match(draft.message, /Only the canary serves: GET \/recommendations\./);
  assert.match(draft.message, /The canary lacks: GET \/legacy\./);
  assert.deepEqual(draft.evidence.canaryOnly, ['GET /recommendations']);
  assert.deepEqual(draft.evidence.stableOnly, ['GET /legacy']);
});

test("canary-active: the canary's deployment unread is said", () => {
  const draft = detect(finding, findingContext({ probes, snapshot: snapshot({ deployed: methods('GET /health'), stageInfo }) }));
  assert.ok(draft);
  assert.match(draft.message, /could not be read/);
  assert.equal(draft.evidence.canaryRead, false);
});
