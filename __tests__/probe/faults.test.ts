// The smoke request under faults, over real loopback HTTP: a body cut short is a reset (not a
// timeout), the run's cancellation ends the attempt in flight and sends nothing new, and an
// answer that meets `expect` is the answer even when it is a 5xx.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkKind } from '../../src/diagnose/rules/network-error.ts';
import { probeRoutes } from '../../src/probe/index.ts';
import { buildRequest } from '../../src/probe/request.ts';
import { CANCELLED, RESET_MID_BODY, sendOnce } from '../../src/probe/send.ts';
import { route, settings } from './helpers/fixtures.ts';

const requests: string[] = [];
let arrived: () => void = () => undefined;
const server = http.createServer((req, res) => {
  requests.push(req.url ?? '');
  arrived();
  if (req.url === '/prod/midbody') {
    res.writeHead(200, { 'content-length': '1000' });
    res.write('x'.repeat(100), () => res.socket?.destroy());
  } else if (req.url === '/prod/hang') {
    // never answered
  } else if (req.url === '/prod/error') {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end('backend says no');
  } else {
    res.end('ok');
  }
});
let base = '';
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prod`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const get = (path: string) =>
  buildRequest(route(`GET ${path}`), 'none', 'Authorization', base, { apiKey: '', authorizerToken: '' }).request;

test('a connection reset in the middle of the body is a reset, not a timeout', async () => {
  const answer = await sendOnce(get('/midbody'), { timeoutMs: 10_000 });
  assert.equal(answer.networkError, RESET_MID_BODY);
  assert.equal(networkKind(answer.networkError), 'reset');
});

test('the cancellation ends the attempt in flight', async () => {
  const cancel = new AbortController();
  arrived = () => cancel.abort();
  const answer = await sendOnce(get('/hang'), { timeoutMs: 60_000, signal: cancel.signal });
  arrived = () => undefined;
  assert.equal(answer.networkError, CANCELLED);
  assert.equal(answer.cancelled, true);
});

test('probeRoutes: once cancelled, nothing more is sent and every unchecked route says why', async () => {
  requests.length = 0;
  const cancel = new AbortController();
  arrived = () => cancel.abort();
  const results = await probeRoutes([route('GET /hang'), route('GET /ok'), route('GET /other')], {
    settings: settings({ baseUrl: base, concurrency: 1, timeoutMs: 60_000, retries: 3 }),
    signal: cancel.signal,
  });
  arrived = () => undefined;
  assert.deepEqual(requests, ['/prod/hang']);
  for (const r of results) {
    assert.deepEqual(r.answer, { kind: 'cancelled' }, r.route.route);
    assert.deepEqual(r.attempts, []);
  }
});

test('probeRoutes: a 500 that meets expect: [500] is sent once', async () => {
  requests.length = 0;
  const expect500 = { codes: [500], classes: [], reachable: false, text: '[500]' };
  const [r] = await probeRoutes([route('GET /error', { expect: expect500 })], {
    settings: settings({ baseUrl: base, retries: 3 }),
    sleep: async () => assert.fail('an expected answer is not retried'),
  });
  assert.ok(r);
  assert.equal(r.answer.kind === 'answered' && r.answer.status, 500);
  assert.equal(r.attempts.length, 1);
  assert.deepEqual(requests, ['/prod/error']);
});

test('probeRoutes: a 500 the route does not expect is retried', async () => {
  requests.length = 0;
  const [r] = await probeRoutes([route('GET /error')], { settings: settings({ baseUrl: base, retries: 1 }), sleep: async () => undefined });
  assert.ok(r);
  assert.equal(r.attempts.length, 2);
  assert.deepEqual(requests, ['/prod/error', '/prod/error']);
});
