import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../../src/diagnose/rules/authorizer-unauthorized.ts';
import { jwtClaims } from '../../../src/diagnose/jwt.ts';
import { route } from '../fixtures.ts';
import { matchOf, ruleTester } from '../rule-tester.ts';
import { UNAUTHORIZED, WITH_TOKEN, answer, blind, fullSnapshot, on, passing } from '../auth-fixtures.ts';
import { matchesValidation } from '../../../src/diagnose/evidence.ts';

const EXPRESSION = '^Bearer [A-Za-z0-9._-]+$';
/** The Lambda authorizer of /partners validates tokens with EXPRESSION. */
function validating(failed: boolean) {
  const base = fullSnapshot();
  const lambda01 = {
    id: 'lambda01',
    name: 'partner-token',
    type: 'TOKEN',
    identitySource: 'method.request.header.X-Partner-Token',
    identityValidationExpression: EXPRESSION,
  };
  return {
    snapshot: { ...base, authorizers: { ...base.authorizers, lambda01 } },
    ...(failed ? { tokenFailsValidation: new Set(['lambda01']) } : {}),
  };
}
const partnerToken = { ...UNAUTHORIZED, auth: 'token' as const, sent: { ...WITH_TOKEN, tokenHeader: 'X-Partner-Token' } };

const HOUR = 3600;
const nowS = () => Math.floor(Date.now() / 1000);
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

function jwt(payload: Record<string, unknown>): string {
  return `${b64({ alg: 'RS256', kid: 'key-1' })}.${b64(payload)}.${Buffer.from('not-a-real-signature-bytes').toString('base64url')}`;
}

const POOL_ISS = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool1';
const withToken = { ...UNAUTHORIZED, auth: 'token' as const, sent: WITH_TOKEN };
const claimsOf = (payload: Record<string, unknown>) => {
  const claims = jwtClaims(jwt(payload));
  assert.ok(claims, 'the test token decodes');
  return claims;
};

ruleTester(rule, {
  valid: [
    { name: 'not 401', ctx: on('POST /orders') },
    { name: 'passed', ctx: passing(on('POST /orders', withToken)) },
    {
      name: 'a 401 on an open method came from the backend',
      ctx: on('GET /health', { ...answer(401, 'UnauthorizedException', 'Unauthorized') }),
    },
    {
      name: "IAM AccessDenied is iam-access-denied's",
      ctx: on(
        'GET /reports',
        answer(403, 'AccessDeniedException', 'User: anonymous is not authorized to perform: execute-api:Invoke on resource: x'),
      ),
    },
  ],
  invalid: [
    {
      name: 'no token: the authorizer-token input is empty',
      ctx: on('POST /orders', { ...UNAUTHORIZED, auth: 'token' }),
      explains: [
        'POST /orders is protected by the COGNITO_USER_POOLS authorizer "users-pool", which reads the token from the Authorization header',
        '401 UnauthorizedException',
        'No token was sent: the `authorizer-token` input is empty',
      ],
      fixes: ['authorizer-token: ${{ steps.token.outputs.token }}'],
      evidence: {
        authorizer: { id: 'auth01', name: 'users-pool', type: 'COGNITO_USER_POOLS' },
        identitySource: ['Authorization'],
        tokenSent: false,
      },
    },
    {
      name: 'expired JWT: exp shown with the time, not the token',
      ctx: on('POST /orders', withToken, {
        tokenClaims: claimsOf({ exp: nowS() - 2 * HOUR, iss: POOL_ISS, token_use: 'id', aud: 'client-abc' }),
      }),
      explains: [/it expired at \d{4}-\d\d-\d\dT.*Z \(exp\), 1\d\d min before this check/],
      fixes: ['Mint the token in the workflow right before this step'],
      evidence: { tokenSent: true, tokenHeader: 'Authorization' },
    },
    {
      name: 'token of another user pool',
      ctx: on('POST /orders', withToken, {
        tokenClaims: claimsOf({
          exp: nowS() + HOUR,
          iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other',
          token_use: 'access',
          client_id: 'c1',
        }),
      }),
      explains: [
        'its issuer https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other (iss) is not the user pool the authorizer trusts (us-east-1_Pool1)',
      ],
      fixes: ['user pool us-east-1_Pool1'],
    },
    {
      name: 'valid-looking token of the right pool: shows token_use',
      ctx: on('POST /orders', withToken, {
        tokenClaims: claimsOf({ exp: nowS() + HOUR, iss: POOL_ISS, token_use: 'access', client_id: 'c1' }),
      }),
      explains: ['it is an access token (token_use)', 'OAuth scopes'],
    },
    {
      name: 'token not a JWT',
      ctx: on('POST /orders', withToken),
      explains: ['it is not a JWT, so no claims can be shown'],
    },
    {
      name: 'Lambda TOKEN authorizer reads another header than the token was sent in',
      ctx: on('GET /partners', { ...withToken, sent: { ...WITH_TOKEN, tokenHeader: 'Authorization' } }),
      explains: [
        'the TOKEN authorizer "partner-token", which reads the token from the X-Partner-Token header',
        'The token was sent in Authorization, not in X-Partner-Token',
      ],
      fixes: ['Send the token in X-Partner-Token'],
    },
    {
      name: 'Lambda authorizer Deny policy (403 AccessDenied)',
      ctx: on('GET /partners', {
        ...answer(403, 'AccessDeniedException', 'User is not authorized to access this resource with an explicit deny'),
        auth: 'token',
        sent: { ...WITH_TOKEN, tokenHeader: 'X-Partner-Token' },
      }),
      title: 'The authorizer denied the request',
      explains: ['the authorizer returned a Deny policy'],
      fixes: ["check the authorizer function's logs for request req-1234"],
    },
    {
      name: 'a Lambda authorizer policy that does not cover the method: its decision, no "explicit deny"',
      ctx: on('GET /partners', {
        ...answer(403, 'AccessDeniedException', 'User is not authorized to access this resource'),
        auth: 'token',
        sent: { ...WITH_TOKEN, tokenHeader: 'X-Partner-Token' },
      }),
      explains: ["the authorizer's policy did not allow this method", "This is the authorizer's decision", 'does not cover this method'],
      fixes: ["check the authorizer function's logs for request req-1234", 'left out'],
      evidence: { requestId: 'req-1234' },
    },
    {
      name: 'a token that fails identityValidationExpression: refused before the function ran, the expression shown',
      ctx: on('GET /partners', partnerToken, validating(true)),
      explains: [
        'the gateway refused the token without invoking the authorizer',
        `does not match the authorizer's identityValidationExpression \`${EXPRESSION}\``,
        'before the function ran',
      ],
      fixes: [`Send a token that matches \`${EXPRESSION}\` as a whole`],
      evidence: { identityValidationExpression: EXPRESSION, tokenMatchesExpression: false },
    },
    {
      name: 'a token that matches the expression: the function refused it, its logs tell why',
      ctx: on('GET /partners', partnerToken, validating(false)),
      explains: ['the authorizer did not accept the request', 'it is not a JWT'],
      fixes: ["check the authorizer function's logs for request req-1234"],
    },
    {
      name: 'blind: an UnauthorizedException still names what is known',
      ctx: blind(route('POST /orders', { auth: 'token' }), { ...withToken, authFrom: 'manifest' }),
      explains: ['The request was refused by an authorizer'],
      evidence: { tokenSent: true },
    },
  ],
});

test('authorizer-unauthorized shows claims and never the token, its parts or other claims', () => {
  const token = jwt({
    sub: 'user-7f3a',
    email: 'dev@example.com',
    exp: nowS() - HOUR,
    iss: POOL_ISS,
    client_id: 'client-xyz',
    token_use: 'access',
  });
  const tokenClaims = jwtClaims(token);
  assert.ok(tokenClaims, 'the test token decodes');
  const match = matchOf(rule, on('POST /orders', withToken, { tokenClaims }));
  assert.ok(match);
  const json = JSON.stringify(match);
  assert.ok(json.includes('client-xyz') && json.includes(POOL_ISS) && json.includes('"expired":true'), json);
  assert.ok(!json.includes(token));
  for (const part of token.split('.')) assert.ok(!json.includes(part), `token part leaked: ${part}`);
  assert.ok(!json.includes('user-7f3a') && !json.includes('dev@example.com'), 'personal claims leaked');
});

test('claims the integrator passes beyond the allow-list are dropped', () => {
  const match = matchOf(
    rule,
    on('POST /orders', withToken, { tokenClaims: { exp: nowS() + HOUR, iss: POOL_ISS, email: 'dev@example.com' } }),
  );
  assert.ok(match);
  assert.ok(!JSON.stringify(match).includes('dev@example.com'));
});

test('identityValidationExpression is matched against the whole token, as the gateway does', () => {
  assert.equal(matchesValidation(EXPRESSION, 'Bearer abc.def'), true);
  assert.equal(matchesValidation(EXPRESSION, 'abc.def'), false);
  assert.equal(matchesValidation('Bearer [a-z]+', 'Bearer abc trailing'), false, 'no implicit substring match');
  assert.equal(matchesValidation('a|b', 'ab'), false, 'an alternation is anchored as a whole');
  assert.equal(matchesValidation(undefined, 'x'), undefined);
  assert.equal(matchesValidation('(unclosed', 'x'), undefined, 'an expression JavaScript cannot compile tells nothing');
  assert.equal(matchesValidation('^(a+)+$', `${'a'.repeat(40)}!`), undefined, 'a nested quantifier is not run against the token');
});
