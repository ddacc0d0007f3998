import { test } from 'node:test';
import assert from 'node:assert/strict';
import finding, { undeclaredRoutes } from '../../../src/diagnose/rules/undeclared-routes.ts';
import type { MethodTable, RouteSpec } from '../../../src/types.ts';
import { blindSnapshot, route, snapshot, table } from '../fixtures.ts';
import { IAM, methods } from '../routing-fixtures.ts';
import { findingContext, findingTester, manifest } from './finding-tester.ts';

const declaring = (deployed: MethodTable, routes: RouteSpec[]) =>
  findingContext({ snapshot: snapshot({ deployed }), manifest: manifest(routes) });
const all = ['GET /', 'GET /health', 'GET /users', 'POST /users', 'GET /users/{id}', 'GET /reports', 'POST /orders'].map((r) => route(r));

findingTester(finding, {
  valid: [
    { name: 'every deployed method is declared (OPTIONS never counts)', ctx: declaring(table(), all) },
    { name: 'control plane blind', ctx: findingContext({ snapshot: blindSnapshot(), manifest: manifest([]) }) },
    {
      name: 'a {param} declared under another name is the same resource path',
      ctx: declaring(methods('GET /users/{id}'), [route('GET /users/{userId}', { params: { userId: '1' } })]),
    },
    {
      name: 'ANY counts as declared when any verb is declared on its resource',
      ctx: declaring(methods('ANY /things'), [route('DELETE /things')]),
    },
    {
      name: 'a {proxy+} counts as declared when a declared route is served through it',
      ctx: declaring(methods('ANY /{proxy+}', 'GET /'), [route('GET /'), route('GET /anything/here')]),
    },
    {
      name: 'a route written against the proxy itself',
      ctx: declaring(methods('GET /files/{proxy+}'), [route('GET /files/{proxy+}', { params: { proxy: 'a/b.txt' } })]),
    },
  ],
  invalid: [
    {
      name: 'undeclared methods, sorted by path then verb',
      ctx: declaring(table(), [route('GET /health'), route('GET /users')]),
      says: [
        'Stage prod serves 5 methods that .github/apigw-routes.yml does not declare',
        'GET /, POST /orders, GET /reports, POST /users, GET /users/{id}',
      ],
      evidence: { routes: ['GET /', 'POST /orders', 'GET /reports', 'POST /users', 'GET /users/{id}'], count: 5 },
      severity: 'notice',
      source: null,
    },
    {
      name: 'routes from an OpenAPI document: add the operations to it, or the API is newer than the document',
      ctx: findingContext({
        snapshot: snapshot({ deployed: methods('GET /users', 'DELETE /users') }),
        manifest: manifest([route('GET /users')], { file: 'openapi.yaml', openApi: true }),
      }),
      says: ['that openapi.yaml does not declare', 'Add it to openapi.yaml as operations', 'the document is older than the deployment'],
      doesNotSay: ['in the manifest'],
      evidence: { routes: ['DELETE /users'] },
    },
    {
      name: 'the same resource with another verb is not declared',
      ctx: declaring(methods('GET /users', 'DELETE /users'), [route('GET /users')]),
      says: ['a method that', 'DELETE /users'],
      evidence: { routes: ['DELETE /users'] },
    },
    {
      name: 'guarded POST /admin + ANY /{proxy+}: GET /admin is served by the proxy, POST /admin is still undeclared',
      ctx: declaring(methods(['POST /admin', IAM], 'ANY /{proxy+}'), [route('GET /admin')]),
      evidence: { routes: ['POST /admin'] },
    },
    {
      name: 'ANY on a resource with nothing declared',
      ctx: declaring(methods('ANY /things', 'GET /health'), [route('GET /health')]),
      evidence: { routes: ['ANY /things'] },
    },
    {
      name: 'a {proxy+} nothing is served through',
      ctx: declaring(methods('ANY /{proxy+}', 'GET /health'), [route('GET /health')]),
      evidence: { routes: ['ANY /{proxy+}'] },
    },
    {
      name: 'a long list is capped in the message, complete in the evidence',
      ctx: declaring(methods(...Array.from({ length: 12 }, (_, i) => `GET /r${String(i).padStart(2, '0')}`)), []),
      says: ['GET /r09 and 2 more'],
      evidence: { count: 12 },
    },
  ],
});

test('undeclaredRoutes: a declared literal route does not cover a {param} sibling, and vice versa', () => {
  const deployed = methods('GET /users/me', 'GET /users/{id}');
  assert.deepEqual(undeclaredRoutes(deployed, [route('GET /users/{id}', { params: { id: '7' } })]), ['GET /users/me']);
  assert.deepEqual(undeclaredRoutes(deployed, [route('GET /users/me')]), ['GET /users/{id}']);
});
