import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { learnRunnerIp } from '../src/runner-ip.ts';

let server: Server;
let base: string;
const seen: IncomingHttpHeaders[] = [];
const answers: Record<string, [number, string]> = {
  '/v4': [200, '198.51.100.7\n'],
  '/v6': [200, '2001:db8::7'],
  '/html': [200, '<b>198.51.100.7</b>'],
  '/long': [200, `198.51.100.7${' '.repeat(200)}x`],
  '/error': [503, '198.51.100.7'],
};

before(async () => {
  server = createServer((req, res) => {
    seen.push(req.headers);
    const [status, body] = answers[req.url ?? ''] ?? [404, ''];
    res.statusCode = status;
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise((resolve) => server.close(resolve)));

test('takes a valid IPv4 or IPv6 answer', async () => {
  assert.equal(await learnRunnerIp({ url: `${base}/v4` }), '198.51.100.7');
  assert.equal(await learnRunnerIp({ url: `${base}/v6` }), '2001:db8::7');
});

test('an answer that is not an IP, an error status or no server: undefined', async () => {
  assert.equal(await learnRunnerIp({ url: `${base}/html` }), undefined);
  assert.equal(await learnRunnerIp({ url: `${base}/long` }), undefined);
  assert.equal(await learnRunnerIp({ url: `${base}/error` }), undefined);
  assert.equal(await learnRunnerIp({ url: 'http://127.0.0.1:1/' }), undefined);
});

test('the run is cancelled: nothing is learned', async () => {
  assert.equal(await learnRunnerIp({ url: `${base}/v4`, signal: AbortSignal.abort() }), undefined);
});

test('the env var overrides the address service; no credentials are sent there', async () => {
  const saved = process.env.APIGW_CHECKIP_URL;
  process.env.APIGW_CHECKIP_URL = `${base}/v4`;
  try {
    assert.equal(await learnRunnerIp(), '198.51.100.7');
  } finally {
    if (saved === undefined) delete process.env.APIGW_CHECKIP_URL;
    else process.env.APIGW_CHECKIP_URL = saved;
  }
  for (const headers of seen) {
    assert.equal(headers.authorization, undefined);
    assert.equal(headers['x-api-key'], undefined);
  }
});
