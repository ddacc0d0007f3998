// End-to-end: blind mode (the identity may not call apigateway:GET), the bundled action
// (dist/index.js) against the emulator. An unsigned request answered "Missing Authentication
// Token" is sent once more to the same URL, SigV4-signed: that follow-up tells an AWS_IAM route
// from one that does not exist. Needs `npm run build` (npm test builds it).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { type Emulator, startEmulator } from '../../emulator/index.ts';
import type { EmulatorModel, ResourcesModel } from '../../emulator/model.ts';
import { type ActionRun, TEST_CREDENTIALS } from '../../emulator/run-action.ts';
import { assertDiagnosed, checkAt, runWithManifest } from './support-auth.ts';

const API_ID = 'blind0e2e1';
const STAGE = 'prod';

const RESOURCES: ResourcesModel = {
  '/health': { GET: {} },
  '/reports': { GET: { authorizationType: 'AWS_IAM' } },
};

const MODEL: EmulatorModel = {
  region: 'us-east-1',
  apis: [
    {
      id: API_ID,
      name: 'blind-e2e',
      endpointType: 'REGIONAL',
      resources: RESOURCES,
      deployments: [{ id: 'dep0001', createdDate: '2026-01-05T10:00:00.000Z', resources: RESOURCES }],
      stages: [{ name: STAGE, deploymentId: 'dep0001' }],
    },
  ],
  identities: [{ ...TEST_CREDENTIALS, arn: 'arn:aws:sts::123456789012:assumed-role/deploy/ci', controlPlane: false }],
};

const MANIFEST = `version: 1
api:
  rest-api-id: ${API_ID}
  stage: ${STAGE}
  region: us-east-1
routes:
  - GET /health                    # open: passes, no follow-up
  - GET /reports                   # AWS_IAM, declared without auth
  - GET /nowhere                   # not deployed at all
`;

describe('blind mode: one signed retry settles "no route or unsigned AWS_IAM?"', () => {
  let emulator: Emulator;
  let run: ActionRun;
  before(async () => {
    emulator = await startEmulator(MODEL);
    run = await runWithManifest(emulator, MANIFEST, {
      apiId: API_ID,
      stage: STAGE,
      inputs: { retries: '0', 'negative-probes': 'false' },
    });
  });
  after(() => emulator.close());

  test('a passing route gets no follow-up', () => {
    assert.equal(checkAt(run, MANIFEST, 'GET /health').outcome, 'passed');
    assert.equal(emulator.state.dataCalls['GET /health'], 1);
  });

  test('an AWS_IAM route called unsigned: the signed retry answered 200, so iam-signature-required', () => {
    const check = assertDiagnosed(run, MANIFEST, 'GET /reports', {
      route: 'GET /reports',
      code: 'iam-signature-required',
      severity: 'error',
      outcome: 'failed',
    });
    assert.match(check.diagnosis?.explanation ?? '', /sent again SigV4-signed, answered 200/);
    assert.match(check.diagnosis?.explanation ?? '', /proven by that follow-up request, not read from the control plane/);
    assert.equal(emulator.state.dataCalls['GET /reports'], 2, 'the smoke request and one signed retry');
  });

  test('a route that does not exist: signed MAT too, so unexpected-status says signing did not help', () => {
    const check = assertDiagnosed(run, MANIFEST, 'GET /nowhere', {
      route: 'GET /nowhere',
      code: 'unexpected-status',
      severity: 'error',
      outcome: 'failed',
    });
    assert.match(check.diagnosis?.explanation ?? '', /signing did not help, so no deployed resource and method matched/);
    assert.equal(emulator.state.dataCalls['GET /nowhere'], 2, 'the smoke request and one signed retry');
  });
});
