import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../../src/diagnose/rules/auth-not-enforced.ts';
import { refusalOf } from '../../../src/refusal.ts';
import { route } from '../fixtures.ts';
import { ruleTester, diagnose } from '../rule-tester.ts';
import { OK, SIGNED, WITH_KEY, WITH_TOKEN, blind, on, passing } from '../auth-fixtures.ts';
import { REFUSED_401, REFUSED_KEY, REFUSED_MAT, backend, gatewayRefusal, negativeProbe } from '../negative-fixtures.ts';

const IAM = { ...OK, auth: 'iam' as const, authFrom: 'deployed' as const, sent: SIGNED };
const TOKEN = { ...OK, auth: 'token' as const, authFrom: 'deployed' as const, sent: WITH_TOKEN };
const KEY = { ...OK, auth: 'api-key' as const, authFrom: 'manifest' as const, sent: WITH_KEY };
const noToken = (answer = REFUSED_401) => negativeProbe(answer, { removed: ['the token in Authorization'], method: 'POST' });
const wrongToken = (answer = REFUSED_401) =>
  negativeProbe(answer, { kind: 'wrong-token', removed: ['the token in Authorization'], method: 'POST', tokenHeader: 'Authorization' });

ruleTester(rule, {
  valid: [
    {
      name: 'an AWS_IAM route refused the unsigned request with MAT',
      ctx: passing(on('GET /reports', { ...IAM, negative: [negativeProbe(REFUSED_MAT)] })),
    },
    {
      name: 'an authorizer route refused both the missing and the wrong token',
      ctx: passing(on('POST /orders', { ...TOKEN, negative: [noToken(), wrongToken()] })),
    },
    {
      name: 'an API-key route refused the request without x-api-key',
      ctx: passing(
        on(route('POST /users', { auth: 'api-key' }), {
          ...KEY,
          negative: [negativeProbe(REFUSED_KEY, { removed: ['the x-api-key header'] })],
        }),
      ),
    },
    {
      name: 'a public route declared auth: none has no negative probe',
      ctx: passing(on(route('GET /health', { auth: 'none' }), { ...OK, authFrom: 'manifest' })),
    },
    { name: 'a route with negative: false was never probed', ctx: passing(on(route('GET /reports', { negative: false }), IAM)) },
    {
      name: 'no answer, or throttled, proves nothing',
      ctx: passing(
        on('GET /reports', {
          ...IAM,
          negative: [
            negativeProbe({ kind: 'network-error', error: 'timeout after 10s' }),
            negativeProbe(gatewayRefusal(429, 'TooManyRequestsException', 'Too Many Requests')),
          ],
        }),
      ),
    },
  ],
  invalid: [
    {
      name: 'an AWS_IAM route (per the deployed method) answered an unsigned request with 200',
      ctx: passing(on('GET /reports', { ...IAM, negative: [negativeProbe(backend(200))] })),
      severity: 'error',
      explains: [
        'GET /reports should refuse a caller without credentials',
        'the deployed method asks for `iam`',
        'without the SigV4 signature, it got 200',
        'stage prod serves GET /reports as AWS_IAM',
      ],
      fixes: [
        '`authorizationType: AWS_IAM`',
        'on GET /reports',
        'aws apigateway create-deployment --rest-api-id a1b2c3d4e5 --stage-name prod',
        '`auth: none`',
        '`negative: false`',
      ],
      evidence: { auth: 'iam', basis: 'deployed', probes: 1, method: 'GET /reports', authorizationType: 'AWS_IAM' },
    },
    {
      name: 'a token route refused the missing token but let a wrong one through',
      ctx: passing(on('POST /orders', { ...TOKEN, negative: [noToken(), wrongToken(backend(201))] })),
      explains: ['sent with a well-formed JWT nobody signed in Authorization, it got 201'],
      fixes: ["the method's authorizer", 'on POST /orders'],
      evidence: {
        probes: 2,
        notEnforced: [
          {
            kind: 'wrong-token',
            removed: ['the token in Authorization'],
            answer: { status: 201, requestId: 'neg-req-2' },
            reproduce: "curl -i 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/reports'",
          },
        ],
      },
    },
    {
      name: 'a backend 403 is not the gateway refusing: the key was not asked for',
      ctx: on(route('POST /users', { auth: 'api-key' }), {
        ...KEY,
        status: 500,
        negative: [negativeProbe(backend(403, '{"error":"nope"}'), { removed: ['the x-api-key header'] })],
      }),
      explains: ['without the x-api-key header, it got 403'],
      fixes: ['`apiKeyRequired: true`'],
    },
    {
      name: 'an integration error after authorization proves the request got past it',
      ctx: passing(
        on('GET /reports', {
          ...IAM,
          negative: [negativeProbe(gatewayRefusal(502, 'InternalServerErrorException', 'Internal server error'))],
        }),
      ),
      explains: ['502 InternalServerErrorException'],
    },
    {
      name: 'without the control plane, the manifest declared auth: iam and the route is open',
      ctx: passing(
        blind(route('GET /reports', { auth: 'iam' }), { ...IAM, authFrom: 'manifest', negative: [negativeProbe(backend(200))] }),
      ),
      explains: ['the manifest declares `auth: iam`', "followed the manifest's declared `auth` only"],
      evidence: { basis: 'manifest', auth: 'iam' },
    },
  ],
});

test('a passing check whose negative probe got through fails with auth-not-enforced', () => {
  const result = diagnose(passing(on('GET /reports', { ...IAM, negative: [negativeProbe(backend(200))] })));
  assert.equal(result.outcome, 'failed');
  assert.equal(result.diagnosis?.code, 'auth-not-enforced');
});

test('auth-mismatch names the cause first when the deployed method is less protected than declared', () => {
  const result = diagnose(
    passing(
      on(route('GET /health', { auth: 'iam' }), {
        ...OK,
        auth: 'iam',
        authFrom: 'manifest',
        sent: SIGNED,
        negative: [negativeProbe(backend(200))],
      }),
    ),
  );
  assert.equal(result.diagnosis?.code, 'auth-mismatch');
  assert.equal(result.outcome, 'failed');
});

test('refusalOf: gateway refusals, backend answers and errors after authorization', () => {
  assert.equal(refusalOf(REFUSED_MAT), 'refused');
  assert.equal(refusalOf(REFUSED_401), 'refused');
  assert.equal(refusalOf(gatewayRefusal(403, 'AccessDeniedException', 'User is not authorized to access this resource')), 'refused');
  assert.equal(refusalOf(backend(200)), 'not-enforced');
  assert.equal(refusalOf(backend(401)), 'not-enforced');
  assert.equal(refusalOf(gatewayRefusal(400, 'BadRequestException', 'Invalid request body')), 'not-enforced');
  assert.equal(refusalOf(gatewayRefusal(429, 'TooManyRequestsException', 'Too Many Requests')), 'inconclusive');
  assert.equal(refusalOf({ kind: 'network-error', error: 'ECONNRESET' }), 'inconclusive');
  assert.equal(refusalOf({ kind: 'cancelled' }), 'inconclusive');
});
