import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRequest, buildTarget, requestUrl } from '../../src/probe/request.ts';
import type { ResolvedAuth } from '../../src/types.ts';
import { route } from './helpers/fixtures.ts';

const BASE = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod';

const urlCases: Array<[string, string, Parameters<typeof route>[1], string]> = [
  ['plain path', 'GET /health', {}, `${BASE}/health`],
  ['root of the stage keeps its slash', 'GET /', {}, `${BASE}/`],
  ['param substituted', 'GET /users/{id}', { params: { id: '42' } }, `${BASE}/users/42`],
  [
    'param with space, %, +, / and unicode is one encoded segment',
    'GET /users/{id}',
    { params: { id: 'a b%c+d/é' } },
    `${BASE}/users/a%20b%25c%2Bd%2F%C3%A9`,
  ],
  [
    '{proxy+} keeps its slashes, encodes each segment',
    'GET /files/{proxy+}',
    { params: { proxy: 'dir one/a+b.txt' } },
    `${BASE}/files/dir%20one/a%2Bb.txt`,
  ],
  ['a dot-segment param is not resolved away', 'GET /d/{x}', { params: { x: '..' } }, `${BASE}/d/%2E%2E`],
  [
    'query in the given order, RFC 3986 encoded (no +)',
    'GET /search',
    { query: { q: 'a b+c', tag: "x&y='z'" } },
    `${BASE}/search?q=a%20b%2Bc&tag=x%26y%3D%27z%27`,
  ],
  ['empty query value', 'GET /s', { query: { flag: '' } }, `${BASE}/s?flag=`],
];

for (const [name, spec, extra, want] of urlCases) {
  test(`URL: ${name}`, () => {
    assert.equal(requestUrl(buildTarget(BASE, route(spec, extra))), want);
  });
}

test('URL: base URL trailing slash, port and custom-domain base path', () => {
  assert.equal(requestUrl(buildTarget('https://api.example.com/', route('GET /health'))), 'https://api.example.com/health');
  assert.equal(requestUrl(buildTarget('http://127.0.0.1:4010/v1/', route('GET /a'))), 'http://127.0.0.1:4010/v1/a');
  assert.equal(requestUrl(buildTarget('https://api.example.com:443/v1', route('GET /a'))), 'https://api.example.com/v1/a');
});

test('URL: a base URL query is kept before the route query', () => {
  assert.equal(
    requestUrl(buildTarget('https://api.example.com/v1?tenant=a+b', route('GET /a', { query: { x: '1' } }))),
    'https://api.example.com/v1/a?tenant=a%2Bb&x=1',
  );
});

test('URL: a literal path segment keeps its pchars and encodes the rest', () => {
  assert.equal(buildTarget(BASE, route('GET /x', { path: '/v1:batch/a b|c' })).path, '/prod/v1:batch/a%20b%7Cc');
});

test('URL: missing param and non-http base URL are clear errors', () => {
  assert.throws(() => buildTarget(BASE, route('GET /users/{id}')), /path parameter \{id\} has no value/);
  assert.throws(() => buildTarget('ftp://example.com', route('GET /a')), /must be an http:\/\/ or https:\/\/ URL/);
});

const secrets = { apiKey: 'key-123', authorizerToken: 'Bearer tok-456' };
const headersFor = (auth: ResolvedAuth, extra: Parameters<typeof route>[1] = {}, tokenHeader = 'Authorization', s = secrets) =>
  buildRequest(route('POST /orders', extra), auth, tokenHeader, BASE, s);

test('headers: user-agent and host always; nothing secret for auth none', () => {
  const { request, attached } = headersFor('none');
  assert.deepEqual(request.headers, { 'user-agent': 'apigw-route-verify', host: 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com' });
  assert.deepEqual(attached, { apiKey: false, token: false });
});

test('headers: api-key attaches x-api-key', () => {
  const { request, attached } = headersFor('api-key');
  assert.equal(request.headers['x-api-key'], 'key-123');
  assert.deepEqual(attached, { apiKey: true, token: false });
});

test('headers: token+api-key uses the authorizer header name', () => {
  const { request, attached } = headersFor('token+api-key', {}, 'X-Token');
  assert.equal(request.headers['X-Token'], 'Bearer tok-456');
  assert.equal(request.headers['x-api-key'], 'key-123');
  assert.deepEqual(attached, { apiKey: true, token: true });
});

test('headers: iam attaches neither key nor token (the signer adds its own)', () => {
  assert.deepEqual(headersFor('iam').attached, { apiKey: false, token: false });
  assert.deepEqual(headersFor('iam+api-key').attached, { apiKey: true, token: false });
});

test('headers: no secret configured → nothing attached', () => {
  const { request, attached } = headersFor('token+api-key', {}, 'Authorization', { apiKey: '', authorizerToken: '' });
  assert.deepEqual(attached, { apiKey: false, token: false });
  assert.equal('x-api-key' in request.headers || 'Authorization' in request.headers, false);
});

test('headers: the configured secret replaces a manifest header of the same name, any case', () => {
  const { request } = headersFor('api-key', { headers: { 'X-Api-Key': 'from-manifest' } });
  assert.deepEqual(
    Object.keys(request.headers).filter((h) => h.toLowerCase() === 'x-api-key'),
    ['x-api-key'],
  );
  assert.equal(request.headers['x-api-key'], 'key-123');
});

test('headers: body adds content-type from bodyContentType and content-length in bytes', () => {
  const { request } = headersFor('none', { body: '{"sku":"é"}', bodyContentType: 'application/json' });
  assert.equal(request.headers['content-type'], 'application/json');
  assert.equal(request.headers['content-length'], '12');
  assert.equal(request.body, '{"sku":"é"}');
});

test('headers: a manifest Content-Type wins over bodyContentType', () => {
  const { request } = headersFor('none', {
    body: 'a=1',
    bodyContentType: 'text/plain',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(request.headers['Content-Type'], 'application/x-www-form-urlencoded');
  assert.equal('content-type' in request.headers, false);
});

test('headers: CORS preflight headers', () => {
  const preflight = buildRequest(
    route('OPTIONS /users', { cors: { origin: 'https://app.example.com', method: 'POST', headers: ['content-type', 'x-api-key'] } }),
    'none',
    'Authorization',
    BASE,
    secrets,
  ).request;
  assert.equal(preflight.method, 'OPTIONS');
  assert.equal(preflight.headers.origin, 'https://app.example.com');
  assert.equal(preflight.headers['access-control-request-method'], 'POST');
  assert.equal(preflight.headers['access-control-request-headers'], 'content-type,x-api-key');
});

test('headers: a manifest user-agent replaces the default', () => {
  const { request } = headersFor('none', { headers: { 'User-Agent': 'smoke/1' } });
  assert.equal(request.headers['User-Agent'], 'smoke/1');
  assert.equal('user-agent' in request.headers, false);
});
