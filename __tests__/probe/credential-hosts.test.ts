// Defence in depth: whatever base URL reaches the probe, a credential (API key, token, SigV4
// signature) is attached only for a host the policy allows; otherwise nothing is sent at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { probeRoute } from '../../src/probe/index.ts';
import { buildRequest } from '../../src/probe/request.ts';
import { route, settings, snapshot } from './helpers/fixtures.ts';

const CREDS = { accessKeyId: 'AKIAHOSTPOLICY000001', secretAccessKey: 'host/policy+secret0001' };

test('buildRequest refuses to put a key or token on a request to an untrusted host', () => {
  const policy = { restApiId: 'a1b2c3d4e5', trustedHosts: [] };
  const secrets = { apiKey: 'key-0001', authorizerToken: 'token-0001', hostPolicy: policy };
  assert.throws(
    () => buildRequest(route('GET /a'), 'api-key', 'Authorization', 'https://attacker.example/prod', secrets),
    /refused to send a credential to attacker\.example/,
  );
  assert.throws(
    () =>
      buildRequest(
        route('GET /a'),
        'token',
        'Authorization',
        'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com.attacker.example/prod',
        secrets,
      ),
    /refused/,
  );
  // no credential asked for: the request may go anywhere the settings allowed
  assert.doesNotThrow(() => buildRequest(route('GET /a'), 'none', 'Authorization', 'https://attacker.example/prod', secrets));
  const own = buildRequest(
    route('GET /a'),
    'api-key',
    'Authorization',
    'https://A1B2C3D4E5.execute-api.us-east-1.amazonaws.com./prod',
    secrets,
  );
  assert.equal(own.request.headers['x-api-key'], 'key-0001');
});

test('probeRoute sends nothing — not even unsigned — to an untrusted host when a credential is due', async (t) => {
  const received: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    received.push(req.headers);
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prod`;
  const snap = snapshot({
    deployed: {
      '/iam': { GET: { authorizationType: 'AWS_IAM', apiKeyRequired: false } },
      '/key': { GET: { authorizationType: 'NONE', apiKeyRequired: true } },
    },
  });
  const untrusted = settings({ baseUrl, apiKey: 'key-0001', retries: 0, restApiId: 'a1b2c3d4e5', credentialHosts: [] });

  for (const path of ['GET /iam', 'GET /key']) {
    const result = await probeRoute(route(path), { snapshot: snap, settings: untrusted, credentials: CREDS });
    assert.match(result.answer.kind === 'not-sent' ? result.answer.reason : '', /refused to send a credential to 127\.0\.0\.1/, path);
  }
  assert.equal(received.length, 0, 'nothing reached the untrusted host');

  // the same host, trusted: both go out with their credential
  const trusted = { ...untrusted, credentialHosts: ['127.0.0.1'] };
  for (const path of ['GET /iam', 'GET /key']) await probeRoute(route(path), { snapshot: snap, settings: trusted, credentials: CREDS });
  assert.equal(received.length, 2);
  assert.match(String(received[0]?.authorization), /^AWS4-HMAC-SHA256 /);
  assert.equal(received[1]?.['x-api-key'], 'key-0001');
});
