// Negative probes at the socket: a protected route's request is sent once more carrying no
// secret at all (no key, no token, no signature, none of the manifest's own credential
// headers), a token route a second time with a wrong token; unprotected and opted-out routes
// get none; a refusal is never retried. A loopback server records every request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { probeBypasses, probeRoutes } from '../../src/probe/index.ts';
import { WRONG_TOKEN } from '../../src/probe/negative.ts';
import { bypassPairs } from '../../src/proxy-bypass.ts';
import type { MethodTable } from '../../src/types.ts';
import { route, settings, snapshot } from './helpers/fixtures.ts';

const API_KEY = 'apikey-Negative!Secret+0001';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJuZWdhdGl2ZSJ9.bmVnYXRpdmUtc2VjcmV0';
const CREDS = {
  accessKeyId: 'ASIANEGATIVESECRET01',
  secretAccessKey: 'negativeSecretAccessKey/0001+abcdefghijklmn',
  sessionToken: 'FwoGZXIvYXdzNEGATIVE/SESSION+TOKEN==',
};
const SECRETS = [API_KEY, TOKEN, CREDS.accessKeyId, CREDS.secretAccessKey, CREDS.sessionToken, 'AWS4-HMAC-SHA256'];

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  raw: string;
}

/** A gateway stand-in: answers `status(req)`; records each request's line and raw headers. */
async function recorder(t: { after: (fn: () => void) => void }, status: (s: Seen) => number) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const s = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      raw: `${req.method} ${req.url}\n${req.rawHeaders.join('\n')}`,
    };
    seen.push(s);
    const code = status(s);
    if (code === 403) res.setHeader('x-amzn-errortype', 'MissingAuthenticationTokenException');
    if (code === 401) res.setHeader('x-amzn-errortype', 'UnauthorizedException');
    res.statusCode = code;
    const message = code === 401 ? 'Unauthorized' : code === 403 ? 'Missing Authentication Token' : 'Service Unavailable';
    res.end(code >= 400 ? JSON.stringify({ message }) : '{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  return { seen, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/prod` };
}

const TABLE: MethodTable = {
  '/iam': { POST: { authorizationType: 'AWS_IAM', apiKeyRequired: true } },
  '/token': { GET: { authorizationType: 'COGNITO_USER_POOLS', apiKeyRequired: false, authorizerId: 'c' } },
  '/open': { GET: { authorizationType: 'NONE', apiKeyRequired: false } },
  '/skip': { GET: { authorizationType: 'AWS_IAM', apiKeyRequired: false } },
};
const AUTHORIZERS = { c: { id: 'c', name: 'users', type: 'COGNITO_USER_POOLS', identitySource: 'method.request.header.X-Id-Token' } };
const credentialed = (s: Seen) => Boolean(s.headers.authorization || s.headers['x-api-key'] || s.headers['x-id-token'] === TOKEN);

test('negative probes carry no secret, follow the deployed protection, and skip open and opted-out routes', async (t) => {
  // The gateway refuses whatever lacks credentials: a refusal, so no retry.
  const { seen, baseUrl } = await recorder(t, (s) => (credentialed(s) ? 200 : s.url.includes('token') ? 401 : 403));
  const results = await probeRoutes(
    [
      route('POST /iam', {
        body: '{"x":1}',
        bodyContentType: 'application/json',
        headers: { Authorization: 'Bearer manifest-own', 'X-Api-Key': 'manifest-own-key' },
      }),
      route('GET /token'),
      route('GET /open'),
      route('GET /skip', { negative: false }),
    ],
    {
      snapshot: snapshot({ deployed: TABLE, authorizers: AUTHORIZERS }),
      settings: settings({ baseUrl, apiKey: API_KEY, authorizerToken: TOKEN }),
      credentials: CREDS,
      negative: true,
    },
  );

  // 4 smoke requests + 1 for /iam + 2 for /token; none for /open (not protected) or /skip (negative: false).
  assert.equal(seen.length, 7, seen.map((s) => `${s.method} ${s.url}`).join(', '));
  const negatives = seen.filter((s) => !credentialed(s));
  assert.deepEqual(
    negatives.map((s) => `${s.method} ${s.url}`).sort(),
    ['GET /prod/open', 'GET /prod/token', 'GET /prod/token', 'POST /prod/iam'].sort(),
  );
  for (const s of negatives)
    for (const secret of SECRETS) assert.ok(!s.raw.includes(secret), `a negative probe carried ${secret}:\n${s.raw}`);
  const iamNegative = negatives.find((s) => s.url === '/prod/iam');
  assert.equal(iamNegative?.headers.authorization, undefined, "the manifest's own Authorization header is dropped too");
  assert.equal(iamNegative?.headers['x-api-key'], undefined);
  assert.equal(iamNegative?.headers['x-amz-date'], undefined);
  // The wrong token is the only thing a negative probe carries, in the authorizer's header.
  assert.deepEqual(
    negatives
      .filter((s) => s.url === '/prod/token')
      .map((s) => s.headers['x-id-token'] ?? null)
      .sort(),
    [WRONG_TOKEN, null].sort(),
  );
  // The smoke requests really carried the secrets (or the test would prove nothing).
  assert.ok(
    seen.some((s) => s.raw.includes(API_KEY)) &&
      seen.some((s) => s.raw.includes(TOKEN)) &&
      seen.some((s) => s.raw.includes('AWS4-HMAC-SHA256')),
  );

  const byRoute = Object.fromEntries(results.map((r) => [r.route.route, r.negative]));
  assert.deepEqual(
    byRoute['POST /iam']?.map((p) => [p.kind, p.refusal, p.removed]),
    [['bare', 'refused', ['the SigV4 signature', 'the x-api-key header']]],
  );
  assert.deepEqual(
    byRoute['GET /token']?.map((p) => [p.kind, p.refusal]),
    [
      ['bare', 'refused'],
      ['wrong-token', 'refused'],
    ],
  );
  assert.equal(byRoute['GET /open'], undefined);
  assert.equal(byRoute['GET /skip'], undefined);
  const out = JSON.stringify(results.map((r) => r.negative ?? []));
  for (const secret of SECRETS) assert.ok(!out.includes(secret), `a negative probe result names ${secret}`);
});

test('an open route behind a declared guard is caught; without a method table only explicit auth is followed', async (t) => {
  const { seen, baseUrl } = await recorder(t, () => 200);
  const results = await probeRoutes([route('GET /a', { auth: 'iam' }), route('GET /b')], {
    settings: settings({ baseUrl }),
    negative: true,
  });
  // GET /a: smoke + negative (declared iam); GET /b: auth auto and nothing to read it from: smoke only.
  assert.equal(seen.length, 3);
  assert.deepEqual(
    results[0]?.negative?.map((p) => p.refusal),
    ['not-enforced'],
  );
  assert.equal(results[1]?.negative, undefined);
});

test('negative probes are off unless asked for', async (t) => {
  const { seen, baseUrl } = await recorder(t, () => 403);
  await probeRoutes([route('GET /a', { auth: 'iam' })], { settings: settings({ baseUrl }) });
  assert.equal(seen.length, 1);
});

test('a transient 5xx is retried; the refusal that follows is the answer, not retried', async (t) => {
  let calls = 0;
  const { seen, baseUrl } = await recorder(t, (s) => (credentialed(s) ? 200 : ++calls === 1 ? 503 : 403));
  const results = await probeRoutes([route('GET /a', { auth: 'api-key' })], {
    settings: settings({ baseUrl, apiKey: API_KEY, retries: 2 }),
    negative: true,
    backoffMs: 1,
    sleep: async () => {},
  });
  // smoke, then the negative: 503 (transient, retried), then 403 MAT (a refusal: the answer)
  assert.equal(seen.length, 3);
  assert.equal(results[0]?.negative?.[0]?.refusal, 'refused');
});

test('open doors beside a protected route: one unsigned request per pair, through the proxy', async (t) => {
  const { seen, baseUrl } = await recorder(t, () => 200);
  const table: MethodTable = {
    '/admin': { POST: { authorizationType: 'AWS_IAM', apiKeyRequired: false } },
    '/{proxy+}': { ANY: { authorizationType: 'NONE', apiKeyRequired: false } },
  };
  const pairs = bypassPairs(table, [route('POST /admin', { body: '{"secret":"no"}', headers: { 'x-api-key': API_KEY } })]);
  assert.deepEqual(
    pairs.map((p) => [p.route.route, p.open.method, p.verbs, p.kind]),
    [['POST /admin', 'ANY /{proxy+}', ['GET', 'PUT', 'PATCH', 'DELETE'], 'verb']],
  );
  const probes = await probeBypasses(pairs, { settings: settings({ baseUrl, apiKey: API_KEY }), credentials: CREDS });
  assert.equal(seen.length, 1);
  // HEAD: the ANY method serves it, and a proof must change nothing on the backend
  assert.equal(`${seen[0]?.method} ${seen[0]?.url}`, 'HEAD /prod/admin');
  for (const secret of SECRETS) assert.ok(!seen[0]?.raw.includes(secret), `the bypass probe carried ${secret}`);
  assert.deepEqual(
    probes.map((p) => [p.request, p.refusal]),
    [['HEAD /admin', 'not-enforced']],
  );

  // Two protected routes beside the same door share one request, and both get its answer.
  const before = seen.length;
  const guardedTwice: MethodTable = { ...table, '/admin': { POST: table['/admin']!.POST!, DELETE: table['/admin']!.POST! } };
  const both = bypassPairs(guardedTwice, [route('POST /admin'), route('DELETE /admin')]);
  const shared = await probeBypasses(both, { settings: settings({ baseUrl }) });
  assert.equal(seen.length - before, 1);
  assert.deepEqual(
    shared.map((p) => [p.route, p.request]),
    [
      ['POST /admin', 'HEAD /admin'],
      ['DELETE /admin', 'HEAD /admin'],
    ],
  );

  // A proxy that serves one verb only is proven with that verb.
  const postOnly = bypassPairs(
    {
      '/admin': { GET: { authorizationType: 'AWS_IAM', apiKeyRequired: false } },
      '/{proxy+}': { POST: { authorizationType: 'NONE', apiKeyRequired: false } },
    },
    [route('GET /admin')],
  );
  assert.deepEqual(
    postOnly.map((p) => [p.verbs, p.probeVerb]),
    [[['POST'], 'POST']],
  );
});

test('a refused negative probe keeps its status and classification, not its body; one that got through keeps everything', async (t) => {
  const { baseUrl } = await recorder(t, (s) => (s.url.endsWith('/a') ? 403 : 200));
  const results = await probeRoutes([route('GET /a', { auth: 'iam' }), route('GET /b', { auth: 'iam' })], {
    settings: settings({ baseUrl, retries: 0 }),
    negative: true,
  });
  const [refused, through] = results.map((r) => r.negative?.[0]);
  assert.equal(refused?.refusal, 'refused');
  assert.ok(refused?.answer.kind === 'answered');
  assert.equal(refused.answer.status, 403);
  assert.equal(refused.answer.classification.errorType, 'MissingAuthenticationTokenException');
  assert.equal(refused.answer.body, '');
  assert.deepEqual(refused.answer.headers, {});
  assert.equal(through?.refusal, 'not-enforced');
  assert.ok(through?.answer.kind === 'answered');
  assert.equal(through.answer.body, '{"ok":true}');
  assert.equal(through.answer.headers['content-length'], '11');
  // the reproduce command is built when read, for either
  assert.match(through.reproduce, /^curl -i '.*\/prod\/b'/);
  assert.match(refused.reproduce, /^curl -i '.*\/prod\/a'/);
});
