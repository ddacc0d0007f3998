import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveAuth } from '../../src/probe/auth.ts';
import type { AuthorizerInfo, MethodTable, RouteSpec, Snapshot } from '../../src/types.ts';
import { route, snapshot } from './helpers/fixtures.ts';

const iam = { authorizationType: 'AWS_IAM', apiKeyRequired: false };
const open = { authorizationType: 'NONE', apiKeyRequired: false };
const authorizers: Record<string, AuthorizerInfo> = {
  cog: { id: 'cog', name: 'users', type: 'COGNITO_USER_POOLS', identitySource: 'method.request.header.Authorization' },
  lam: { id: 'lam', name: 'token', type: 'TOKEN', identitySource: 'method.request.header.X-Token' },
  req: {
    id: 'req',
    name: 'request',
    type: 'REQUEST',
    identitySource: 'method.request.querystring.tenant, method.request.header.X-Session,method.request.header.X-Other',
  },
  qs: { id: 'qs', name: 'query only', type: 'REQUEST', identitySource: 'method.request.querystring.token' },
};
const table: MethodTable = {
  '/': { GET: open },
  '/health': { GET: open },
  '/reports': { GET: iam },
  '/reports/{id}': { GET: { ...iam, apiKeyRequired: true } },
  '/keyed': { GET: { authorizationType: 'NONE', apiKeyRequired: true } },
  '/users': { ANY: { authorizationType: 'COGNITO_USER_POOLS', apiKeyRequired: false, authorizerId: 'cog' }, OPTIONS: open },
  '/orders': { POST: { authorizationType: 'CUSTOM', apiKeyRequired: true, authorizerId: 'lam' } },
  '/tenants': { GET: { authorizationType: 'CUSTOM', apiKeyRequired: false, authorizerId: 'req' } },
  '/qs': { GET: { authorizationType: 'CUSTOM', apiKeyRequired: false, authorizerId: 'qs' } },
  '/admin': { POST: iam },
  '/files/{proxy+}': { GET: iam },
  '/{proxy+}': { ANY: open },
};
const snap = snapshot({ deployed: table, authorizers });

const cases: Array<[string, RouteSpec, Snapshot | undefined, { auth: string; from: string; tokenHeader: string }]> = [
  ['NONE → none', route('GET /health'), snap, { auth: 'none', from: 'deployed', tokenHeader: 'Authorization' }],
  ['AWS_IAM → iam', route('GET /reports'), snap, { auth: 'iam', from: 'deployed', tokenHeader: 'Authorization' }],
  [
    'AWS_IAM + key → iam+api-key',
    route('GET /reports/{id}', { params: { id: '1' } }),
    snap,
    { auth: 'iam+api-key', from: 'deployed', tokenHeader: 'Authorization' },
  ],
  ['NONE + key → api-key', route('GET /keyed'), snap, { auth: 'api-key', from: 'deployed', tokenHeader: 'Authorization' }],
  ['ANY serves the verb; Cognito → token', route('DELETE /users'), snap, { auth: 'token', from: 'deployed', tokenHeader: 'Authorization' }],
  ['OPTIONS of its own beats ANY', route('OPTIONS /users'), snap, { auth: 'none', from: 'deployed', tokenHeader: 'Authorization' }],
  [
    'CUSTOM + key → token+api-key, header from identitySource',
    route('POST /orders'),
    snap,
    { auth: 'token+api-key', from: 'deployed', tokenHeader: 'X-Token' },
  ],
  ['identity source list: first header one', route('GET /tenants'), snap, { auth: 'token', from: 'deployed', tokenHeader: 'X-Session' }],
  [
    'identity source without a header → Authorization',
    route('GET /qs'),
    snap,
    { auth: 'token', from: 'deployed', tokenHeader: 'Authorization' },
  ],
  [
    'explicit manifest auth wins',
    route('GET /reports', { auth: 'none' }),
    snap,
    { auth: 'none', from: 'manifest', tokenHeader: 'Authorization' },
  ],
  [
    'explicit auth still takes the token header of the method',
    route('POST /orders', { auth: 'token' }),
    snap,
    { auth: 'token', from: 'manifest', tokenHeader: 'X-Token' },
  ],
  ['no snapshot → none by default', route('GET /reports'), undefined, { auth: 'none', from: 'default', tokenHeader: 'Authorization' }],
  [
    'empty snapshot → none by default',
    route('GET /reports'),
    snapshot({}),
    { auth: 'none', from: 'default', tokenHeader: 'Authorization' },
  ],
  // Routing: a resource without the verb falls through to the {proxy+}.
  ['POST /admin is IAM', route('POST /admin'), snap, { auth: 'iam', from: 'deployed', tokenHeader: 'Authorization' }],
  ['GET /admin is served by the open proxy', route('GET /admin'), snap, { auth: 'none', from: 'deployed', tokenHeader: 'Authorization' }],
  ['most specific proxy wins', route('GET /files/a/b.txt'), snap, { auth: 'iam', from: 'deployed', tokenHeader: 'Authorization' }],
  [
    'greedy param route resolves through the proxy',
    route('GET /files/{key+}', { params: { key: 'a/b' } }),
    snap,
    { auth: 'iam', from: 'deployed', tokenHeader: 'Authorization' },
  ],
  ['a {proxy+} never matches its bare prefix', route('GET /files'), snap, { auth: 'none', from: 'deployed', tokenHeader: 'Authorization' }],
  [
    'a route no method serves → default',
    route('GET /nothing'),
    snapshot({ deployed: { '/': { GET: open } } }),
    { auth: 'none', from: 'default', tokenHeader: 'Authorization' },
  ],
];

for (const [name, r, s, want] of cases) {
  test(`resolveAuth: ${name}`, () => {
    assert.deepEqual(resolveAuth(r, s), want);
  });
}

test('resolveAuth reads the deployed methods, not the current definition', () => {
  const s = snapshot({ deployed: { '/reports': { GET: open } }, defined: { '/reports': { GET: iam } } });
  assert.deepEqual(resolveAuth(route('GET /reports'), s), { auth: 'none', from: 'deployed', tokenHeader: 'Authorization' });
});

test('resolveAuth falls back to the definition when the deployment is unreadable', () => {
  const s = snapshot({ defined: { '/reports': { GET: iam } } });
  assert.deepEqual(resolveAuth(route('GET /reports'), s), { auth: 'iam', from: 'deployed', tokenHeader: 'Authorization' });
});
