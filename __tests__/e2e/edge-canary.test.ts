// End-to-end: the bundled action against the emulator's front-doors scenario — the storefront
// API with its default endpoint disabled, a canary on its stage, a summary without auth, and a
// user's CloudFront distribution in front of it. Each case must end in its own code.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Emulator, startEmulator } from '../../emulator/index.ts';
import type { EmulatorModel } from '../../emulator/model.ts';
import type { ActionRun } from '../../emulator/run-action.ts';
import { runAction } from '../../emulator/run-action.ts';
import {
  DISTRIBUTION_ALIAS,
  EDGE_API_ID,
  FRONT_DOORS_REGION,
  STOREFRONT_API_ID,
  STOREFRONT_DOMAIN,
  frontDoorsModel,
} from '../../emulator/scenarios/front-doors.ts';
import { MANIFEST_PATH, checkOf, findingOf, oneApiModel, reportOf, runManifest, verdict } from './support-routing.ts';

const MANIFEST = `version: 1
routes:
  - GET /health
  - route: GET /products/{id}
    params: { id: "42" }
`;

function verify(emulator: Emulator, baseUrl: string, manifest = MANIFEST): Promise<ActionRun> {
  return runAction({
    emulator,
    inputs: {
      'rest-api-id': STOREFRONT_API_ID,
      stage: 'prod',
      region: FRONT_DOORS_REGION,
      'base-url': baseUrl,
      'connect-to': emulator.connectTo,
      retries: '0',
      timeout: '3',
    },
    files: { [MANIFEST_PATH]: manifest },
  });
}

function withModel(model: EmulatorModel, body: (emulator: () => Emulator) => void): void {
  let emulator: Emulator | undefined;
  before(async () => {
    emulator = await startEmulator(model);
  });
  after(async () => {
    await emulator?.close();
  });
  body(() => {
    assert.ok(emulator);
    return emulator;
  });
}

describe('the default execute-api endpoint disabled', () => {
  withModel(frontDoorsModel({ disableExecuteApiEndpoint: true }), (emulator) => {
    test('every check Forbidden on the execute-api host: default-endpoint-disabled, run-wide, before any auth cause', async () => {
      const run = await verify(emulator(), emulator().invokeUrl(STOREFRONT_API_ID, 'prod'));
      for (const route of ['GET /health', 'GET /products/{id}']) {
        const check = checkOf(run, route);
        assert.equal(check.errorType, 'ForbiddenException');
        assert.deepEqual(verdict(check), { code: 'default-endpoint-disabled', severity: 'error', outcome: 'failed' }, run.stdout);
        assert.match(check.diagnosis?.fix ?? '', /custom domain/);
      }
      const finding = findingOf(run, 'default-endpoint-disabled');
      assert.equal(finding.severity, 'error');
      assert.match(finding.message, /2 of 2 requests/);
      assert.equal(run.outputs.result, 'failed');
    });

    test("through a user's distribution whose /api/* origin is the disabled execute-api host: default-endpoint-disabled after one direct request", async () => {
      const run = await verify(emulator(), `http://${DISTRIBUTION_ALIAS}/api`);
      const check = checkOf(run, 'GET /health');
      assert.deepEqual(verdict(check), { code: 'default-endpoint-disabled', severity: 'error', outcome: 'failed' }, run.stdout);
      assert.match(check.diagnosis?.fix ?? '', /Point the distribution's origin at a custom domain/);
      assert.equal(check.diagnosis?.evidence.distribution, 'user');
    });

    test('the same stage through its custom domain passes, with no finding about the disabled endpoint', async () => {
      const run = await verify(emulator(), `http://${STOREFRONT_DOMAIN}`);
      assert.equal(run.outputs.result, 'passed', run.stdout);
      assert.equal(reportOf(run).findings.filter((f) => f.code === 'default-endpoint-disabled').length, 0);
    });
  });
});

const WITH_CANARY_ROUTE = `version: 1
routes:
  - GET /health
  - GET /recommendations
`;

describe('a canary on the stage', () => {
  withModel(frontDoorsModel({ canaryPercent: 0 }), (emulator) => {
    test('a route only the canary serves, at 0%: canary-active (not route-not-deployed), and the finding names it', async () => {
      const run = await verify(emulator(), emulator().invokeUrl(STOREFRONT_API_ID, 'prod'), WITH_CANARY_ROUTE);
      const check = checkOf(run, 'GET /recommendations');
      assert.deepEqual(verdict(check), { code: 'canary-active', severity: 'error', outcome: 'failed' }, run.stdout);
      assert.match(check.diagnosis?.explanation ?? '', /only the canary's deployment sf2canary serves it/);
      assert.equal(checkOf(run, 'GET /health').outcome, 'passed');
      const finding = findingOf(run, 'canary-active');
      assert.equal(finding.severity, 'warning');
      assert.deepEqual(finding.evidence.canaryOnly, ['GET /recommendations']);
      // the canary's summary is one GetDeployment more, whatever the number of routes
      assert.equal(reportOf(run).controlPlaneCalls.GetDeployment, 2);
    });
  });

  withModel(frontDoorsModel({ canaryPercent: 50 }), (emulator) => {
    test('a 50% canary: the canary-only route is canary-active whichever deployment answered, never flaky', async () => {
      for (let i = 0; i < 2; i++) {
        const run = await verify(emulator(), emulator().invokeUrl(STOREFRONT_API_ID, 'prod'), WITH_CANARY_ROUTE);
        const check = checkOf(run, 'GET /recommendations');
        assert.equal(check.diagnosis?.code, 'canary-active', run.stdout);
        assert.equal(check.diagnosis?.severity, check.outcome === 'failed' ? 'error' : 'warning');
      }
    });
  });
});

describe('a deployed summary without auth details (partial control plane)', () => {
  const IAM = { authorizationType: 'AWS_IAM' as const };
  const RESOURCES = { '/': {}, '/health': { GET: {} }, '/reports': { GET: IAM }, '/audit': { GET: IAM } };
  const model = oneApiModel({
    id: 'part000001',
    resources: RESOURCES,
    deployments: [{ id: 'dep1', resources: RESOURCES }],
    stages: { prod: 'dep1' },
  });
  const api = model.apis[0];
  assert.ok(api);
  api.apiSummaryWithoutAuth = true;
  const manifest = `version: 1
api:
  rest-api-id: part000001
  stage: prod
  region: us-east-1
routes:
  - GET /health
  - GET /reports
  - route: GET /audit
    auth: none
`;
  withModel(model, (emulator) => {
    test('auth: auto follows the current definition (the IAM route is signed and passes), and the summary and evidence say so', async () => {
      const run = await runManifest(emulator(), manifest, { apiId: 'part000001', stage: 'prod' });
      assert.deepEqual([checkOf(run, 'GET /reports').auth, checkOf(run, 'GET /reports').outcome], ['iam', 'passed'], run.stdout);
      const unsigned = checkOf(run, 'GET /audit');
      assert.ok(unsigned.diagnosis, run.stdout);
      assert.match(unsigned.diagnosis.explanation, /read from the API's current definition/);
      assert.equal(unsigned.diagnosis.evidence.authFrom, 'current definition');
      assert.match(reportOf(run).definitionRead ?? '', /^read before probing: the deployed API summary lists no authorizationType/);
      assert.match(run.summary, /partial control plane/);
    });
  });
});

describe("CloudFront in front of the gateway: a user's distribution and an EDGE API's own", () => {
  withModel(frontDoorsModel(), (emulator) => {
    test("through the user's /api/* behavior (origin path /prod): cloudfront-path, showing the path the gateway saw, after one direct request", async () => {
      const run = await verify(emulator(), `http://${DISTRIBUTION_ALIAS}/api`);
      const check = checkOf(run, 'GET /products/{id}');
      assert.deepEqual(verdict(check), { code: 'cloudfront-path', severity: 'error', outcome: 'failed' }, run.stdout);
      const d = check.diagnosis;
      assert.ok(d);
      assert.equal(d.evidence.gatewaySaw, '/prod/api/products/42');
      assert.equal(d.evidence.stageServes, '/products/42');
      assert.equal(d.evidence.pathPattern, '/api/*');
      assert.deepEqual(d.evidence.direct, {
        url: `${emulator().invokeUrl(STOREFRONT_API_ID, 'prod')}/products/42`,
        status: 200,
        met: true,
      });
      assert.match(d.fix, /base-path mapping `api` → f1r2o3n4t5\/prod/);
      assert.equal(checkOf(run, 'GET /health').diagnosis?.code, 'cloudfront-path');
    });

    test("an EDGE API answers through API Gateway's own distribution: CloudFront headers, no cloudfront-path", async () => {
      const manifest = `version: 1
routes:
  - GET /health
  - GET /missing
`;
      const run = await runAction({
        emulator: emulator(),
        inputs: {
          'rest-api-id': EDGE_API_ID,
          stage: 'prod',
          region: FRONT_DOORS_REGION,
          'base-url': emulator().invokeUrl(EDGE_API_ID, 'prod'),
          'connect-to': emulator().connectTo,
          retries: '0',
          timeout: '3',
        },
        files: { [MANIFEST_PATH]: manifest },
      });
      assert.equal(checkOf(run, 'GET /health').outcome, 'passed', run.stdout);
      assert.equal(checkOf(run, 'GET /missing').diagnosis?.code, 'resource-not-found', run.stdout);
    });
  });
});
