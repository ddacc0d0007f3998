import { test, afterEach, before, after } from 'node:test';
import assert from 'node:assert/strict';
import nock from 'nock';
import { probeRoutes } from '../../src/probe/index.ts';
import type { ProbeOptions } from '../../src/probe/index.ts';
import type { ProbeResult } from '../../src/types.ts';
import { flat, route, settings, snapshot } from './helpers/fixtures.ts';

const HOST = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com';
const MAT = { message: 'Missing Authentication Token' };
const MAT_HEADERS = { 'x-amzn-ErrorType': 'MissingAuthenticationTokenException', 'content-type': 'application/json' };
const IAM = { authorizationType: 'AWS_IAM', apiKeyRequired: false };
const CREDS = { accessKeyId: 'ASIATESTTESTTEST0001', secretAccessKey: 'secret/Access+Key0001', sessionToken: 'session-token-0001' };

before(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
after(() => nock.enableNetConnect());

/** Options that never really wait: backoff base 0 and sleeps recorded. */
function fast(extra: Partial<ProbeOptions> = {}): ProbeOptions & { sleeps: number[] } {
  const sleeps: number[] = [];
  return { settings: settings(), backoffMs: 0, sleep: async (ms) => void sleeps.push(ms), sleeps, ...extra };
}

const statuses = (r: ProbeResult) => r.attempts.map((a) => a.status ?? a.networkError);

test('probe: a passing route records status, classification, url and a reproduce command', async () => {
  nock(HOST).get('/prod/users/42').query({ verbose: '1' }).reply(200, '{"id":42}', { 'content-type': 'application/json' });
  const [r] = await probeRoutes([route('GET /users/{id}', { params: { id: '42' }, query: { verbose: '1' } })], fast());
  assert.ok(r);
  assert.equal(flat(r).status, 200);
  assert.equal(r.url, `${HOST}/prod/users/42?verbose=1`);
  assert.equal(r.method, 'GET');
  assert.deepEqual(flat(r).classification, {});
  assert.deepEqual(r.attempts.length, 1);
  assert.equal(r.auth, 'none');
  assert.equal(r.authFrom, 'default');
  assert.deepEqual(r.sent, { apiKey: false, signed: false, token: false });
  assert.equal(r.reproduce, `curl -i '${HOST}/prod/users/42?verbose=1' \\\n  -H 'user-agent: apigw-route-verify'`);
  assert.equal(flat(r).networkError, undefined);
});

test('probe: a passing answer keeps its status and the headers diagnoses read, not its body; a failing one keeps everything', async () => {
  const headers = {
    'content-type': 'application/json',
    'x-amzn-RequestId': '11111111-2222-3333-4444-555555555555',
    via: '1.1 abc.cloudfront.net (CloudFront)',
    'set-cookie': 'session=abc',
  };
  nock(HOST).get('/prod/ok').reply(200, '{"id":42}', headers);
  nock(HOST).get('/prod/teapot').reply(418, '{"id":43}', headers);
  const [ok, teapot] = await probeRoutes([route('GET /ok'), route('GET /teapot')], fast());
  assert.ok(ok && teapot);
  assert.equal(flat(ok).status, 200);
  assert.equal(flat(ok).body, '');
  assert.deepEqual(flat(ok).headers, {
    'x-amzn-requestid': '11111111-2222-3333-4444-555555555555',
    via: '1.1 abc.cloudfront.net (CloudFront)',
  });
  assert.equal(flat(teapot).status, 418);
  assert.equal(flat(teapot).body, '{"id":43}');
  assert.equal(flat(teapot).headers['content-type'], 'application/json');
  assert.equal(flat(teapot).headers['set-cookie'], 'session=abc');
  // The reproduce command is built when read, the same for either.
  assert.equal(teapot.reproduce, `curl -i '${HOST}/prod/teapot' \\\n  -H 'user-agent: apigw-route-verify'`);
  assert.equal(ok.reproduce, `curl -i '${HOST}/prod/ok' \\\n  -H 'user-agent: apigw-route-verify'`);
});

test('probe: MAT is classified and not retried', async () => {
  const scope = nock(HOST).get('/prod/nope').reply(403, MAT, MAT_HEADERS);
  const [r] = await probeRoutes([route('GET /nope')], fast());
  assert.ok(r);
  assert.equal(flat(r).status, 403);
  assert.equal(flat(r).classification.errorType, 'MissingAuthenticationTokenException');
  assert.equal(flat(r).classification.by, 'header');
  assert.deepEqual(
    r.attempts.map((a) => a.errorType),
    ['MissingAuthenticationTokenException'],
  );
  assert.ok(scope.isDone());
});

test('probe: 429 with Retry-After waits what the server asked, then succeeds', async () => {
  nock(HOST)
    .get('/prod/busy')
    .reply(429, { message: 'Too Many Requests' }, { 'x-amzn-ErrorType': 'TooManyRequestsException', 'Retry-After': '2' })
    .get('/prod/busy')
    .reply(200, 'ok');
  const opts = fast();
  const [r] = await probeRoutes([route('GET /busy')], opts);
  assert.ok(r);
  assert.deepEqual(statuses(r), [429, 200]);
  assert.equal(r.attempts[0]?.errorType, 'TooManyRequestsException');
  assert.equal(flat(r).status, 200);
  assert.deepEqual(opts.sleeps, [2000]);
});

test('probe: 503 then 200', async () => {
  nock(HOST).get('/prod/flaky').reply(503, 'unavailable').get('/prod/flaky').reply(200, 'ok');
  const opts = fast({ backoffMs: 100 });
  const [r] = await probeRoutes([route('GET /flaky')], opts);
  assert.ok(r);
  assert.deepEqual(statuses(r), [503, 200]);
  assert.equal(opts.sleeps.length, 1);
  assert.ok(opts.sleeps[0] !== undefined && opts.sleeps[0] >= 0 && opts.sleeps[0] < 100, `full jitter below the base: ${opts.sleeps[0]}`);
});

test('probe: a connection reset is retried', async () => {
  nock(HOST)
    .get('/prod/reset')
    .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
    .get('/prod/reset')
    .reply(200, 'ok');
  const [r] = await probeRoutes([route('GET /reset')], fast());
  assert.ok(r);
  assert.deepEqual(statuses(r), ['ECONNRESET: socket hang up', 200]);
  assert.equal(flat(r).status, 200);
  assert.equal(flat(r).networkError, undefined);
});

test('probe: a 404 is not retried', async () => {
  const scope = nock(HOST).get('/prod/gone').reply(404, 'no').get('/prod/gone').reply(200, 'ok');
  const [r] = await probeRoutes([route('GET /gone')], fast());
  assert.ok(r);
  assert.deepEqual(statuses(r), [404]);
  assert.equal(scope.isDone(), false);
});

test('probe: retries: 2 → at most 3 attempts; the last answer is the result', async () => {
  nock(HOST).get('/prod/throttled').times(3).reply(429, { message: 'Too Many Requests' }).get('/prod/throttled').reply(200, 'never');
  const [r] = await probeRoutes([route('GET /throttled')], fast());
  assert.ok(r);
  assert.deepEqual(statuses(r), [429, 429, 429]);
  assert.equal(flat(r).classification.errorType, 'TooManyRequestsException');
  assert.equal(flat(r).classification.by, 'body');
});

test('probe: a timeout on every attempt ends as a network error', async () => {
  nock(HOST).get('/prod/slow').times(2).delay(300).reply(200, 'late');
  const [r] = await probeRoutes([route('GET /slow')], fast({ settings: settings({ timeoutMs: 30, retries: 1 }) }));
  assert.ok(r);
  assert.deepEqual(statuses(r), ['timeout after 0.03s', 'timeout after 0.03s']);
  assert.equal(flat(r).status, undefined);
  assert.equal(flat(r).networkError, 'timeout after 0.03s');
  assert.deepEqual(flat(r).classification, {});
});

test('probe: an IAM route without credentials is still sent, unsigned', async () => {
  const scope = nock(HOST, { badheaders: ['authorization', 'x-amz-date'] })
    .get('/prod/reports')
    .reply(403, MAT, MAT_HEADERS);
  const [r] = await probeRoutes([route('GET /reports')], fast({ snapshot: snapshot({ deployed: { '/reports': { GET: IAM } } }) }));
  assert.ok(r);
  assert.ok(scope.isDone());
  assert.equal(r.auth, 'iam');
  assert.equal(r.authFrom, 'deployed');
  assert.deepEqual(r.sent, { apiKey: false, signed: false, token: false });
  assert.equal(flat(r).classification.errorType, 'MissingAuthenticationTokenException');
  assert.doesNotMatch(r.reproduce, /aws-sigv4/);
});

test('probe: an IAM route with credentials is signed with the session token', async () => {
  const scope = nock(HOST, {
    reqheaders: {
      authorization: /^AWS4-HMAC-SHA256 Credential=ASIATESTTESTTEST0001\/\d{8}\/us-east-1\/execute-api\/aws4_request, /,
      'x-amz-security-token': CREDS.sessionToken,
      'x-amz-date': /^\d{8}T\d{6}Z$/,
    },
  })
    .get('/prod/reports')
    .reply(200, 'signed ok');
  const [r] = await probeRoutes([route('GET /reports', { auth: 'iam' })], fast({ credentials: CREDS }));
  assert.ok(r);
  assert.ok(scope.isDone());
  assert.equal(flat(r).status, 200);
  assert.equal(r.authFrom, 'manifest');
  assert.deepEqual(r.sent, { apiKey: false, signed: true, token: false });
  assert.match(r.reproduce, /--aws-sigv4 'aws:amz:us-east-1:execute-api'/);
  assert.match(r.reproduce, /x-amz-security-token: \$AWS_SESSION_TOKEN/);
});

test('probe: a retried IAM request is signed on every attempt', async () => {
  const authorizations: string[] = [];
  nock(HOST, { reqheaders: { authorization: (v: string | null) => authorizations.push(v ?? '') > 0 } })
    .get('/prod/reports')
    .times(2)
    .reply(503, 'x');
  const [r] = await probeRoutes([route('GET /reports', { auth: 'iam' })], fast({ credentials: CREDS, settings: settings({ retries: 1 }) }));
  assert.ok(r);
  assert.deepEqual(statuses(r), [503, 503]);
  assert.equal(authorizations.length, 2);
  for (const a of authorizations) assert.match(a, /^AWS4-HMAC-SHA256 Credential=ASIATESTTESTTEST0001\//);
});

test('probe: api key and the authorizer token go in the right headers', async () => {
  const snap = snapshot({
    deployed: { '/orders': { POST: { authorizationType: 'CUSTOM', apiKeyRequired: true, authorizerId: 'a1' } } },
    authorizers: { a1: { id: 'a1', name: 'lambda', type: 'TOKEN', identitySource: 'method.request.header.X-Token' } },
  });
  const scope = nock(HOST, { reqheaders: { 'x-api-key': 'key-0001', 'x-token': 'tok-0001' }, badheaders: ['authorization'] })
    .post('/prod/orders', { sku: 'smoke-test' })
    .reply(201, 'made');
  const [r] = await probeRoutes(
    [route('POST /orders', { body: '{"sku":"smoke-test"}', bodyContentType: 'application/json' })],
    fast({
      snapshot: snap,
      settings: settings({ apiKey: 'key-0001', authorizerToken: 'tok-0001' }),
    }),
  );
  assert.ok(r);
  assert.ok(scope.isDone());
  assert.equal(flat(r).status, 201);
  assert.equal(r.auth, 'token+api-key');
  assert.deepEqual(r.sent, { apiKey: true, signed: false, token: true, tokenHeader: 'X-Token' });
  assert.match(r.reproduce, /-H "x-api-key: \$API_KEY"/);
  assert.match(r.reproduce, /-H "X-Token: \$AUTHORIZER_TOKEN"/);
});

test('probe: a token route without a configured token is sent bare, and says which header it needed', async () => {
  nock(HOST, { badheaders: ['authorization'] })
    .get('/prod/me')
    .reply(401, { message: 'Unauthorized' }, { 'x-amzn-ErrorType': 'UnauthorizedException' });
  const [r] = await probeRoutes([route('GET /me', { auth: 'token' })], fast());
  assert.ok(r);
  assert.deepEqual(r.sent, { apiKey: false, signed: false, token: false, tokenHeader: 'Authorization' });
  assert.equal(flat(r).classification.errorType, 'UnauthorizedException');
});

test('probe: CORS preflight headers are sent', async () => {
  const scope = nock(HOST, { reqheaders: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' } })
    .options('/prod/users')
    .reply(204, '', { 'access-control-allow-origin': 'https://app.example.com' });
  const [r] = await probeRoutes(
    [route('OPTIONS /users', { cors: { origin: 'https://app.example.com', method: 'POST', headers: [] } })],
    fast(),
  );
  assert.ok(r);
  assert.ok(scope.isDone());
  assert.equal(flat(r).status, 204);
});

test('probe: results in input order, onResult called once per route, concurrency respected', async () => {
  let started = 0;
  let finished = 0;
  let peak = 0;
  for (const [i, delay] of [80, 10, 40, 0, 20].entries()) {
    nock(HOST)
      .get(`/prod/r${i}`)
      .delay(delay)
      .reply(() => {
        started++;
        peak = Math.max(peak, started - finished);
        return [200, `r${i}`];
      });
  }
  const seen: string[] = [];
  const routes = [0, 1, 2, 3, 4].map((i) => route(`GET /r${i}`));
  const onResult = (r: ProbeResult): void => {
    finished++;
    seen.push(r.url.slice(-2));
  };
  const results = await probeRoutes(routes, fast({ settings: settings({ concurrency: 2 }), onResult }));
  assert.deepEqual(
    results.map((r) => r.url.slice(-2)),
    ['r0', 'r1', 'r2', 'r3', 'r4'],
  );
  assert.deepEqual([...seen].sort(), ['r0', 'r1', 'r2', 'r3', 'r4']);
  assert.notDeepEqual(seen, ['r0', 'r1', 'r2', 'r3', 'r4'], 'completion order differs from input order');
  assert.equal(peak, 2);
});

test('probe: a request that cannot be built is reported as not sent', async () => {
  const [r] = await probeRoutes([route('GET /users/{id}')], fast());
  assert.ok(r);
  assert.match(flat(r).notSent ?? '', /path parameter \{id\} has no value/);
  assert.deepEqual(r.attempts, []);
  assert.equal(flat(r).status, undefined);
  assert.equal(r.url, `${HOST}/prod/users/{id}`);
});
