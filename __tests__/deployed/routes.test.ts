// `routes: deployed`: the deployed methods become routes with placeholder path values, auth from
// the deployed method, and `expect: reachable`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PATH_PLACEHOLDER, routesOfDeployment } from '../../src/deployed/routes.ts';
import { resolveAuth } from '../../src/probe/auth.ts';
import { isDeployedRoutes } from '../../src/routes-source.ts';
import { routesOfShard } from '../../src/shard.ts';
import { meetsExpectation } from '../../src/expect.ts';
import type { MethodInfo, MethodTable, Snapshot } from '../../src/types.ts';

const open: MethodInfo = { authorizationType: 'NONE', apiKeyRequired: false };
const iam: MethodInfo = { authorizationType: 'AWS_IAM', apiKeyRequired: false };
const keyed: MethodInfo = { authorizationType: 'NONE', apiKeyRequired: true };

const TABLE: MethodTable = {
  '/users/{id}': { GET: open, DELETE: iam },
  '/': { GET: open },
  '/orders': { POST: keyed, OPTIONS: open },
  '/files/{proxy+}': { ANY: open },
  '/empty': {},
};

const snapshotOf = (deployed: MethodTable): Snapshot => ({
  restApiId: 'a1b2c3d4e5',
  stage: 'prod',
  region: 'us-east-1',
  api: { status: 'ok' },
  stageInfo: { status: 'ok', existingStages: ['prod'] },
  authorizers: {},
  calls: {},
  deployed,
});

test('every deployed method is a route, sorted by path then verb, numbered from line 1, with no file', () => {
  const routes = routesOfDeployment(TABLE);
  assert.deepEqual(
    routes.map((r) => r.route),
    ['GET /', 'GET /files/{proxy+}', 'POST /orders', 'OPTIONS /orders', 'GET /users/{id}', 'DELETE /users/{id}'],
  );
  assert.deepEqual(
    routes.map((r) => r.source),
    routes.map((_, i) => ({ file: '', line: i + 1, column: 1 })),
  );
});

test('path parameters get the placeholder, a greedy {proxy+} one segment of it', () => {
  const routes = routesOfDeployment(TABLE);
  assert.equal(PATH_PLACEHOLDER, 'smoke');
  assert.deepEqual(routes.find((r) => r.route === 'GET /users/{id}')?.params, { id: 'smoke' });
  const proxy = routes.find((r) => r.path === '/files/{proxy+}');
  assert.deepEqual(proxy?.params, { proxy: 'smoke' });
  assert.ok(!proxy.params.proxy?.includes('/'));
  assert.deepEqual(routes.find((r) => r.route === 'GET /')?.params, {});
});

test('each route expects reachable: a backend 4xx or 5xx passes, a gateway refusal does not', () => {
  for (const route of routesOfDeployment(TABLE)) {
    assert.equal(route.expect.text, 'reachable');
    assert.ok(meetsExpectation(route.expect, 404, {}), 'a backend 404 for the placeholder id');
    assert.ok(meetsExpectation(route.expect, 500, {}), "the backend's own 500");
    assert.ok(!meetsExpectation(route.expect, 403, { errorType: 'MissingAuthenticationTokenException' }));
    assert.ok(!meetsExpectation(route.expect, 403, { errorType: 'AccessDeniedException' }));
  }
});

test('auth is auto: each request carries what its deployed method asks for', () => {
  const routes = routesOfDeployment(TABLE);
  const snapshot = snapshotOf(TABLE);
  const auth = Object.fromEntries(routes.map((r) => [r.route, resolveAuth(r, snapshot)]));
  assert.ok(routes.every((r) => r.auth === 'auto'));
  assert.deepEqual(auth['DELETE /users/{id}'], { auth: 'iam', from: 'deployed', tokenHeader: 'Authorization' });
  assert.equal(auth['POST /orders']?.auth, 'api-key');
  assert.equal(auth['GET /users/{id}']?.auth, 'none');
  assert.equal(auth['GET /users/{id}']?.from, 'deployed');
});

test('OPTIONS methods are routes too, sent without a body or credentials of their own', () => {
  const options = routesOfDeployment(TABLE).find((r) => r.method === 'OPTIONS');
  assert.equal(options?.route, 'OPTIONS /orders');
  assert.equal(options.body, undefined);
  assert.equal(resolveAuth(options, snapshotOf(TABLE)).auth, 'none');
});

test('ANY is sent as the first verb its resource has no method of its own for, and left out when it has them all', () => {
  const verbsFor = (methods: Record<string, MethodInfo>) => routesOfDeployment({ '/any': methods }).map((r) => r.method);
  assert.deepEqual(verbsFor({ ANY: open }), ['GET']);
  assert.deepEqual(verbsFor({ ANY: open, GET: iam }), ['GET', 'POST']);
  assert.deepEqual(verbsFor({ ANY: open, GET: iam, POST: iam }), ['GET', 'POST', 'PUT']);
  assert.deepEqual(verbsFor({ ANY: open, GET: open, POST: open, PUT: open, PATCH: open, DELETE: open }), [
    'GET',
    'POST',
    'PUT',
    'PATCH',
    'DELETE',
  ]);
  // the stand-in is served by the ANY method: auth: auto takes the ANY's
  const route = routesOfDeployment({ '/any': { ANY: iam, GET: open } }).find((r) => r.method === 'POST');
  assert.ok(route);
  assert.equal(resolveAuth(route, snapshotOf({ '/any': { ANY: iam, GET: open } })).auth, 'iam');
});

test('shards split the deployed routes by route key: every route once, the same on every run', () => {
  const routes = routesOfDeployment(TABLE);
  const shards = [1, 2, 3].map((index) => routesOfShard(routes, { index, count: 3 }));
  assert.deepEqual(
    shards
      .flat()
      .map((r) => r.route)
      .sort(),
    routes.map((r) => r.route).sort(),
  );
  assert.deepEqual(
    [1, 2, 3].map((index) => routesOfShard(routesOfDeployment(TABLE), { index, count: 3 }).map((r) => r.route)),
    shards.map((s) => s.map((r) => r.route)),
  );
});

test('only the exact value `deployed` selects the deployed stage; a file of that name is ./deployed', () => {
  assert.equal(isDeployedRoutes({ routes: 'deployed' }), true);
  assert.equal(isDeployedRoutes({ routes: ' deployed ' }), true);
  assert.equal(isDeployedRoutes({ routes: './deployed' }), false);
  assert.equal(isDeployedRoutes({ routes: 'Deployed' }), false);
  assert.equal(isDeployedRoutes({ routes: '.github/apigw-routes.yml' }), false);
});
