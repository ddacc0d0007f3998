import { test, afterEach, before, after } from 'node:test';
import assert from 'node:assert/strict';
import nock from 'nock';
import { buildRequest } from '../../src/probe/request.ts';
import type { OutgoingRequest } from '../../src/probe/request.ts';
import { BODY_TEXT_BYTES, MAX_BODY_BYTES, sendOnce } from '../../src/probe/send.ts';
import { route } from './helpers/fixtures.ts';

const HOST = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com';
const BASE = `${HOST}/prod`;
const get = (path: string): OutgoingRequest =>
  buildRequest(route(`GET ${path}`), 'none', 'Authorization', BASE, { apiKey: '', authorizerToken: '' }).request;

before(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
after(() => nock.enableNetConnect());

test('send: status, lower-cased headers and body of a gateway error', async () => {
  nock(HOST).get('/prod/missing').reply(403, '{"message":"Missing Authentication Token"}', {
    'X-Amzn-ErrorType': 'MissingAuthenticationTokenException',
    'Content-Type': 'application/json',
  });
  const answer = await sendOnce(get('/missing'), { timeoutMs: 2000 });
  assert.equal(answer.status, 403);
  assert.equal(answer.headers['x-amzn-errortype'], 'MissingAuthenticationTokenException');
  assert.equal(answer.headers['content-type'], 'application/json');
  assert.equal(answer.body, '{"message":"Missing Authentication Token"}');
  assert.equal(answer.networkError, undefined);
});

test('send: the exact path and headers go on the wire', async () => {
  const request = buildRequest(
    route('POST /orders/{id}', { params: { id: 'a b' }, query: { q: 'x+y' }, body: '{"a":1}', bodyContentType: 'application/json' }),
    'api-key',
    'Authorization',
    BASE,
    { apiKey: 'k-1', authorizerToken: '' },
  ).request;
  // nock answers only when path, body and every listed header match exactly.
  const scope = nock(HOST, {
    reqheaders: {
      'x-api-key': 'k-1',
      'content-type': 'application/json',
      'content-length': '7',
      'user-agent': 'apigw-route-verify',
      host: 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com',
    },
  })
    .post('/prod/orders/a%20b?q=x%2By', '{"a":1}')
    .reply(201, 'created');
  const answer = await sendOnce(request, { timeoutMs: 2000 });
  assert.equal(answer.networkError, undefined);
  assert.equal(answer.status, 201);
  assert.equal(answer.body, 'created');
  assert.ok(scope.isDone());
});

test('send: a request that differs from the expectation is not matched (the check above can fail)', async () => {
  const scope = nock(HOST).post('/prod/orders/a+b').reply(201, 'created');
  const request = buildRequest(route('POST /orders/{id}', { params: { id: 'a b' } }), 'none', 'Authorization', BASE, {
    apiKey: '',
    authorizerToken: '',
  }).request;
  const answer = await sendOnce(request, { timeoutMs: 2000 });
  assert.notEqual(answer.status, 201);
  assert.equal(scope.isDone(), false);
});

test('send: a redirect is the answer, not followed', async () => {
  const scope = nock(HOST).get('/prod/old').reply(302, '', { Location: 'https://elsewhere.example.com/new' });
  const answer = await sendOnce(get('/old'), { timeoutMs: 2000 });
  assert.equal(answer.status, 302);
  assert.equal(answer.headers.location, 'https://elsewhere.example.com/new');
  assert.ok(scope.isDone());
});

test('send: keeps only the first 4 KiB of the body as text and stops reading at 64 KiB', async () => {
  const big = 'é'.repeat(MAX_BODY_BYTES); // 2 bytes each: 128 KiB
  nock(HOST).get('/prod/big').reply(200, big);
  const answer = await sendOnce(get('/big'), { timeoutMs: 2000 });
  assert.equal(answer.status, 200);
  assert.equal(Buffer.byteLength(answer.body), BODY_TEXT_BYTES);
  assert.equal(answer.body, 'é'.repeat(BODY_TEXT_BYTES / 2));
});

test('send: repeated response headers are joined', async () => {
  nock(HOST)
    .get('/prod/c')
    .reply(200, '', { 'Set-Cookie': ['a=1', 'b=2'] });
  const answer = await sendOnce(get('/c'), { timeoutMs: 2000 });
  assert.equal(answer.headers['set-cookie'], 'a=1, b=2');
});

test('send: a connection reset is a network error', async () => {
  nock(HOST)
    .get('/prod/reset')
    .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
  const answer = await sendOnce(get('/reset'), { timeoutMs: 2000 });
  assert.equal(answer.status, undefined);
  assert.equal(answer.networkError, 'ECONNRESET: socket hang up');
});

test('send: the per-attempt timeout ends a slow answer', async () => {
  nock(HOST).get('/prod/slow').delay(300).reply(200, 'late');
  const answer = await sendOnce(get('/slow'), { timeoutMs: 50 });
  assert.equal(answer.status, undefined);
  assert.equal(answer.networkError, 'timeout after 0.05s');
});

test('send: an invalid header value is reported, not thrown', async () => {
  const request = get('/x');
  request.headers['x-bad'] = 'a\nb';
  const answer = await sendOnce(request, { timeoutMs: 2000 });
  assert.equal(answer.status, undefined);
  assert.match(answer.networkError ?? '', /x-bad/);
});
