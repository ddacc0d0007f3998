// End-to-end: the bundled action against the API Gateway emulator for what is neither routing
// nor authentication — failing backends, throttling, retries that rescued a route, no answer at
// all, answers outside `expect` — and for "Missing Authentication Token" that a proxy stripped
// of x-amzn-ErrorType and a team customised (status 404, its own body).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Emulator, startEmulator } from '../../emulator/index.ts';
import type { EmulatorModel, GatewayResponseModel, ResourcesModel, RestApiModel } from '../../emulator/model.ts';
import { type ActionRun, TEST_CREDENTIALS } from '../../emulator/run-action.ts';
import { assertDiagnosed, checkAt, countOutputs, runWithManifest } from './support-auth.ts';
import { manifestFor as manifestForStage } from './support-routing.ts';

const STAGE = 'prod';
const IDENTITY = { ...TEST_CREDENTIALS, arn: 'arn:aws:sts::123456789012:assumed-role/deploy/ci' };

function api(id: string, resources: ResourcesModel, gatewayResponses?: Record<string, GatewayResponseModel>): RestApiModel {
  return {
    id,
    name: `other-${id}`,
    endpointType: 'REGIONAL',
    resources,
    deployments: [{ id: `d-${id}`, createdDate: '2026-02-01T12:00:00.000Z', resources }],
    stages: [{ name: STAGE, deploymentId: `d-${id}` }],
    ...(gatewayResponses ? { gatewayResponses } : {}),
  };
}

const manifestFor = (apiId: string, routes: string) => manifestForStage(apiId, STAGE, routes);

// ─── backends, throttling, retries ───────────────────────────────────────────

const BACKEND_API = 'other0e2e1';
const BACKEND_RESOURCES: ResourcesModel = {
  '/items': { GET: {} },
  '/items/{id}': { GET: { integration: { status: 404, body: '{"error":"no such item"}' } } },
  '/backend/broken': { GET: { integration: { fault: 'error' } } },
  '/backend/slow': { GET: { integration: { fault: 'timeout' } } },
  '/busy': { GET: {} },
  '/warmup': { GET: {} },
};
const RETRIES = 1;

const BACKEND = manifestFor(
  BACKEND_API,
  `  - GET /backend/broken
  - GET /backend/slow
  - GET /busy
  - GET /warmup
  - route: GET /items/{id}
    params: { id: "42" }
`,
);

// ─── no answer ───────────────────────────────────────────────────────────────

const NETWORK = manifestFor(BACKEND_API, '  - GET /items\n');

// ─── a customised, header-less "Missing Authentication Token" ────────────────

const MAT_BODY_API = 'matbody001';
const MAT_CUSTOM_API = 'matcustom1';
const CATALOG: ResourcesModel = {
  '/items': { GET: {} },
  '/items/{id}': { GET: { integration: { status: 404, body: '{"error":"no such item"}' } } },
};
const CATALOG_ROUTES = `  - GET /itemz                     # typo of /items
  - route: GET /items/{id}         # the backend's own 404
    params: { id: "42" }
  - GET /items
`;

let backend: Emulator;
let stripped: Emulator;
const runs: Record<'backend' | 'network' | 'matBody' | 'matCustom', ActionRun> = {} as never;

/** A loopback port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

before(async () => {
  const backendModel: EmulatorModel = { region: 'us-east-1', apis: [api(BACKEND_API, BACKEND_RESOURCES)], identities: [IDENTITY] };
  backend = await startEmulator(backendModel);
  // More throttled answers than attempts (retries + 1) on one route; exactly one on another.
  // Retry-After: 0 keeps the retries immediate.
  backend.addFault({ target: 'GET /busy', count: RETRIES + 3, kind: 'throttle', retryAfter: 0 });
  backend.addFault({ target: 'GET /warmup', count: 1, kind: 'throttle', retryAfter: 0 });

  stripped = await startEmulator({
    region: 'us-east-1',
    stripErrorTypeHeader: true,
    apis: [
      // The team kept the gateway's message in its template but changed the status.
      api(MAT_BODY_API, CATALOG, {
        MISSING_AUTHENTICATION_TOKEN: { statusCode: 404, body: '{"message":"Missing Authentication Token","hint":"check the path"}' },
      }),
      // The team replaced status and body entirely.
      api(MAT_CUSTOM_API, CATALOG, {
        MISSING_AUTHENTICATION_TOKEN: { statusCode: 404, body: '{"error":"NOT_FOUND","detail":"No such route on this API"}' },
      }),
    ],
    identities: [IDENTITY],
  });

  const port = await closedPort();
  const [backendRun, network, matBody, matCustom] = await Promise.all([
    runWithManifest(backend, BACKEND, { apiId: BACKEND_API, stage: STAGE, inputs: { retries: String(RETRIES) } }),
    runWithManifest(backend, NETWORK, {
      apiId: BACKEND_API,
      stage: STAGE,
      inputs: { 'base-url': `http://127.0.0.1:${port}/${STAGE}`, 'connect-to': '', timeout: '1', retries: '1' },
    }),
    runWithManifest(stripped, manifestFor(MAT_BODY_API, CATALOG_ROUTES), { apiId: MAT_BODY_API, stage: STAGE }),
    runWithManifest(stripped, manifestFor(MAT_CUSTOM_API, CATALOG_ROUTES), { apiId: MAT_CUSTOM_API, stage: STAGE }),
  ]);
  Object.assign(runs, { backend: backendRun, network, matBody, matCustom });
});

after(async () => {
  await Promise.all([backend?.close(), stripped?.close()]);
});

describe('failing backends, throttling and retries (retries: 1)', () => {
  test('outputs and exit code: the flaky route counts as passed', () => {
    assert.deepEqual(countOutputs(runs.backend), {
      result: 'failed',
      total: '5',
      passed: '1',
      failed: '4',
      'missing-authentication-token': '0',
    });
    assert.equal(runs.backend.exitCode, 1);
  });

  test('integration-error (502): the route matched, the backend failed', () => {
    const check = assertDiagnosed(runs.backend, BACKEND, '- GET /backend/broken', {
      route: 'GET /backend/broken',
      code: 'integration-error',
      severity: 'error',
      outcome: 'failed',
    });
    const evidence = check.diagnosis?.evidence ?? {};
    assert.deepEqual(
      { kind: evidence.kind, status: evidence.status, errorType: evidence.errorType, message: evidence.message },
      { kind: 'failure', status: 502, errorType: 'InternalServerErrorException', message: 'Internal server error' },
    );
    assert.match(String(evidence.requestId), /^[0-9a-f-]{36}$/);
    assert.match(
      check.diagnosis?.fix ?? '',
      new RegExp(`API-Gateway-Execution-Logs_${BACKEND_API}/${STAGE}.*${String(evidence.requestId)}`),
    );
    assert.equal(check.attempts, RETRIES + 1, 'a 5xx is retried');
  });

  test('integration-error (504): the backend timed out', () => {
    const check = assertDiagnosed(runs.backend, BACKEND, '- GET /backend/slow', {
      route: 'GET /backend/slow',
      code: 'integration-error',
      severity: 'error',
      outcome: 'failed',
    });
    assert.deepEqual(
      { kind: check.diagnosis?.evidence.kind, status: check.status, message: check.diagnosis?.evidence.message },
      { kind: 'timeout', status: 504, message: 'Endpoint request timed out' },
    );
  });

  test('throttled: still 429 after every attempt', () => {
    const check = assertDiagnosed(runs.backend, BACKEND, '- GET /busy', {
      route: 'GET /busy',
      code: 'throttled',
      severity: 'error',
      outcome: 'failed',
    });
    assert.equal(check.status, 429);
    assert.equal(check.attempts, RETRIES + 1);
    const evidence = check.diagnosis?.evidence ?? {};
    const answer = evidence.answer as Record<string, unknown>;
    assert.deepEqual(
      { attempts: evidence.attempts, retryAfter: evidence.retryAfter, status: answer.status, errorType: answer.errorType },
      { attempts: RETRIES + 1, retryAfter: '0', status: 429, errorType: 'TooManyRequestsException' },
    );
  });

  test('flaky: throttled once, then passed on the retry — a warning that says what failed first', () => {
    const check = assertDiagnosed(runs.backend, BACKEND, '- GET /warmup', {
      route: 'GET /warmup',
      code: 'flaky',
      severity: 'warning',
      outcome: 'warning',
    });
    assert.equal(check.status, 200);
    assert.deepEqual(check.diagnosis?.evidence, {
      attempts: 2,
      firstFailure: '429 TooManyRequestsException',
      failures: ['429 TooManyRequestsException'],
    });
    assert.match(
      runs.backend.summary,
      /GET \/warmup passed on attempt 2; before that: attempt 1 got 429 TooManyRequestsException/,
      'the summary says what failed first',
    );
  });

  test("unexpected-status: the backend's own 404 is outside `expect: 2xx`", () => {
    const check = assertDiagnosed(runs.backend, BACKEND, 'route: GET /items/{id}', {
      route: 'GET /items/{id}',
      code: 'unexpected-status',
      severity: 'error',
      outcome: 'failed',
    });
    assert.deepEqual(
      { status: check.status, errorType: check.errorType, attempts: check.attempts },
      { status: 404, errorType: null, attempts: 1 },
    );
    assert.equal(check.diagnosis?.evidence.expect, '2xx');
    assert.match(check.diagnosis?.explanation ?? '', /from its backend/);
  });
});

describe('no answer at all', () => {
  test('network-error: connection refused on every attempt', () => {
    const run = runs.network;
    assert.deepEqual(countOutputs(run), { result: 'failed', total: '1', passed: '0', failed: '1', 'missing-authentication-token': '0' });
    assert.equal(run.exitCode, 1);
    const check = assertDiagnosed(run, NETWORK, '- GET /items', {
      route: 'GET /items',
      code: 'network-error',
      severity: 'error',
      outcome: 'failed',
    });
    const evidence = check.diagnosis?.evidence ?? {};
    assert.deepEqual(
      { status: check.status, kind: evidence.kind, attempts: evidence.attempts },
      { status: null, kind: 'refused', attempts: 2 },
    );
    assert.match(String(evidence.networkError), /ECONNREFUSED/);
    assert.match(String(evidence.host), /^127\.0\.0\.1:\d+$/);
  });
});

describe('a customised "Missing Authentication Token" (status 404) behind a proxy that drops x-amzn-ErrorType', () => {
  test("the gateway's message kept in the body: MAT recognised by the body, a routing diagnosis", () => {
    const run = runs.matBody;
    const manifest = manifestFor(MAT_BODY_API, CATALOG_ROUTES);
    assert.deepEqual(countOutputs(run), { result: 'failed', total: '3', passed: '1', failed: '2', 'missing-authentication-token': '1' });
    assert.equal(run.exitCode, 1);
    const miss = assertDiagnosed(run, manifest, '- GET /itemz', {
      route: 'GET /itemz',
      code: 'resource-not-found',
      severity: 'error',
      outcome: 'failed',
    });
    assert.deepEqual({ status: miss.status, errorType: miss.errorType }, { status: 404, errorType: 'MissingAuthenticationTokenException' });
    assert.match(JSON.stringify(miss.diagnosis?.evidence), /"\/items"/);
    // The backend's 404 next to it stays a backend answer.
    const backend404 = assertDiagnosed(run, manifest, 'route: GET /items/{id}', {
      route: 'GET /items/{id}',
      code: 'unexpected-status',
      severity: 'error',
      outcome: 'failed',
    });
    assert.equal(backend404.errorType, null);
  });

  test("the backend's 404 is not mistaken for the customised MAT when the body is the team's own", () => {
    const run = runs.matCustom;
    const manifest = manifestFor(MAT_CUSTOM_API, CATALOG_ROUTES);
    const { result, total, passed, failed } = countOutputs(run);
    assert.deepEqual({ result, total, passed, failed }, { result: 'failed', total: '3', passed: '1', failed: '2' });
    assert.equal(run.exitCode, 1);
    assertDiagnosed(run, manifest, 'route: GET /items/{id}', {
      route: 'GET /items/{id}',
      code: 'unexpected-status',
      severity: 'error',
      outcome: 'failed',
    });
    assert.equal(checkAt(run, manifest, '- GET /items').outcome, 'passed');
  });

  test('status and body both customised: the unmatched route is still recognised as MAT and diagnosed by routing', () => {
    const run = runs.matCustom;
    const manifest = manifestFor(MAT_CUSTOM_API, CATALOG_ROUTES);
    const miss = assertDiagnosed(run, manifest, '- GET /itemz', {
      route: 'GET /itemz',
      code: 'resource-not-found',
      severity: 'error',
      outcome: 'failed',
    });
    assert.equal(miss.errorType, 'MissingAuthenticationTokenException');
    assert.equal(run.outputs['missing-authentication-token'], '1');
  });
});
