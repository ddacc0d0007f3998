// End-to-end: the bundled action (dist/index.js) against the API Gateway emulator, for every
// way a request fails to match a route. Each run is one child process as the GitHub runner
// starts it; several causes share a run when they can share an API.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { ResourcesModel } from '../../emulator/model.ts';
import type { ActionRun } from '../../emulator/run-action.ts';
import {
  annotationsOf,
  assertAnnotatedAt,
  checkOf,
  evidenceOf,
  findingOf,
  lineOf,
  oneApiModel,
  outputsWithoutReportFile,
  reportOf,
  runManifest,
  titledAnnotations,
  verdict,
  withEmulator,
  MANIFEST_PATH,
  manifestFor,
} from './support-routing.ts';

describe('route matching: one run, one route per cause', () => {
  const API = 'rt1abc2def';
  // What stage prod serves. `/orders` exists only as the parent of `/orders/{id}`, while
  // `/bookings` is a resource of its own (POST); the root has only a CORS preflight; the proxy
  // serves POST only, so it catches none of the other verbs.
  const deployed: ResourcesModel = {
    '/': { OPTIONS: {} },
    '/users': { GET: {} },
    '/users/{id}': { GET: {} },
    '/orders/{id}': { GET: {} },
    '/bookings': { POST: {} },
    '/bookings/{id}': { GET: {} },
    '/{proxy+}': { POST: {} },
  };
  // GET /invoices was added to the definition after the stage's (newest) deployment.
  const model = oneApiModel({
    id: API,
    resources: { ...deployed, '/invoices': { GET: {} } },
    deployments: [{ id: 'dep0001', resources: deployed }],
    stages: { prod: 'dep0001' },
  });
  const MANIFEST = manifestFor(
    API,
    'prod',
    `  - GET /users
  - route: GET /users/{id}
    params: { id: "42" }
  - route: GET /user/{id}          # singular
    params: { id: "42" }
  - GET /orders                    # stops before {id}
  - DELETE /users
  - GET /bookings                  # a resource, but POST only
  - GET /
  - GET /invoices
  - route: OPTIONS /users
    cors: { origin: https://app.example.com, method: GET }
`,
  );

  /** One route per cause; `line` finds the route's line in MANIFEST without the action's parser. */
  const CASES: { route: string; code: string; line: RegExp; evidence: (e: Record<string, unknown>) => void }[] = [
    {
      route: 'GET /user/{id}',
      code: 'resource-not-found',
      line: /- route: GET \/user\/\{id\}/,
      evidence: (e) => {
        assert.equal(e.path, '/user/42');
        assert.deepEqual((e.suggestions as { path: string }[])[0]?.path, '/users/{id}');
      },
    },
    {
      route: 'GET /orders',
      code: 'path-parameter-missing',
      line: /- GET \/orders\b/,
      evidence: (e) =>
        assert.deepEqual(
          { missingParameter: e.missingParameter, routes: e.routes },
          { missingParameter: 'id', routes: ['GET /orders/{id}'] },
        ),
    },
    {
      route: 'DELETE /users',
      code: 'method-not-defined',
      line: /- DELETE \/users$/,
      evidence: (e) =>
        assert.deepEqual(
          { resource: e.resource, verb: e.verb, methods: e.methods },
          { resource: '/users', verb: 'DELETE', methods: ['GET'] },
        ),
    },
    {
      // method-not-defined beats path-parameter-missing when the path is itself a resource (§6).
      route: 'GET /bookings',
      code: 'method-not-defined',
      line: /- GET \/bookings\b/,
      evidence: (e) =>
        assert.deepEqual(
          { resource: e.resource, methods: e.methods, servedBelow: e.servedBelow },
          { resource: '/bookings', methods: ['POST'], servedBelow: ['GET /bookings/{id}'] },
        ),
    },
    {
      route: 'GET /',
      code: 'root-has-no-method',
      line: /- GET \/$/,
      evidence: (e) => assert.deepEqual({ methods: e.methods, proxies: e.proxies }, { methods: ['OPTIONS'], proxies: ['/{proxy+}'] }),
    },
    {
      route: 'GET /invoices',
      code: 'route-not-deployed',
      line: /- GET \/invoices$/,
      evidence: (e) =>
        assert.deepEqual(
          { definedAs: e.definedAs, stageDeploymentId: e.stageDeploymentId, latestDeploymentId: e.latestDeploymentId },
          { definedAs: 'GET /invoices', stageDeploymentId: 'dep0001', latestDeploymentId: 'dep0001' },
        ),
    },
    {
      route: 'OPTIONS /users',
      code: 'cors-preflight-missing',
      line: /- route: OPTIONS \/users$/,
      evidence: (e) =>
        assert.deepEqual(
          { resource: e.resource, methods: e.methods, origin: e.origin, requestMethod: e.requestMethod },
          { resource: '/users', methods: ['GET'], origin: 'https://app.example.com', requestMethod: 'GET' },
        ),
    },
  ];

  let run: ActionRun;
  before(async () => {
    run = await withEmulator(model, (emulator) => runManifest(emulator, MANIFEST, { apiId: API, stage: 'prod' }));
  });

  test('outputs: 9 checks, 7 failed with "Missing Authentication Token", exit 1 under fail-on: error', () => {
    assert.deepEqual(outputsWithoutReportFile(run), {
      result: 'failed',
      total: '9',
      passed: '2',
      failed: '7',
      'missing-authentication-token': '7',
      'stage-deployment-id': 'dep0001',
      'latest-deployment-id': 'dep0001',
    });
    assert.equal(run.exitCode, 1);
  });

  test('the routes the stage serves pass without a diagnosis', () => {
    for (const route of ['GET /users', 'GET /users/{id}']) {
      assert.deepEqual(verdict(checkOf(run, route)), { code: null, severity: null, outcome: 'passed' }, route);
    }
  });

  for (const c of CASES) {
    test(`${c.code}: ${c.route} is diagnosed and annotated on its manifest line`, () => {
      const check = checkOf(run, c.route);
      assert.deepEqual(verdict(check), { code: c.code, severity: 'error', outcome: 'failed' });
      assert.equal(check.errorType, 'MissingAuthenticationTokenException');
      const line = lineOf(MANIFEST, c.line);
      assert.deepEqual(check.source, { file: MANIFEST_PATH, line, column: 5 });
      c.evidence(evidenceOf(run, c.route));
      assertAnnotatedAt(run, `${c.code}: ${c.route}`, 'error', line);
    });
  }

  test('no error annotation beyond the seven failures', () => {
    const titles = titledAnnotations(run, 'error').map((a) => a.title);
    assert.deepEqual(titles.sort(), CASES.map((c) => `${c.code}: ${c.route}`).sort());
  });
});

describe('API and stage not found, stage missing in the URL', () => {
  const API = 'st1abc2def';
  const resources: ResourcesModel = { '/health': { GET: {} }, '/users/{id}': { GET: {} } };
  const model = oneApiModel({ id: API, resources, deployments: [{ id: 'dep0001', resources }], stages: { prod: 'dep0001' } });
  const ROUTES = `  - GET /health
  - route: GET /users/{id}
    params: { id: "42" }
`;
  const ROUTE_LINES = { 'GET /health': /- GET \/health$/, 'GET /users/{id}': /- route: GET \/users\/\{id\}$/ };

  /**
   * Every route of ROUTES failed with `code`; one cause, so ONE annotation, on the first route's
   * line, naming the other route and its line.
   */
  function assertEveryCheck(run: ActionRun, manifest: string, code: string, errorType: string): void {
    for (const route of Object.keys(ROUTE_LINES)) {
      const check = checkOf(run, route);
      assert.deepEqual(verdict(check), { code, severity: 'error', outcome: 'failed' }, route);
      assert.equal(check.errorType, errorType, route);
    }
    const annotation = assertAnnotatedAt(
      run,
      `${code}: GET /health and 1 more route`,
      'error',
      lineOf(manifest, ROUTE_LINES['GET /health']),
    );
    assert.ok(
      annotation.message.includes(
        `Same cause and fix on 1 more route: GET /users/{id} (line ${lineOf(manifest, ROUTE_LINES['GET /users/{id}'])})`,
      ),
      annotation.message,
    );
    assert.equal(titledAnnotations(run, 'error').filter((a) => a.title?.startsWith(`${code}:`)).length, 1, 'one annotation for the cause');
  }

  test('api-not-found: a wrong rest-api-id fails every check and the finding points at the rest-api-id line', async () => {
    const WRONG = 'zz9wrong00';
    const manifest = manifestFor(WRONG, 'prod', ROUTES);
    const run = await withEmulator(model, (emulator) => runManifest(emulator, manifest, { apiId: WRONG, stage: 'prod' }));

    // An unknown execute-api host answers Forbidden, not MAT: the diagnosis rests on GetRestApi.
    assertEveryCheck(run, manifest, 'api-not-found', 'ForbiddenException');
    const finding = findingOf(run, 'api-not-found');
    assert.equal(finding.severity, 'error');
    assert.deepEqual({ restApiId: finding.evidence.restApiId, region: finding.evidence.region }, { restApiId: WRONG, region: 'us-east-1' });
    assertAnnotatedAt(run, 'api-not-found', 'error', lineOf(manifest, `rest-api-id: ${WRONG}`));
    assert.deepEqual(outputsWithoutReportFile(run), {
      result: 'failed',
      total: '2',
      passed: '0',
      failed: '2',
      'missing-authentication-token': '0',
      'stage-deployment-id': '',
      'latest-deployment-id': '',
    });
    assert.equal(run.exitCode, 1);
  });

  test('stage-not-found: stage "production" when only "prod" exists suggests prod', async () => {
    const manifest = manifestFor(API, 'production', ROUTES);
    const run = await withEmulator(model, (emulator) => runManifest(emulator, manifest, { apiId: API, stage: 'production' }));

    assertEveryCheck(run, manifest, 'stage-not-found', 'MissingAuthenticationTokenException');
    const checkEvidence = evidenceOf(run, 'GET /health');
    assert.deepEqual(
      { existingStages: checkEvidence.existingStages, suggestion: checkEvidence.suggestion },
      { existingStages: ['prod'], suggestion: 'prod' },
    );
    assert.match(String(checkOf(run, 'GET /health').diagnosis?.title), /did you mean "prod"/);

    const finding = findingOf(run, 'stage-not-found');
    assert.equal(finding.severity, 'error');
    assert.equal(finding.evidence.suggestion, 'prod');
    assertAnnotatedAt(run, 'stage-not-found', 'error', lineOf(manifest, 'stage: production'));
    assert.deepEqual(outputsWithoutReportFile(run), {
      result: 'failed',
      total: '2',
      passed: '0',
      failed: '2',
      'missing-authentication-token': '2',
      'stage-deployment-id': '',
      'latest-deployment-id': 'dep0001',
    });
    assert.equal(run.exitCode, 1);
  });

  test('stage-missing-in-url: a base-url without the stage makes the first route segment the stage', async () => {
    const manifest = manifestFor(API, 'prod', ROUTES);
    const { run, withStage } = await withEmulator(model, async (emulator) => ({
      // invokeUrl without a stage: http://<id>.execute-api.us-east-1.amazonaws.com
      run: await runManifest(emulator, manifest, { apiId: API }),
      withStage: emulator.invokeUrl(API, 'prod'),
    }));

    assertEveryCheck(run, manifest, 'stage-missing-in-url', 'MissingAuthenticationTokenException');
    const evidence = evidenceOf(run, 'GET /health');
    assert.deepEqual(
      { takenAsStage: evidence.takenAsStage, existingStages: evidence.existingStages, suggestedBaseUrl: evidence.suggestedBaseUrl },
      { takenAsStage: 'health', existingStages: ['prod'], suggestedBaseUrl: withStage },
    );
    assert.equal(evidenceOf(run, 'GET /users/{id}').takenAsStage, 'users');
    // The stage itself exists and is read: no stage-level finding blames it.
    assert.deepEqual(reportOf(run).findings, []);
    assert.deepEqual(outputsWithoutReportFile(run), {
      result: 'failed',
      total: '2',
      passed: '0',
      failed: '2',
      'missing-authentication-token': '2',
      'stage-deployment-id': 'dep0001',
      'latest-deployment-id': 'dep0001',
    });
    assert.equal(run.exitCode, 1);
  });
});

describe('annotation cap: GitHub keeps 10 error annotations per step', () => {
  const API = 'cap1abc2de';
  const resources: ResourcesModel = { '/health': { GET: {} } };
  const model = oneApiModel({ id: API, resources, deployments: [{ id: 'dep0001', resources }], stages: { prod: 'dep0001' } });
  const missing = Array.from({ length: 14 }, (_, i) => `/missing${String(i + 1).padStart(2, '0')}`);
  const MANIFEST = manifestFor(API, 'prod', `  - GET /health\n${missing.map((p) => `  - GET ${p}\n`).join('')}`);

  const runWith = (failOn: string) =>
    withEmulator(model, (emulator) => runManifest(emulator, MANIFEST, { apiId: API, stage: 'prod', inputs: { 'fail-on': failOn } }));

  test('14 failing routes: exactly 10 ::error lines, 9 routes in manifest order and one that says 5 more are in the summary', async () => {
    const run = await runWith('never');
    const errors = annotationsOf(run.stdout).filter((a) => a.level === 'error');
    assert.equal(errors.length, 10);
    assert.deepEqual(
      errors.slice(0, 9).map((a) => [a.title, a.line]),
      missing.slice(0, 9).map((p) => [`resource-not-found: GET ${p}`, lineOf(MANIFEST, `- GET ${p}`)]),
    );
    const last = errors[9];
    assert.ok(last);
    assert.equal(last.title, 'apigw-route-verify: 5 more errors');
    assert.equal(last.file, MANIFEST_PATH);
    assert.match(last.message, /5 more errors are listed in the job summary/);
    // …and the summary does list the five that did not fit.
    for (const p of missing.slice(9))
      assert.match(
        run.summary,
        new RegExp(`resource-not-found</code> — GET ${p} \\(${MANIFEST_PATH}:${lineOf(MANIFEST, `- GET ${p}`)}\\)`),
      );

    assert.equal(reportOf(run).checks.filter((c) => c.diagnosis?.code === 'resource-not-found').length, 14);
    assert.deepEqual(outputsWithoutReportFile(run), {
      result: 'failed',
      total: '15',
      passed: '1',
      failed: '14',
      'missing-authentication-token': '14',
      'stage-deployment-id': 'dep0001',
      'latest-deployment-id': 'dep0001',
    });
    assert.equal(run.exitCode, 0, 'fail-on: never exits 0 even though result is failed');
  });

  test('with fail-on: error the step failure line is an error annotation too, and still fits in the 10', async () => {
    const run = await runWith('error');
    assert.equal(run.exitCode, 1);
    const errors = annotationsOf(run.stdout).filter((a) => a.level === 'error');
    assert.ok(
      errors.length <= 10,
      `${errors.length} ::error lines: ${JSON.stringify(errors.map((a) => a.title ?? a.message.slice(0, 40)))}`,
    );
  });
});

describe('control-plane calls do not grow with the number of routes', () => {
  const API = 'cp1abc2def';
  const paths = Array.from({ length: 60 }, (_, i) => `/r${String(i + 1).padStart(2, '0')}`);
  const resources: ResourcesModel = Object.fromEntries(paths.map((p) => [p, { GET: {} }]));
  const model = oneApiModel({ id: API, resources, deployments: [{ id: 'dep0001', resources }], stages: { prod: 'dep0001' } });
  const manifestOf = (n: number) =>
    manifestFor(
      API,
      'prod',
      paths
        .slice(0, n)
        .map((p) => `  - GET ${p}\n`)
        .join(''),
    );

  test('a 5-route and a 60-route manifest make the same management calls', async () => {
    const measure = (n: number) =>
      withEmulator(model, async (emulator) => {
        const run = await runManifest(emulator, manifestOf(n), { apiId: API, stage: 'prod' });
        return { run, calls: { ...emulator.state.controlCalls } };
      });
    const [five, sixty] = await Promise.all([measure(5), measure(60)]);

    assert.equal(five.run.outputs.passed, '5');
    assert.equal(sixty.run.outputs.passed, '60');
    assert.deepEqual(sixty.calls, five.calls);
    // Never one call per route: no GetMethod / GetResource at all.
    assert.deepEqual(
      Object.keys(sixty.calls).filter((op) => /^Get(Method|Resource|Integration)$/.test(op)),
      [],
    );
    // The report counts what the service saw.
    assert.deepEqual(reportOf(sixty.run).controlPlaneCalls, sixty.calls);
  });
});
