import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../../src/diagnose/rules/authorization-header-not-sigv4.ts';
import { context, probe, route, snapshot } from '../fixtures.ts';
import { matchOf, ruleTester } from '../rule-tester.ts';
import { WITH_TOKEN, answer, blind, on, passing } from '../auth-fixtures.ts';

const INCOMPLETE = answer(
  403,
  'IncompleteSignatureException',
  "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization=Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln",
);
const BEARER = 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';
const withHeader = (spec: string, value: string) => route(spec, { headers: { Authorization: value } });

ruleTester(rule, {
  valid: [
    { name: 'another error type', ctx: on(withHeader('GET /reports', BEARER)) },
    { name: 'passed', ctx: passing(on(withHeader('GET /reports', BEARER), INCOMPLETE)) },
    { name: 'the served method is open: not an IAM signature problem', ctx: on(withHeader('GET /health', BEARER), INCOMPLETE) },
    {
      name: 'nothing serves the route: the routing rules explain it',
      ctx: context(probe(withHeader('GET /nope', BEARER), INCOMPLETE), { snapshot: snapshot() }),
    },
  ],
  invalid: [
    {
      name: 'a Bearer header from the manifest on an AWS_IAM route',
      ctx: on(withHeader('GET /reports', BEARER), INCOMPLETE),
      explains: ['GET /reports is AWS_IAM', "a `Bearer` header set in the route's `headers`", '403 IncompleteSignatureException'],
      fixes: ['Remove `Authorization`', '.github/apigw-routes.yml:7', '`auth: iam`'],
      evidence: { header: 'Authorization', scheme: 'Bearer', source: 'manifest headers', method: 'GET /reports' },
    },
    {
      name: 'a Basic header',
      ctx: on(route('GET /reports', { headers: { authorization: 'Basic dXNlcjpwYXNz' } }), INCOMPLETE),
      evidence: { scheme: 'Basic' },
    },
    {
      name: 'the authorizer token, a JWT, in Authorization',
      ctx: on('GET /reports', { ...INCOMPLETE, auth: 'token', authFrom: 'manifest', sent: WITH_TOKEN }, { tokenClaims: { iss: 'x' } }),
      explains: ['a JWT from the `authorizer-token` input'],
      fixes: ['takes no authorizer token', 'COGNITO_USER_POOLS or CUSTOM'],
      evidence: { source: 'authorizer-token', scheme: 'JWT' },
    },
    {
      name: 'blind: hedged, names both readings',
      ctx: blind(withHeader('GET /reports', BEARER), INCOMPLETE),
      explains: ['on an AWS_IAM method, and also when no route matches'],
      evidence: { scheme: 'Bearer' },
    },
  ],
});

test('authorization-header-not-sigv4 never repeats the header value or the echoed message', () => {
  const match = matchOf(rule, on(withHeader('GET /reports', BEARER), INCOMPLETE));
  assert.ok(match);
  const json = JSON.stringify(match);
  for (const part of BEARER.split(/[ .]/).filter((p) => p !== 'Bearer')) assert.ok(!json.includes(part), `leaked ${part}`);
});
