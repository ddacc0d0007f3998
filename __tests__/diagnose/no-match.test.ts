// A request carrying a non-SigV4 Authorization header (a Cognito or Lambda-authorizer token)
// to a route that does not exist is answered IncompleteSignatureException, not MAT: it is still
// a routing miss, and only on an existing AWS_IAM route is it the header's fault.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from './rule-tester.ts';
import { context, probe, route } from './fixtures.ts';

const incomplete = {
  status: 403,
  headers: { 'x-amzn-errortype': 'IncompleteSignatureException' },
  body: '{"message":"Invalid key=value pair (missing equal-sign) in Authorization header"}',
  classification: { errorType: 'IncompleteSignatureException', by: 'header' as const },
  sent: { apiKey: false, signed: false, token: true, tokenHeader: 'Authorization' },
  auth: 'token' as const,
};

test('IncompleteSignature on a path that has no resource is resource-not-found', () => {
  const { diagnosis } = diagnose(context(probe(route('POST /order'), incomplete)));
  assert.equal(diagnosis?.code, 'resource-not-found');
});

test('IncompleteSignature on a route defined but not deployed is route-not-deployed', () => {
  const ctx = context(probe(route('GET /invoices'), incomplete));
  ctx.snapshot.defined = {
    ...ctx.snapshot.defined,
    '/invoices': { GET: { authorizationType: 'COGNITO_USER_POOLS', apiKeyRequired: false } },
  };
  assert.equal(diagnose(ctx).diagnosis?.code, 'route-not-deployed');
});

test('IncompleteSignature on an existing AWS_IAM route is the header, not the route', () => {
  const { diagnosis } = diagnose(context(probe(route('GET /reports'), incomplete)));
  assert.equal(diagnosis?.code, 'authorization-header-not-sigv4');
});
