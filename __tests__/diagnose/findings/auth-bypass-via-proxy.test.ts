import { test } from 'node:test';
import assert from 'node:assert/strict';
import finding from '../../../src/diagnose/rules/auth-bypass-via-proxy.ts';
import { bypassPairs } from '../../../src/proxy-bypass.ts';
import type { BypassProbe, MethodInfo, MethodTable, RouteSpec } from '../../../src/types.ts';
import { blindSnapshot, route, snapshot } from '../fixtures.ts';
import { IAM, OPEN, methods } from '../routing-fixtures.ts';
import { backend, REFUSED_MAT } from '../negative-fixtures.ts';
import { refusalOf } from '../../../src/refusal.ts';
import { findingContext, findingTester, manifest } from './finding-tester.ts';

const KEY: MethodInfo = { authorizationType: 'NONE', apiKeyRequired: true };
const COGNITO: MethodInfo = { authorizationType: 'COGNITO_USER_POOLS', apiKeyRequired: false, authorizerId: 'auth01' };
const IAM_KEY: MethodInfo = { authorizationType: 'AWS_IAM', apiKeyRequired: true };

const declaring = (deployed: MethodTable, routes: RouteSpec[], bypassProbes: BypassProbe[] = []) => ({
  ...findingContext({ snapshot: snapshot({ deployed }), manifest: manifest(routes) }),
  bypassProbes,
});
const proof = (request: string, answer = backend(200)): BypassProbe => ({
  route: 'POST /admin',
  request,
  url: `https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod${request.split(' ')[1]}`,
  answer,
  refusal: refusalOf(answer),
});
const adminBesideProxy = methods(['POST /admin', IAM], ['ANY /{proxy+}', OPEN]);

findingTester(finding, {
  valid: [
    { name: 'control plane blind', ctx: findingContext({ snapshot: blindSnapshot(), manifest: manifest([route('POST /admin')]) }) },
    {
      name: 'a protected route with no proxy or ANY beside it',
      ctx: declaring(methods(['POST /admin', IAM], 'GET /health'), [route('POST /admin')]),
    },
    {
      name: 'a public route beside an open proxy: nothing is guarded',
      ctx: declaring(methods('GET /health', ['ANY /{proxy+}', OPEN]), [route('GET /health', { auth: 'none' })]),
    },
    {
      name: 'the proxy is protected the same way',
      ctx: declaring(methods(['POST /admin', IAM], ['ANY /{proxy+}', IAM]), [route('POST /admin')]),
    },
    {
      name: 'another verb with a method of its own, open on purpose, is not a proxy',
      ctx: declaring(methods(['POST /admin', IAM], ['GET /admin', OPEN]), [route('POST /admin')]),
    },
    { name: 'the route opted out with negative: false', ctx: declaring(adminBesideProxy, [route('POST /admin', { negative: false })]) },
    {
      name: 'a stronger proxy (IAM + key) beside an IAM route is not less protected',
      ctx: declaring(methods(['POST /admin', IAM], ['ANY /{proxy+}', IAM_KEY]), [route('POST /admin')]),
    },
  ],
  invalid: [
    {
      name: 'POST /admin needs AWS_IAM, the other verbs go to an open ANY /{proxy+}',
      ctx: declaring(adminBesideProxy, [route('POST /admin')]),
      says: [
        'POST /admin needs AWS_IAM, but GET, PUT, PATCH, DELETE /admin are served by ANY /{proxy+} with NONE',
        'redeploy',
        '`negative: false`',
      ],
      doesNotSay: ['proven'],
      severity: 'warning',
      source: { file: '.github/apigw-routes.yml', line: 7, column: 5 },
      evidence: { count: 1, proven: 0 },
    },
    {
      name: 'proven with one unsigned request through the proxy',
      ctx: declaring(adminBesideProxy, [route('POST /admin')], [proof('HEAD /admin')]),
      says: ['(proven: 200 to an unsigned HEAD /admin)'],
      evidence: { proven: 1 },
    },
    {
      name: 'refused: the finding stays (the table says so) and says the door was not proven',
      ctx: declaring(adminBesideProxy, [route('POST /admin')], [proof('HEAD /admin', REFUSED_MAT)]),
      says: ['not proven: an unsigned HEAD /admin got 403 MissingAuthenticationTokenException'],
      evidence: { proven: 0 },
    },
    {
      name: 'an API-key route beside an ANY method on the same resource without a key',
      ctx: declaring(methods(['POST /orders', KEY], ['ANY /orders', OPEN]), [route('POST /orders')]),
      says: ['POST /orders needs NONE + API key, but GET, PUT, PATCH, DELETE /orders are served by ANY /orders with NONE'],
    },
    {
      name: 'a Cognito route with an open proxy beneath it, and no other verb open',
      ctx: declaring(methods(['GET /profile', COGNITO], ['ANY /profile/{proxy+}', OPEN]), [route('GET /profile')]),
      says: [
        'GET /profile needs COGNITO_USER_POOLS, but GET /profile/apigw-route-verify-probe (beneath it) is served by ANY /profile/{proxy+} with NONE',
      ],
      evidence: { count: 1 },
    },
  ],
});

test('pairs: one per route and open method; a child pair only when no other verb already names that door', () => {
  const pairs = bypassPairs(methods(['POST /admin', IAM], ['GET /admin', IAM], ['ANY /{proxy+}', OPEN], 'GET /health'), [
    route('POST /admin'),
    route('GET /admin'),
    route('GET /health'),
  ]);
  assert.deepEqual(
    pairs.map((p) => `${p.kind} ${p.route.route} → ${p.verbs.join(',')} ${p.path} via ${p.open.method}`),
    ['verb POST /admin → PUT,PATCH,DELETE /admin via ANY /{proxy+}', 'verb GET /admin → PUT,PATCH,DELETE /admin via ANY /{proxy+}'],
  );
});
