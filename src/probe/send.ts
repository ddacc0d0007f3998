// One HTTP attempt with node:http/https.
//
// Deliberately plain: no redirects are followed (a 3xx is the answer, and a signed request
// or an API key never travels to another host), a per-attempt deadline covering connect,
// headers and body, and a bounded body read. Connections are kept alive per target when the
// caller passes a ConnectionPool; a connection that failed, timed out or was cut short is
// destroyed, never handed back to the pool, so a retry never reuses it.
import { createRequire } from 'node:module';
import type * as Http from 'node:http';
import type * as Https from 'node:https';
import net from 'node:net';
import type { ConnectTo } from '../settings.ts';
import { resolveConnectTarget } from './connect-to.ts';
import type { OutgoingRequest } from './request.ts';

// Through require, not import: an ES import of node:http makes Node 24 build the module's ES
// namespace, which reads its lazy WebSocket/fetch getters and loads the internal undici
// (tens of ms at every start, measured). require() leaves those getters alone.
const require = createRequire(import.meta.url);
const http = require('node:http') as typeof Http;
const https = require('node:https') as typeof Https;

export { parseConnectTo } from './connect-to.ts';

/** read at most this much of a response body, then close the connection */
export const MAX_BODY_BYTES = 64 * 1024;
/** keep this much of it as text */
export const BODY_TEXT_BYTES = 4 * 1024;

export interface HttpAnswer {
  status?: number;
  /** lower-case names; repeated headers joined with ", " */
  headers: Record<string, string>;
  /** the first BODY_TEXT_BYTES of the body, as UTF-8 */
  body: string;
  /** set when no complete answer came: connection, TLS, DNS, timeout */
  networkError?: string;
  /** the run was cancelled while this attempt was in flight */
  cancelled?: boolean;
  durationMs: number;
}

export interface SendOptions {
  timeoutMs: number;
  connectTo?: ConnectTo[];
  /** the run's cancellation: aborts the attempt in flight */
  signal?: AbortSignal;
  /** keep-alive connections to reuse; without it every attempt opens its own */
  pool?: ConnectionPool;
}

/** networkError of an attempt the run's cancellation stopped */
export const CANCELLED = 'cancelled: the run was stopped';
/** no `timeout`/`aborted` in it, so network-error says "reset", not "raise timeout" */
export const RESET_MID_BODY = 'ECONNRESET: the connection was reset in the middle of the response body';

/**
 * Keep-alive agents, one per target (scheme, host and port actually connected to, after
 * connect-to), each with at most `maxSockets` connections. TLS sessions are pooled by the
 * agent per servername too, so the URL's name still goes in SNI. `destroy()` closes them
 * all, so the process exits as soon as the run is done.
 */
export class ConnectionPool {
  readonly #agents = new Map<string, Http.Agent>();
  readonly #maxSockets: number;

  constructor(maxSockets: number) {
    this.#maxSockets = Math.max(1, maxSockets);
  }

  agentFor(secure: boolean, host: string, port: number): Http.Agent {
    const key = `${secure ? 'https' : 'http'} ${host} ${port}`;
    let agent = this.#agents.get(key);
    if (!agent) {
      const options = { keepAlive: true, maxSockets: this.#maxSockets };
      agent = secure ? new https.Agent(options) : new http.Agent(options);
      this.#agents.set(key, agent);
    }
    return agent;
  }

  destroy(): void {
    for (const agent of this.#agents.values()) agent.destroy();
    this.#agents.clear();
  }
}

/** A pooled connection the server closed while it sat idle: no request reached the server on it. */
const STALE_SOCKET = new Set(['ECONNRESET', 'EPIPE']);

export function sendOnce(request: OutgoingRequest, options: SendOptions): Promise<HttpAnswer> {
  return send(request, options, true);
}

function send(request: OutgoingRequest, options: SendOptions, mayReuse: boolean): Promise<HttpAnswer> {
  const origin = new URL(request.origin);
  const secure = origin.protocol === 'https:';
  const urlPort = origin.port ? Number(origin.port) : secure ? 443 : 80;
  const target = resolveConnectTarget(origin.hostname, urlPort, options.connectTo ?? []);
  const started = performance.now();

  return new Promise((resolve) => {
    const requestOptions: Https.RequestOptions = {
      method: request.method,
      host: target.host,
      port: target.port,
      path: request.path,
      // The Host header (set by buildRequest) and the TLS name stay the URL's under connect-to.
      headers: request.headers,
      agent: mayReuse && options.pool ? options.pool.agentFor(secure, target.host, target.port) : false,
    };
    const tlsName = origin.hostname.replace(/^\[(.*)\]$/, '$1');
    if (secure && net.isIP(tlsName) === 0) requestOptions.servername = tlsName;

    let req: Http.ClientRequest;
    try {
      req = (secure ? https : http).request(requestOptions);
    } catch (error) {
      // e.g. a header value with a newline: Node refuses it before anything is sent
      resolve({ headers: {}, body: '', networkError: describeError(error), durationMs: 0 });
      return;
    }

    let settled = false;
    const finish = (answer: Omit<HttpAnswer, 'durationMs'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', cancel);
      resolve({ ...answer, durationMs: Math.round(performance.now() - started) });
    };
    const failed = (networkError: string): void => finish({ headers: {}, body: '', networkError });
    const timer = setTimeout(() => {
      failed(`timeout after ${+(options.timeoutMs / 1000).toFixed(3)}s`);
      req.destroy();
    }, options.timeoutMs);
    const cancel = (): void => {
      finish({ headers: {}, body: '', networkError: CANCELLED, cancelled: true });
      req.destroy();
    };
    if (options.signal?.aborted) {
      cancel();
      return;
    }
    options.signal?.addEventListener('abort', cancel, { once: true });

    req.on('error', (error) => {
      // Once, on a fresh connection: the server had closed the idle one we picked.
      if (!settled && req.reusedSocket && STALE_SOCKET.has((error as NodeJS.ErrnoException).code ?? '')) {
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', cancel);
        resolve(send(request, options, false));
        return;
      }
      failed(describeError(error));
    });
    req.on('response', (res) => {
      const headers = flattenHeaders(res.headers);
      const chunks: Buffer[] = [];
      let size = 0;
      const complete = (): void =>
        finish({ ...(res.statusCode !== undefined ? { status: res.statusCode } : {}), headers, body: bodyText(Buffer.concat(chunks)) });
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= MAX_BODY_BYTES) {
          complete();
          res.destroy();
        }
      });
      res.on('end', complete);
      // Node reports a body cut short as "aborted"; it is a reset, not a timeout.
      res.on('error', () => failed(RESET_MID_BODY));
      res.on('close', () => failed(RESET_MID_BODY)); // after 'end' or a full read: already settled
    });
    req.end(request.body);
  });
}

function flattenHeaders(headers: Http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function bodyText(body: Buffer): string {
  return new TextDecoder().decode(body.subarray(0, BODY_TEXT_BYTES));
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
}
