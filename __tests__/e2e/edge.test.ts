// What stands in front of the routes: a PRIVATE endpoint and a WAF web ACL answer Forbidden
// for every request; the action names them instead of blaming the route or the key.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../emulator/index.ts';
import type { ActionRun } from '../../emulator/run-action.ts';
import { oneApiModel } from './support-routing.ts';
import { assertDiagnosed, countOutputs, findingsOf, runWithManifest } from './support-auth.ts';

const API = 'edge0api01';
const resources = { '/health': { GET: {} }, '/orders': { POST: { apiKeyRequired: true } } };
const MANIFEST = `version: 1
api: { rest-api-id: ${API}, stage: prod, region: us-east-1 }
routes:
  - GET /health
`;

describe('a PRIVATE API from a public runner', () => {
  let emulator: Emulator;
  let run: ActionRun;
  before(async () => {
    const model = oneApiModel({ id: API, resources, deployments: [{ id: 'dep0001', resources }], stages: { prod: 'dep0001' } });
    assert.ok(model.apis[0]);
    model.apis[0].endpointType = 'PRIVATE';
    emulator = await startEmulator(model);
    run = await runWithManifest(emulator, MANIFEST, { apiId: API, stage: 'prod' });
  });
  after(() => emulator.close());

  test('the check is private-api, the finding too, and the step fails', () => {
    assertDiagnosed(run, MANIFEST, '- GET /health', { route: 'GET /health', code: 'private-api', severity: 'error', outcome: 'failed' });
    assert.deepEqual(
      findingsOf(run)
        .filter((f) => f.code === 'private-api')
        .map((f) => f.severity),
      ['error'],
    );
    assert.deepEqual(countOutputs(run), { result: 'failed', total: '1', passed: '0', failed: '1', 'missing-authentication-token': '0' });
    assert.equal(run.exitCode, 1);
  });
});

describe('a WAF web ACL on the stage', () => {
  let emulator: Emulator;
  let run: ActionRun;
  const webAclArn = 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/edge-rules/0a1b2c3d';
  before(async () => {
    const model = oneApiModel({ id: API, resources, deployments: [{ id: 'dep0001', resources }], stages: { prod: 'dep0001' } });
    assert.ok(model.apis[0]?.stages[0]);
    model.apis[0].stages[0] = { ...model.apis[0].stages[0], webAclArn, wafBlocks: true };
    emulator = await startEmulator(model);
    run = await runWithManifest(emulator, MANIFEST, { apiId: API, stage: 'prod' });
  });
  after(() => emulator.close());

  test('the check is waf-blocked, with the web ACL as evidence', () => {
    const check = assertDiagnosed(run, MANIFEST, '- GET /health', {
      route: 'GET /health',
      code: 'waf-blocked',
      severity: 'error',
      outcome: 'failed',
    });
    assert.equal(check.diagnosis?.evidence.webAclArn, webAclArn);
    assert.equal(check.status, 403);
    assert.equal(run.exitCode, 1);
  });
});
