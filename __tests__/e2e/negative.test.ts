// End-to-end: negative probes and open doors beside guarded routes, the bundled action
// (dist/index.js) against the emulator. A recording forwarder sits between the action and the
// emulator's data plane and keeps every request's raw head, so the test sees at the socket that
// no negative probe carries a secret. Needs `npm run build` (npm test builds it).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Emulator, startEmulator } from '../../emulator/index.ts';
import type { EmulatorModel, IdentityModel, ResourcesModel } from '../../emulator/model.ts';
import { type ActionRun, TEST_CREDENTIALS } from '../../emulator/run-action.ts';
import type { NegativeProbeTotals, Report } from '../../src/types.ts';
import { assertDiagnosed, checkAt, findingsOf, lineOf, runWithManifest } from './support-auth.ts';

const API_ID = 'neg0e2e001';
const STAGE = 'prod';
const API_KEY = 'e2e-negative-key-0123456789abcdef';
const TOKEN = 'e2e-negative-token-0123456789abcdef';

const RESOURCES: ResourcesModel = {
  '/health': { GET: {} },
  '/reports': { GET: { authorizationType: 'AWS_IAM' } },
  // Lost its AWS_IAM flag in a refactor; the manifest still says iam.
  '/ledger': { GET: {} },
  '/orders': { POST: { apiKeyRequired: true, integration: { status: 201 } } },
  '/account/profile': { GET: { authorizationType: 'COGNITO_USER_POOLS', authorizer: 'users' } },
  // An open catch-all beside the guarded profile: it serves every other verb on /account/profile.
  '/account/{proxy+}': { ANY: {} },
};

const CI: IdentityModel = { ...TEST_CREDENTIALS, arn: 'arn:aws:sts::123456789012:assumed-role/deploy/ci' };
const BLIND: IdentityModel = { ...CI, controlPlane: false };

const model = (identity: IdentityModel): EmulatorModel => ({
  region: 'us-east-1',
  apis: [
    {
      id: API_ID,
      name: 'negative-e2e',
      endpointType: 'REGIONAL',
      resources: RESOURCES,
      authorizers: [
        {
          id: 'cog001',
          name: 'users',
          type: 'COGNITO_USER_POOLS',
          providerARNs: ['arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Neg'],
          validTokens: [TOKEN],
        },
      ],
      deployments: [{ id: 'dep0001', createdDate: '2026-01-05T10:00:00.000Z', resources: RESOURCES }],
      stages: [{ name: STAGE, deploymentId: 'dep0001' }],
    },
  ],
  apiKeys: [{ id: 'k-neg', value: API_KEY }],
  usagePlans: [{ id: 'plan-neg', apiStages: [{ apiId: API_ID, stage: STAGE }], keys: ['k-neg'] }],
  identities: [identity],
});

const MANIFEST = `version: 1
api:
  rest-api-id: ${API_ID}
  stage: ${STAGE}
  region: us-east-1
routes:
  - GET /health                    # open: never probed without credentials
  - GET /reports                   # AWS_IAM, really guarded
  - route: GET /ledger             # lost its AWS_IAM flag
    auth: iam
  - route: POST /orders            # API key
    body: { sku: negative }
  - GET /account/profile           # Cognito, with an open proxy beside it
`;

interface Recorded {
  line: string;
  head: string;
}

/** Forwards every request to the emulator's data plane, keeping its request line and raw headers. */
async function recordingForwarder(emulator: Emulator): Promise<{ connectTo: string; seen: Recorded[]; close: () => Promise<void> }> {
  const seen: Recorded[] = [];
  const target = new URL(emulator.dataUrl);
  const server = http.createServer((req, res) => {
    seen.push({ line: `${req.method} ${req.url}`, head: `${req.method} ${req.url}\n${req.rawHeaders.join('\n')}` });
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    connectTo: `::127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const SECRETS = [
  API_KEY,
  TOKEN,
  TEST_CREDENTIALS.accessKeyId,
  TEST_CREDENTIALS.secretAccessKey,
  TEST_CREDENTIALS.sessionToken,
  'AWS4-HMAC-SHA256',
];
const carriesSecret = (r: Recorded) => SECRETS.some((s) => r.head.includes(s));
const negativeTotals = (run: ActionRun) => (run.report as unknown as Report).negativeProbes;

async function runThrough(identity: IdentityModel, manifest: string, inputs: Record<string, string> = {}) {
  const emulator = await startEmulator(model(identity));
  const forwarder = await recordingForwarder(emulator);
  try {
    const run = await runWithManifest(emulator, manifest, {
      apiId: API_ID,
      stage: STAGE,
      inputs: { 'api-key': API_KEY, 'authorizer-token': TOKEN, 'connect-to': forwarder.connectTo, retries: '0', ...inputs },
    });
    return { run, seen: forwarder.seen };
  } finally {
    await forwarder.close();
    await emulator.close();
  }
}

describe('negative probes with the control plane read', () => {
  let run: ActionRun;
  let seen: Recorded[];
  before(async () => {
    ({ run, seen } = await runThrough(CI, MANIFEST));
  });

  test('(a) an AWS_IAM route that lost its flag: auth-mismatch names the cause, the negative probe proves it', () => {
    const check = assertDiagnosed(run, MANIFEST, 'GET /ledger', {
      route: 'GET /ledger',
      code: 'auth-mismatch',
      severity: 'error',
      outcome: 'failed',
    });
    assert.equal(check.diagnosis?.evidence.lessProtected, true);
    assert.equal(negativeTotals(run)?.notEnforced, 1, 'the unsigned GET /ledger got through');
  });

  test('(b) a route that is really guarded refuses the unsigned request, and passes', () => {
    const check = checkAt(run, MANIFEST, 'GET /reports');
    assert.deepEqual(
      { outcome: check.outcome, auth: check.auth, diagnosis: check.diagnosis },
      { outcome: 'passed', auth: 'iam', diagnosis: null },
    );
  });

  test('(c) an API-key route refuses the request without x-api-key, and passes', () => {
    const check = checkAt(run, MANIFEST, 'POST /orders');
    assert.deepEqual(
      { outcome: check.outcome, status: check.status, auth: check.auth },
      { outcome: 'passed', status: 201, auth: 'api-key' },
    );
  });

  test('(d) a Cognito route refuses no token and a wrong token, but an open proxy serves its other verbs: auth-bypass-via-proxy, proven', () => {
    assert.equal(checkAt(run, MANIFEST, 'GET /account/profile').outcome, 'passed');
    const finding = findingsOf(run).find((f) => f.code === 'auth-bypass-via-proxy');
    assert.ok(
      finding,
      findingsOf(run)
        .map((f) => f.code)
        .join(', '),
    );
    assert.equal(finding.severity, 'warning');
    assert.match(
      finding.message,
      /GET \/account\/profile needs COGNITO_USER_POOLS, but POST, PUT, PATCH, DELETE \/account\/profile are served by ANY \/account\/\{proxy\+\} with NONE \(proven: 200/,
    );
    assert.deepEqual(finding.source, { file: '.github/apigw-routes.yml', line: lineOf(MANIFEST, 'GET /account/profile'), column: 5 });
    assert.equal(finding.evidence.proven, 1);
  });

  test('the report counts negative probes apart from the checks; the outputs count smoke checks as before', () => {
    const totals: NegativeProbeTotals | undefined = negativeTotals(run);
    // reports, ledger, orders: one each; profile: no token and a wrong token
    assert.deepEqual(totals, { sent: 5, refused: 4, notEnforced: 1, inconclusive: 0, basis: 'deployed' });
    assert.deepEqual(
      { total: run.outputs.total, passed: run.outputs.passed, failed: run.outputs.failed },
      { total: '5', passed: '4', failed: '1' },
    );
    assert.match(
      run.summary,
      /\*\*Negative probes:\*\* 5 negative probes \(requests without credentials\), ❌ 1 got through without credentials/,
    );
  });

  test('(f) at the socket: only the smoke requests of protected routes carry a secret; no negative or bypass probe does', () => {
    // smoke 5 + negative 5 + one bypass probe
    assert.equal(seen.length, 11, seen.map((r) => r.line).join('\n'));
    const withSecret = seen
      .filter(carriesSecret)
      .map((r) => r.line)
      .sort();
    assert.deepEqual(withSecret, ['GET /prod/account/profile', 'GET /prod/ledger', 'GET /prod/reports', 'POST /prod/orders']);
    assert.equal(
      seen.filter((r) => r.line === 'HEAD /prod/account/profile').length,
      1,
      'the bypass probe went through the proxy, as a HEAD',
    );
    // the smoke requests really carried them: the test could fail
    assert.ok(
      seen.some((r) => r.head.includes(API_KEY)) &&
        seen.some((r) => r.head.includes(TOKEN)) &&
        seen.some((r) => r.head.includes('AWS4-HMAC-SHA256')),
    );
  });
});

describe('negative probes without control-plane access', () => {
  const manifest = `version: 1
api:
  rest-api-id: ${API_ID}
  stage: ${STAGE}
  region: us-east-1
routes:
  - GET /health
  - route: GET /reports            # declared: probed
    auth: iam
  - route: GET /ledger             # declared, and open
    auth: iam
  - POST /orders                   # auto: nothing to read it from, so not probed
  - GET /account/profile
`;
  let run: ActionRun;
  let seen: Recorded[];
  before(async () => {
    ({ run, seen } = await runThrough(BLIND, manifest));
  });

  test("(e) they follow the manifest's declared auth only, and the report says so", () => {
    assert.deepEqual(negativeTotals(run), { sent: 2, refused: 1, notEnforced: 1, inconclusive: 0, basis: 'manifest' });
    assert.match(run.summary, /They followed the manifest's declared `auth` only: the control plane could not be read\./);
    const ledger = assertDiagnosed(run, manifest, 'GET /ledger', {
      route: 'GET /ledger',
      code: 'auth-not-enforced',
      severity: 'error',
      outcome: 'failed',
    });
    assert.match(ledger.diagnosis?.explanation ?? '', /the manifest declares `auth: iam`.*followed the manifest's declared `auth` only/s);
    assert.equal(checkAt(run, manifest, 'GET /reports').outcome, 'passed');
    // the two signed smoke requests; nothing else carried a credential
    assert.deepEqual(
      seen
        .filter(carriesSecret)
        .map((r) => r.line)
        .sort(),
      ['GET /prod/ledger', 'GET /prod/reports'],
    );
    assert.equal(seen.length, 5 + 2);
  });

  test('negative-probes: false sends none, and the report has no negativeProbes', async () => {
    const off = await runThrough(BLIND, manifest, { 'negative-probes': 'false' });
    assert.equal(negativeTotals(off.run), undefined);
    assert.equal(off.seen.length, 5, off.seen.map((r) => r.line).join('\n'));
    assert.doesNotMatch(off.run.summary, /Negative probes/);
  });
});
