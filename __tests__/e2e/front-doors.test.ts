// End-to-end: the bundled action against the emulator when the requests do not go straight to
// the verified stage's execute-api URL — another API id or region in base-url, a prefix in
// base-url, a custom domain whose base-path mappings lead elsewhere, a proxy that changes the
// path. Each case must end in its own code with a fix naming a base URL, and the fixes are run
// again to prove that URL works. Custom domains reach the emulator through the Host header
// (`connect-to` sends every host to its data plane).
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { type Emulator, startEmulator } from '../../emulator/index.ts';
import type { EmulatorModel, ResourcesModel } from '../../emulator/model.ts';
import type { ActionRun } from '../../emulator/run-action.ts';
import { runAction } from '../../emulator/run-action.ts';
import { IDENTITY, MANIFEST_PATH, REGION, checkOf, findingOf, reportOf, verdict } from './support-routing.ts';

const API = 'front00001';
const OTHER = 'other00002';
const PREFIXED = 'pfx0000003';
const OPEN = { authorizationType: 'NONE' as const };
const PROD: ResourcesModel = { '/': {}, '/users': { GET: OPEN }, '/health': { GET: OPEN } };
const DEV: ResourcesModel = { '/': {}, '/health': { GET: OPEN } };
const UNDER_API_V1: ResourcesModel = {
  '/': {},
  '/api': {},
  '/api/v1': {},
  '/api/v1/users': { GET: OPEN },
  '/api/v1/health': { GET: OPEN },
};

const MODEL: EmulatorModel = {
  region: REGION,
  apis: [
    {
      id: API,
      name: 'front',
      endpointType: 'REGIONAL',
      resources: PROD,
      deployments: [
        { id: 'depdev1', createdDate: '2026-01-01T09:00:00.000Z', resources: DEV },
        { id: 'depprod', createdDate: '2026-01-02T09:00:00.000Z', resources: PROD },
      ],
      stages: [
        { name: 'prod', deploymentId: 'depprod' },
        { name: 'dev', deploymentId: 'depdev1' },
      ],
    },
    {
      id: OTHER,
      name: 'someone else',
      endpointType: 'REGIONAL',
      resources: DEV,
      deployments: [{ id: 'depoth1', createdDate: '2026-01-01T09:00:00.000Z', resources: DEV }],
      stages: [{ name: 'prod', deploymentId: 'depoth1' }],
    },
    {
      id: PREFIXED,
      name: 'prefixed',
      endpointType: 'REGIONAL',
      resources: UNDER_API_V1,
      deployments: [{ id: 'deppfx1', createdDate: '2026-01-01T09:00:00.000Z', resources: UNDER_API_V1 }],
      stages: [{ name: 'prod', deploymentId: 'deppfx1' }],
    },
  ],
  domainNames: [
    { domainName: 'v1.shop.example', mappings: [{ basePath: 'v1', restApiId: API, stage: 'prod' }] },
    { domainName: 'api.shop.example', mappings: [{ basePath: '(none)', restApiId: API, stage: 'prod' }] },
    { domainName: 'dev.shop.example', mappings: [{ basePath: '(none)', restApiId: API, stage: 'dev' }] },
    {
      domainName: 'multi.shop.example',
      mappings: [
        { basePath: '(none)', restApiId: OTHER, stage: 'prod' },
        { basePath: 'shop/v1', restApiId: API, stage: 'prod' },
      ],
    },
    { domainName: 'elsewhere.shop.example', mappings: [{ basePath: '(none)', restApiId: OTHER, stage: 'prod' }] },
  ],
  identities: [IDENTITY],
};

const MANIFEST = `version: 1
routes:
  - GET /users
  - GET /health
`;

let emulator: Emulator;

/** The workflow names API, stage and region as inputs, and base-url as an input (the workflow chose it). */
function verify(baseUrl: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({
    emulator,
    inputs: {
      'rest-api-id': API,
      stage: 'prod',
      region: REGION,
      'base-url': baseUrl,
      'connect-to': emulator.connectTo,
      retries: '0',
      timeout: '3',
      ...inputs,
    },
    files: { [MANIFEST_PATH]: MANIFEST },
  });
}

/** The diagnosis of GET /users, with a readable failure when it is not the expected code. */
function usersDiagnosis(run: ActionRun, code: string) {
  const check = checkOf(run, 'GET /users');
  assert.deepEqual(
    verdict(check),
    { code, severity: 'error', outcome: 'failed' },
    `${run.stdout}\n${JSON.stringify(check.diagnosis, null, 2)}`,
  );
  const diagnosis = check.diagnosis;
  assert.ok(diagnosis);
  return diagnosis;
}

/** The base URL the fix names, `base-url: <url>` in backticks. */
function fixedBaseUrl(fix: string): string {
  const url = /`base-url: (\S+?)`/.exec(fix)?.[1];
  assert.ok(url, `the fix names a base URL: ${fix}`);
  return url;
}

async function assertPassesWith(baseUrl: string, inputs: Record<string, string> = {}): Promise<void> {
  const run = await verify(baseUrl, inputs);
  assert.equal(run.outputs.result, 'passed', `the suggested base-url ${baseUrl} works:\n${run.stdout}`);
  assert.equal(run.outputs.passed, '2');
}

describe('front doors: base URLs that do not lead straight to the verified stage', () => {
  before(async () => {
    emulator = await startEmulator(MODEL);
  });
  after(async () => {
    await emulator?.close();
  });

  test('another API id in base-url: base-url-mismatch on the failed check and as a finding, naming both APIs', async () => {
    const run = await verify(emulator.invokeUrl(OTHER, 'prod'));
    const d = usersDiagnosis(run, 'base-url-mismatch');
    assert.match(d.explanation, new RegExp(`names API ${OTHER}.*${API} in ${REGION}`));
    const finding = findingOf(run, 'base-url-mismatch');
    assert.equal(finding.severity, 'error');
    assert.match(run.stdout, /base-url names API other00002 in us-east-1, but rest-api-id\/region are front00001/);
    assert.equal(run.outputs.result, 'failed');
    assert.equal(fixedBaseUrl(d.fix), emulator.invokeUrl(API, 'prod'));
    await assertPassesWith(fixedBaseUrl(d.fix));
  });

  test('base-url in another region than `region`: base-url-mismatch, not an IAM or expect problem', async () => {
    const run = await verify(`http://${API}.execute-api.us-west-2.amazonaws.com/prod`);
    const d = usersDiagnosis(run, 'base-url-mismatch');
    assert.match(d.explanation, /region us-west-2/);
    assert.equal(checkOf(run, 'GET /health').diagnosis?.code, 'base-url-mismatch');
    assert.equal(fixedBaseUrl(d.fix), emulator.invokeUrl(API, 'prod'));
  });

  test('an extra prefix in base-url (/prod/api/v1 while the stage serves /users): resource-not-found, the fix edits base-url', async () => {
    const run = await verify(`${emulator.invokeUrl(API, 'prod')}/api/v1`);
    const d = usersDiagnosis(run, 'resource-not-found');
    assert.match(d.explanation, /prefix \/api\/v1 comes from base-url/);
    assert.equal(d.evidence.path, '/api/v1/users');
    const url = fixedBaseUrl(d.fix);
    assert.equal(url, emulator.invokeUrl(API, 'prod'));
    await assertPassesWith(url);
  });

  test('resources under /api/v1 and a base-url without it: resource-not-found, the fix adds the prefix to base-url', async () => {
    const run = await verify(emulator.invokeUrl(PREFIXED, 'prod'), { 'rest-api-id': PREFIXED });
    const d = usersDiagnosis(run, 'resource-not-found');
    assert.match(d.explanation, /live under \/api\/v1, which base-url/);
    const url = fixedBaseUrl(d.fix);
    assert.equal(url, `${emulator.invokeUrl(PREFIXED, 'prod')}/api/v1`);
    await assertPassesWith(url, { 'rest-api-id': PREFIXED });
  });

  test('a custom domain mapped at v1, called without /v1: Forbidden explained by the mapping table, the fix adds /v1', async () => {
    const run = await verify('http://v1.shop.example');
    assert.equal(checkOf(run, 'GET /users').errorType, 'ForbiddenException');
    const d = usersDiagnosis(run, 'base-path-mapping');
    assert.match(d.explanation, /No base-path mapping of v1\.shop\.example matches the path \/users/);
    assert.deepEqual(d.evidence.mappings, [{ basePath: 'v1', restApiId: API, stage: 'prod' }]);
    const url = fixedBaseUrl(d.fix);
    assert.equal(url, 'http://v1.shop.example/v1');
    await assertPassesWith(url);
    // read once per run, whatever the number of routes
    assert.equal(reportOf(run).controlPlaneCalls.GetBasePathMappings, 1);
    assert.equal(reportOf(run).controlPlaneCalls.GetDomainName, 1);
  });

  test('the stage named again through a mapping that already leads to it: base-path-mapping, the fix drops /prod', async () => {
    const run = await verify('http://api.shop.example/prod');
    const d = usersDiagnosis(run, 'base-path-mapping');
    assert.match(d.explanation, /already leads to stage prod/);
    assert.equal(d.evidence.pathAfterBasePath, '/prod/users');
    const url = fixedBaseUrl(d.fix);
    assert.equal(url, 'http://api.shop.example');
    await assertPassesWith(url);
  });

  test('a (none) mapping that leads to dev while the workflow verifies prod: both deployments compared, the fix names a URL that reaches prod', async () => {
    const run = await verify('http://dev.shop.example');
    const d = usersDiagnosis(run, 'base-path-mapping');
    assert.match(d.explanation, /stage dev, not to front00001\/prod/);
    assert.match(d.explanation, /Stage dev serves deployment depdev1, prod serves depprod/);
    assert.match(d.fix, /create-base-path-mapping --domain-name dev\.shop\.example --rest-api-id front00001 --stage prod/);
    // GET /health answered 200 on dev: it met expect, but proved nothing about prod
    assert.deepEqual(verdict(checkOf(run, 'GET /health')), { code: 'base-path-mapping', severity: 'warning', outcome: 'warning' });
    const url = fixedBaseUrl(d.fix);
    assert.equal(url, emulator.invokeUrl(API, 'prod'));
    await assertPassesWith(url);
  });

  test('the domain is read once per run, whatever the number of routes', async () => {
    const routes = Array.from({ length: 40 }, (_, i) => `  - GET /users/${i}`).join('\n');
    const run = await runAction({
      emulator,
      inputs: {
        'rest-api-id': API,
        stage: 'prod',
        region: REGION,
        'base-url': 'http://dev.shop.example',
        'connect-to': emulator.connectTo,
        retries: '0',
        timeout: '3',
      },
      files: { [MANIFEST_PATH]: `version: 1\nroutes:\n${routes}\n` },
    });
    const calls = reportOf(run).controlPlaneCalls;
    assert.equal(reportOf(run).checks.length, 40);
    assert.deepEqual([calls.GetDomainName, calls.GetBasePathMappings, calls.GetStages], [1, 1, 2], JSON.stringify(calls));
    assert.ok(reportOf(run).checks.every((c) => c.diagnosis?.code === 'base-path-mapping'));
  });

  test('a multi-level base path missed: the request fell to the (none) mapping of another API', async () => {
    const run = await verify('http://multi.shop.example/shop');
    const d = usersDiagnosis(run, 'base-path-mapping');
    assert.match(d.explanation, /matched the mapping \(none\) → other00002\/prod, so it went to API other00002/);
    const url = fixedBaseUrl(d.fix);
    assert.equal(url, 'http://multi.shop.example/shop/v1');
    await assertPassesWith(url);
  });

  test('a domain with no mapping to this API at all: base-path-mapping with the mapping to create', async () => {
    const run = await verify('http://elsewhere.shop.example');
    const d = usersDiagnosis(run, 'base-path-mapping');
    assert.match(d.fix, /No mapping of elsewhere\.shop\.example leads to front00001\/prod/);
    assert.equal(fixedBaseUrl(d.fix), emulator.invokeUrl(API, 'prod'));
  });
});

describe('the follow-up request to the direct URL', () => {
  let proxy: http.Server;
  let proxyPort: number;
  const forwarded: string[] = [];
  before(async () => {
    emulator = await startEmulator(MODEL);
    const dataPort = new URL(emulator.dataUrl).port;
    // A front door the control plane does not know: it puts /edge before every path it forwards.
    proxy = http.createServer((req, res) => {
      forwarded.push(req.url ?? '');
      const upstream = http.request(
        {
          host: '127.0.0.1',
          port: dataPort,
          method: req.method,
          path: `/prod/edge${(req.url ?? '/').replace(/^\/prod/, '')}`,
          headers: { ...req.headers, host: `${API}.execute-api.${REGION}.amazonaws.com` },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyPort = (proxy.address() as AddressInfo).port;
  });
  after(async () => {
    proxy?.closeAllConnections();
    await Promise.all([new Promise((resolve) => proxy?.close(resolve)), emulator?.close()]);
  });

  test('a served route refused through an unknown front door gets one direct request; its 200 is the evidence', async () => {
    const run = await verify('http://gw.shop.example/prod', {
      'connect-to': `gw.shop.example::127.0.0.1:${proxyPort}\n${emulator.connectTo}`,
    });
    const d = usersDiagnosis(run, 'unexpected-status');
    assert.match(
      d.explanation,
      /answers 200 on the direct URL http:\/\/front00001\.execute-api\.us-east-1\.amazonaws\.com\/prod\/users: the front door/,
    );
    assert.deepEqual(d.evidence.direct, { url: `${emulator.invokeUrl(API, 'prod')}/users`, status: 200, met: true });
    // one request per failing route through the front door, one follow-up each on the direct URL, none more
    assert.deepEqual(forwarded.sort(), ['/prod/health', '/prod/users']);
    assert.equal(emulator.state.dataCalls['GET /users'], 1);
    assert.equal(emulator.state.dataCalls['GET /health'], 1);
    assert.equal(fixedBaseUrl(d.fix), emulator.invokeUrl(API, 'prod'));
  });

  test('never for passing routes: through a domain that works, no direct request is made', async () => {
    const run = await verify('http://api.shop.example');
    assert.equal(run.outputs.result, 'passed', run.stdout);
    assert.deepEqual(
      Object.keys(emulator.state.dataCalls)
        .filter((k) => !k.startsWith('GET /edge/'))
        .sort(),
      ['GET /health', 'GET /users'],
    );
    assert.equal(emulator.state.dataCalls['GET /users'], 2, "the earlier follow-up and this run's one request");
  });
});
