// Keep-alive connections of sendOnce, on a real loopback server: reuse per target, the
// connect-to redirection unchanged, failed connections never reused, and all closed at the end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { buildRequest } from '../../src/probe/request.ts';
import { ConnectionPool, parseConnectTo, sendOnce } from '../../src/probe/send.ts';
import { route } from './helpers/fixtures.ts';

const URL_HOST = 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com';

interface Seen {
  connections: Socket[];
  hosts: string[];
  url: string;
  connectTo: string;
  close: () => Promise<void>;
}

/** A server that answers 200 with the number of the connection a request came on; `handle` may interfere. */
async function serve(handle?: (req: http.IncomingMessage, res: http.ServerResponse, requestOnSocket: number) => boolean): Promise<Seen> {
  const perSocket = new Map<Socket, number>();
  const seen: Omit<Seen, 'url' | 'connectTo' | 'close'> = { connections: [], hosts: [] };
  const server = http.createServer((req, res) => {
    const n = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, n);
    seen.hosts.push(req.headers.host ?? '');
    if (handle?.(req, res, n)) return;
    res.end(String(seen.connections.indexOf(req.socket)));
  });
  server.on('connection', (socket: Socket) => seen.connections.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    ...seen,
    url: `http://${URL_HOST}/prod`,
    connectTo: `${URL_HOST}:80:127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const get = (base: string, path: string) =>
  buildRequest(route(`GET ${path}`), 'none', 'Authorization', base, { apiKey: '', authorizerToken: '' }).request;

test('keep-alive: requests to one target share a connection; the Host header stays the URL host under connect-to', async () => {
  const server = await serve();
  const pool = new ConnectionPool(4);
  try {
    const options = { timeoutMs: 2000, connectTo: parseConnectTo(server.connectTo), pool };
    for (const path of ['/a', '/b', '/c']) {
      const answer = await sendOnce(get(server.url, path), options);
      assert.equal(answer.status, 200, answer.networkError);
    }
    assert.equal(server.connections.length, 1);
    assert.deepEqual(server.hosts, [URL_HOST, URL_HOST, URL_HOST]);
  } finally {
    pool.destroy();
    await server.close();
  }
});

test('keep-alive: at most maxSockets connections per target, however many requests run at once', async () => {
  const server = await serve((_req, res) => {
    setTimeout(() => res.end('slow'), 20);
    return true;
  });
  const pool = new ConnectionPool(2);
  try {
    const options = { timeoutMs: 5000, connectTo: parseConnectTo(server.connectTo), pool };
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => sendOnce(get(server.url, `/r${i}`), options)));
    assert.deepEqual(
      answers.map((a) => a.status),
      Array(8).fill(200),
    );
    assert.equal(server.connections.length, 2);
  } finally {
    pool.destroy();
    await server.close();
  }
});

test('keep-alive: a connection whose attempt timed out is not reused', async () => {
  let first = true;
  const server = await serve((_req, res) => {
    if (!first) return false;
    first = false;
    setTimeout(() => res.end('late'), 500);
    return true;
  });
  const pool = new ConnectionPool(1);
  try {
    const options = { timeoutMs: 100, connectTo: parseConnectTo(server.connectTo), pool };
    const timedOut = await sendOnce(get(server.url, '/slow'), options);
    assert.equal(timedOut.networkError, 'timeout after 0.1s');
    const next = await sendOnce(get(server.url, '/fast'), { ...options, timeoutMs: 2000 });
    assert.equal(next.status, 200);
    assert.equal(next.body, '1', 'answered on a second connection');
  } finally {
    pool.destroy();
    await server.close();
  }
});

test('keep-alive: a pooled connection the server drops is replaced once, transparently', async () => {
  // The second request on any connection finds it closed, as when the server's idle timeout hits.
  const server = await serve((req, _res, requestOnSocket) => {
    if (requestOnSocket < 2) return false;
    req.socket.destroy();
    return true;
  });
  const pool = new ConnectionPool(1);
  try {
    const options = { timeoutMs: 2000, connectTo: parseConnectTo(server.connectTo), pool };
    assert.equal((await sendOnce(get(server.url, '/a'), options)).body, '0');
    const second = await sendOnce(get(server.url, '/b'), options);
    assert.equal(second.networkError, undefined);
    assert.equal(second.status, 200);
    assert.equal(second.body, '1', 'answered on a fresh connection');
  } finally {
    pool.destroy();
    await server.close();
  }
});

test('keep-alive: destroy() closes the pooled connections', async () => {
  const server = await serve();
  const pool = new ConnectionPool(2);
  try {
    await sendOnce(get(server.url, '/a'), { timeoutMs: 2000, connectTo: parseConnectTo(server.connectTo), pool });
    const [socket] = server.connections;
    assert.ok(socket, 'the request went over a connection the server saw');
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    assert.equal(socket.destroyed, false, 'kept open while the pool lives');
    pool.destroy();
    await closed;
  } finally {
    await server.close();
  }
});
