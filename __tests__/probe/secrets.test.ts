// No secret may reach anything the probe hands on (reports, logs, annotations are built from
// ProbeResult), even when the backend echoes the request back — only the wire carries them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { probeRoutes } from '../../src/probe/index.ts';
import { flat, route, settings, snapshot } from './helpers/fixtures.ts';

const API_KEY = 'apikey-Zq8w!Secret+Value';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzbW9rZSJ9.c2lnbmF0dXJl';
const CREDS = {
  accessKeyId: 'ASIAPROBESECRET00001',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYSECRETKEY',
  sessionToken: 'FwoGZXIvYXdzEBYaDSECRET/SESSION+TOKEN==',
};
const SECRETS = [
  API_KEY,
  TOKEN,
  CREDS.accessKeyId,
  CREDS.secretAccessKey,
  CREDS.sessionToken,
  encodeURIComponent(API_KEY),
  encodeURIComponent(CREDS.sessionToken),
];

test('no secret appears in any ProbeResult field, though every one went on the wire and came back', async (t) => {
  const received: string[] = [];
  // A debug backend that echoes everything it got, in the body and in response headers.
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const echo = JSON.stringify({ url: req.url, headers: req.headers, body });
      received.push(echo);
      res.setHeader('x-echo-auth', String(req.headers.authorization ?? ''));
      res.setHeader('x-echo-key', String(req.headers['x-api-key'] ?? ''));
      res.setHeader('x-echo-token', String(req.headers['x-amz-security-token'] ?? ''));
      res.setHeader('x-echo-encoded', encodeURIComponent(String(req.headers['x-api-key'] ?? '')));
      // Like the gateway quoting an Authorization header it cannot parse:
      const message = `'${TOKEN}' not a valid key=value pair (missing equal-sign) in Authorization header: 'Bearer ${TOKEN}'.`;
      res.statusCode = req.url?.startsWith('/prod/iam') ? 200 : 403;
      res.end(req.url?.startsWith('/prod/iam') ? echo : JSON.stringify({ message, echo }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const port = (server.address() as AddressInfo).port;

  const snap = snapshot({
    deployed: {
      '/iam': { POST: { authorizationType: 'AWS_IAM', apiKeyRequired: true } },
      '/token': { GET: { authorizationType: 'COGNITO_USER_POOLS', apiKeyRequired: true, authorizerId: 'c' } },
    },
    authorizers: { c: { id: 'c', name: 'users', type: 'COGNITO_USER_POOLS', identitySource: 'method.request.header.Authorization' } },
  });
  // `expect: 201`: the echo (a 200) fails the check, so its body is kept (a passing answer keeps none) and must be redacted.
  const expect201 = { codes: [201], classes: [], reachable: false, text: '201' };
  const iam = route('POST /iam', { body: '{"x":1}', bodyContentType: 'application/json', expect: expect201 });
  const results = await probeRoutes([iam, route('GET /token')], {
    snapshot: snap,
    settings: settings({ baseUrl: `http://127.0.0.1:${port}/prod`, apiKey: API_KEY, authorizerToken: TOKEN, retries: 0 }),
    credentials: CREDS,
  });

  // The secrets really were sent (otherwise this test proves nothing) …
  const wire = received.join('\n');
  for (const s of [API_KEY, TOKEN, CREDS.accessKeyId, CREDS.sessionToken]) assert.ok(wire.includes(s), `sent on the wire: ${s}`);
  assert.match(wire, /Signature=[0-9a-f]{64}/);
  assert.deepEqual(
    results.map((r) => flat(r).status),
    [200, 403],
  );
  assert.deepEqual(
    results.map((r) => r.sent),
    [
      { apiKey: true, signed: true, token: false },
      { apiKey: true, signed: false, token: true, tokenHeader: 'Authorization' },
    ],
  );
  assert.equal(flat(results[1]!).classification.errorType, 'IncompleteSignatureException');

  // … and none of them, nor the signature, is in what the probe returns.
  const out = JSON.stringify(results);
  for (const s of SECRETS) assert.ok(!out.includes(s), `leaked: ${s}`);
  const signature = /Signature=([0-9a-f]{64})/.exec(wire)?.[1] ?? 'none';
  assert.ok(!out.includes(signature), 'leaked the SigV4 signature');
  assert.match(flat(results[0]!).body, /\*\*\*/);
  assert.match(flat(results[1]!).classification.message ?? '', /^'\*\*\*' not a valid key=value pair/);
});
