import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConnectTarget } from '../../src/probe/connect-to.ts';
import { probeRoutes } from '../../src/probe/index.ts';
import { buildRequest } from '../../src/probe/request.ts';
import { parseConnectTo, sendOnce } from '../../src/probe/send.ts';
import type { ConnectTo } from '../../src/settings.ts';
import { flat, route, settings, snapshot } from './helpers/fixtures.ts';
import { verifySigV4 } from './helpers/sigv4-verify.ts';

const entry = (host: string, port: string, connectHost: string, connectPort: string): ConnectTo => ({
  host,
  port,
  connectHost,
  connectPort,
});

const valid: Array<[string, ConnectTo[]]> = [
  ['api.example.com:443:127.0.0.1:8443', [entry('api.example.com', '443', '127.0.0.1', '8443')]],
  ['::127.0.0.1:4010', [entry('', '', '127.0.0.1', '4010')]],
  ['api.example.com::localhost:', [entry('api.example.com', '', 'localhost', '')]],
  ['[2001:db8::1]:443:[::1]:8443', [entry('[2001:db8::1]', '443', '[::1]', '8443')]],
  [
    '  a.example:80:b.example:81  \n\n c.example:443:d.example:8443 ',
    [entry('a.example', '80', 'b.example', '81'), entry('c.example', '443', 'd.example', '8443')],
  ],
  [
    'a.example:80:b.example:81,c.example:443:d.example:8443',
    [entry('a.example', '80', 'b.example', '81'), entry('c.example', '443', 'd.example', '8443')],
  ],
  ['', []],
];
for (const [input, want] of valid) {
  test(`parseConnectTo accepts ${JSON.stringify(input)}`, () => {
    assert.deepEqual(parseConnectTo(input), want);
  });
}

const invalid: Array<[string, RegExp]> = [
  ['api.example.com:443:127.0.0.1', /entry 1 "api.example.com:443:127.0.0.1" is not HOST1:PORT1:HOST2:PORT2/],
  ['a:b:c:d', /entry 1 "a:b:c:d" is not HOST1:PORT1:HOST2:PORT2/],
  ['ok.example:1:x:2\n::1:443:127.0.0.1:8443', /entry 2 "::1:443:127.0.0.1:8443".*IPv6 addresses in brackets/],
  ['a.example:70000:b.example:80', /port 70000 is not between 1 and 65535/],
  ['a.example:80:b.example:0', /port 0 is not between 1 and 65535/],
  ['https://a.example:443:b:1', /is not HOST1:PORT1:HOST2:PORT2/],
];
for (const [input, error] of invalid) {
  test(`parseConnectTo rejects ${JSON.stringify(input)}`, () => {
    assert.throws(() => parseConnectTo(input), error);
  });
}

test('resolveConnectTarget: first match wins, empty HOST1/PORT1 match any, empty HOST2/PORT2 keep the original', () => {
  const rules = parseConnectTo('other.example:443:1.1.1.1:1\napi.example.com:443:10.0.0.1:\n:8080::9090\n[::1]:443:[::2]:8443');
  assert.deepEqual(resolveConnectTarget('api.example.com', 443, rules), { host: '10.0.0.1', port: 443 });
  assert.deepEqual(resolveConnectTarget('API.EXAMPLE.COM', 443, rules), { host: '10.0.0.1', port: 443 });
  assert.deepEqual(resolveConnectTarget('any.example', 8080, rules), { host: 'any.example', port: 9090 });
  assert.deepEqual(resolveConnectTarget('[::1]', 443, rules), { host: '::2', port: 8443 });
  assert.deepEqual(resolveConnectTarget('api.example.com', 80, rules), { host: 'api.example.com', port: 80 });
});

async function listen(server: http.Server | https.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

test('connect-to: the connection goes to 127.0.0.1 while Host stays the URL host', async (t) => {
  const seen: Array<{ host?: string | undefined; url?: string | undefined }> = [];
  const server = http.createServer((req, res) => {
    seen.push({ host: req.headers.host, url: req.url });
    res.end('ok');
  });
  const port = await listen(server);
  t.after(() => server.close());

  const { request } = buildRequest(route('GET /health'), 'none', 'Authorization', 'http://api.example.test:8080/prod', {
    apiKey: '',
    authorizerToken: '',
  });
  const answer = await sendOnce(request, { timeoutMs: 2000, connectTo: parseConnectTo(`api.example.test:8080:127.0.0.1:${port}`) });
  assert.equal(answer.status, 200);
  assert.deepEqual(seen, [{ host: 'api.example.test:8080', url: '/prod/health' }]);
});

test('connect-to: a SigV4-signed request is signed for the URL host and verifies at the other end', async (t) => {
  const credentials = {
    accessKeyId: 'AKIDEXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
    sessionToken: 'token/with+chars=',
  };
  const verdicts: boolean[] = [];
  const server = http.createServer((req, res) => {
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    void verifySigV4(
      { method: req.method ?? 'GET', origin: 'https://abc123.execute-api.eu-central-1.amazonaws.com', path: req.url ?? '/', headers },
      credentials,
      'eu-central-1',
    ).then((v) => {
      verdicts.push(v.ok && headers.host === 'abc123.execute-api.eu-central-1.amazonaws.com');
      res.end('{}');
    });
  });
  const port = await listen(server);
  t.after(() => server.close());

  // An https URL, but the test server speaks plain http: point the connection at it with an
  // http URL carrying the same host, exactly as an emulator set-up would.
  const [result] = await probeRoutes([route('GET /reports/{id}', { params: { id: 'a b+ü' }, query: { q: 'x y' } })], {
    snapshot: snapshot({ deployed: { '/reports/{id}': { GET: { authorizationType: 'AWS_IAM', apiKeyRequired: false } } } }),
    settings: settings({
      baseUrl: 'http://abc123.execute-api.eu-central-1.amazonaws.com/prod',
      region: 'eu-central-1',
      connectTo: parseConnectTo(`::127.0.0.1:${port}`),
    }),
    credentials,
  });
  assert.ok(result);
  assert.equal(flat(result).status, 200);
  assert.equal(result.sent.signed, true);
  assert.deepEqual(verdicts, [true]);
  assert.match(result.reproduce, /--connect-to '::127\.0\.0\.1:\d+'/);
});

test('connect-to over TLS: SNI and certificate check use the URL host, not the connect address', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'probe-tls-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=other.example',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
  } catch {
    t.skip('openssl is not available to make a throwaway certificate');
    return;
  }
  const serverNames: Array<string | undefined> = [];
  const server = https.createServer({
    key: readFileSync(join(dir, 'key.pem')),
    cert: readFileSync(join(dir, 'cert.pem')),
    SNICallback: (name, cb) => {
      serverNames.push(name);
      cb(null);
    },
  });
  const port = await listen(server);
  t.after(() => server.close());

  const { request } = buildRequest(route('GET /health'), 'none', 'Authorization', 'https://api.example.test/prod', {
    apiKey: '',
    authorizerToken: '',
  });
  const answer = await sendOnce(request, { timeoutMs: 2000, connectTo: parseConnectTo(`api.example.test:443:127.0.0.1:${port}`) });
  assert.deepEqual(serverNames, ['api.example.test']);
  // The throwaway certificate is not trusted: the connection must fail, not fall back to insecure.
  assert.equal(answer.status, undefined);
  assert.match(answer.networkError ?? '', /self[- ]signed|certificate/i);
});
