import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRequest } from '../../src/probe/request.ts';
import type { OutgoingRequest } from '../../src/probe/request.ts';
import { signRequest } from '../../src/probe/sign.ts';
import type { AwsCredentials } from '../../src/settings.ts';
import { route } from './helpers/fixtures.ts';
import { verifySigV4 } from './helpers/sigv4-verify.ts';

const BASE = 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod';
const REGION = 'eu-west-1';
const NOW = new Date('2025-03-04T05:06:07.890Z');
const session: AwsCredentials = {
  accessKeyId: 'ASIAEXAMPLEEXAMPLE00',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE//////////sessiontoken+/=',
};
const longTerm: AwsCredentials = { accessKeyId: 'AKIAEXAMPLEEXAMPLE00', secretAccessKey: 'c2VjcmV0LWtleS1leGFtcGxl' };

function built(spec: string, extra: Parameters<typeof route>[1] = {}): OutgoingRequest {
  return buildRequest(route(spec, extra), 'iam', 'Authorization', BASE, { apiKey: '', authorizerToken: '' }).request;
}

const hard = built('GET /files/{name}/{rest+}', {
  params: { name: "a b%c+d/é😀'()*!", rest: 'x y/z+%/ü' },
  query: { q: 'a b+c', 'sp ace': '%/?&=', empty: '', emoji: '😀', '1': 'numeric key first' },
  headers: { 'X-Custom': '  spaced   value  ', 'Cache-Control': 'no-cache' },
});

const signingCases: Array<[string, OutgoingRequest, AwsCredentials]> = [
  ['a plain GET', built('GET /health'), longTerm],
  ['session credentials add x-amz-security-token', built('GET /reports'), session],
  ["path params with space, %, unicode, + and ' plus a query", hard, session],
  [
    'a POST body is hashed',
    built('POST /orders', { body: '{"sku":"smoke-test","note":"ünïcode"}', bodyContentType: 'application/json' }),
    session,
  ],
  ['the root of a stage', built('GET /'), longTerm],
  ['a param that is a dot-segment', built('GET /d/{x}', { params: { x: '..' } }), longTerm],
];

for (const [name, request, credentials] of signingCases) {
  test(`SigV4 verifies with the SDK signer: ${name}`, async () => {
    const signed = signRequest(request, credentials, REGION, NOW);
    const v = await verifySigV4(signed, credentials, REGION);
    assert.equal(v.sent, v.expected);
    assert.ok(v.ok);
  });
}

test('the signed request keeps the exact path and URL that are sent', () => {
  const signed = signRequest(hard, session, REGION, NOW);
  assert.equal(signed.path, hard.path);
  assert.equal(signed.origin, hard.origin);
  assert.equal(signed.body, hard.body);
});

test('signing adds the SigV4 headers for execute-api in the given region', () => {
  const signed = signRequest(built('GET /reports'), session, REGION, NOW);
  assert.equal(signed.headers['X-Amz-Date'], '20250304T050607Z');
  assert.equal(signed.headers['X-Amz-Security-Token'], session.sessionToken);
  assert.match(
    signed.headers.Authorization ?? '',
    /^AWS4-HMAC-SHA256 Credential=ASIAEXAMPLEEXAMPLE00\/20250304\/eu-west-1\/execute-api\/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
  );
  assert.equal(signed.headers['user-agent'], 'apigw-route-verify');
});

test('long-term credentials send no security token', () => {
  const signed = signRequest(built('GET /reports'), longTerm, REGION, NOW);
  assert.equal(
    Object.keys(signed.headers).some((h) => h.toLowerCase() === 'x-amz-security-token'),
    false,
  );
});

test('signing does not mutate the request it is given', () => {
  const request = built('GET /reports');
  const before = structuredClone(request);
  signRequest(request, session, REGION, NOW);
  assert.deepEqual(request, before);
});

// Negative cases: the verifier must reject what the gateway would reject.
const tampered: Array<[string, (r: OutgoingRequest) => OutgoingRequest, string?]> = [
  ['a path character changed (%20 → +)', (r) => ({ ...r, path: r.path.replace('%20', '+') })],
  ['a path sent single-decoded', (r) => ({ ...r, path: r.path.replace('%25', '%') })],
  ['a query value changed', (r) => ({ ...r, path: r.path.replace('q=a%20b', 'q=a%20c') })],
  ['the body changed', (r) => ({ ...r, body: `${r.body ?? ''} ` })],
  ['a signed header changed', (r) => ({ ...r, headers: { ...r.headers, 'X-Custom': 'other' } })],
  ['the host changed', (r) => ({ ...r, headers: { ...r.headers, host: 'evil.example.com' } })],
];

for (const [name, tamper] of tampered) {
  test(`SigV4 verification fails when ${name}`, async () => {
    const signed = signRequest({ ...hard, body: '{"a":1}' }, session, REGION, NOW);
    assert.ok((await verifySigV4(signed, session, REGION)).ok, 'untampered request verifies');
    assert.equal((await verifySigV4(tamper(signed), session, REGION)).ok, false);
  });
}

test('SigV4 verification fails for another region or secret', async () => {
  const signed = signRequest(hard, session, REGION, NOW);
  assert.equal((await verifySigV4(signed, session, 'us-east-1')).ok, false);
  assert.equal((await verifySigV4(signed, { ...session, secretAccessKey: 'x' }, REGION)).ok, false);
});

test('a path that is not percent-encoded is refused rather than signed differently', () => {
  const raw = { ...built('GET /health'), path: '/prod/a b' };
  assert.throws(() => signRequest(raw, longTerm, REGION, NOW), /not percent-encoded/);
});
