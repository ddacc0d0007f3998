import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jwtClaims } from '../../src/diagnose/jwt.ts';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const token = (payload: unknown) => `${b64({ alg: 'RS256' })}.${b64(payload)}.c2lnbmF0dXJl`;

test('jwtClaims keeps the allow-listed claims only', () => {
  const claims = jwtClaims(
    token({
      exp: 1700000000,
      iat: 1699996400,
      iss: 'https://cognito-idp.us-east-1.amazonaws.com/p',
      aud: ['a', 'b'],
      token_use: 'id',
      sub: 's',
      email: 'e@x',
      'cognito:groups': ['admin'],
    }),
  );
  assert.deepEqual(claims, {
    exp: 1700000000,
    iat: 1699996400,
    aud: ['a', 'b'],
    iss: 'https://cognito-idp.us-east-1.amazonaws.com/p',
    token_use: 'id',
  });
});

test('jwtClaims accepts a Bearer prefix', () => {
  assert.deepEqual(jwtClaims(`Bearer ${token({ client_id: 'c', scope: 'orders/read' })}`), { client_id: 'c', scope: 'orders/read' });
});

test('jwtClaims drops claims that are not plain values', () => {
  assert.deepEqual(jwtClaims(token({ aud: { nested: true }, exp: '1700000000', iss: 7 })), { exp: '1700000000', iss: 7 });
});

test('jwtClaims returns undefined for what is no JWT', () => {
  for (const value of [
    '',
    'opaque-token',
    'a.b',
    'a.b.c.d',
    `${b64({})}.!!!.sig`,
    `${b64({})}.${b64([1, 2])}.sig`,
    `${b64({})}.${Buffer.from('not json').toString('base64url')}.sig`,
  ]) {
    assert.equal(jwtClaims(value), undefined, value);
  }
});
