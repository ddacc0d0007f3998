// Negative probes: a protected route's request sent again with no credential at all, to prove
// the gateway refuses it. Nothing secret ever goes out here: no key, no token, no signature —
// and the manifest's own credential-looking headers are dropped too. A token route gets a
// second request with a well-formed JWT nobody signed, since a REQUEST authorizer that lets a
// missing token through may still be fooled by any token. A refusal is the answer and is never
// retried; only transient answers are, as for smoke requests.
import type { BypassPair } from '../proxy-bypass.ts';
import { refusalOf } from '../refusal.ts';
import type { Secrets } from '../secrets.ts';
import type { Answer, BypassProbe, NegativeProbe, ProbeResult, Refusal, ResolvedAuth, RouteSpec } from '../types.ts';
import { resolveAuth } from './auth.ts';
import { classify } from './classify.ts';
import { toCurl } from './curl.ts';
import { passingAnswer } from './kept.ts';
import type { ProbeSettings } from './index.ts';
import type { OutgoingRequest } from './request.ts';
import { buildRequest, requestUrl, setHeader } from './request.ts';
import { routeRetryPolicy, withRetries } from './retry.ts';
import type { HttpAnswer } from './send.ts';
import { type ConnectionPool, sendOnce } from './send.ts';

/**
 * A syntactically valid JWT (RS256 header, future `exp`) whose signature is 32 bytes of zeros:
 * no issuer signed it. Not a secret; written out so every run sends the same bytes.
 */
export const WRONG_TOKEN = [
  { alg: 'RS256', typ: 'JWT', kid: 'apigw-route-verify-negative-probe' },
  { sub: 'apigw-route-verify-negative-probe', iss: 'https://apigw-route-verify.invalid', iat: 1767225600, exp: 4102444800 },
]
  .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
  .concat(Buffer.alloc(32).toString('base64url'))
  .join('.');

/** Headers that carry a credential, whatever the manifest put in them. */
const CREDENTIAL_HEADERS = ['authorization', 'x-api-key', 'x-amz-security-token', 'x-amz-date', 'x-amz-content-sha256'];

export interface NegativeOptions {
  settings: Pick<ProbeSettings, 'baseUrl' | 'region' | 'timeoutMs' | 'retries' | 'connectTo'>;
  /** redacts answers (a server may echo anything) */
  secrets: Secrets;
  signal?: AbortSignal;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  backoffMs?: number;
  /** the run's keep-alive connections */
  pool?: ConnectionPool;
}

/** What the smoke request carried that a negative probe leaves off, in words. */
export function removedCredentials(auth: ResolvedAuth, tokenHeader: string): string[] {
  const removed: string[] = [];
  if (auth.startsWith('iam')) removed.push('the SigV4 signature');
  if (auth.startsWith('token')) removed.push(`the token in ${tokenHeader}`);
  if (auth.endsWith('api-key')) removed.push('the x-api-key header');
  return removed;
}

/**
 * The negative probes for one route after its smoke request: none when the route is not
 * protected (per `result.auth`: the manifest's explicit `auth`, else the deployed method),
 * opted out, or its request could not be built or was cancelled.
 */
export async function negativeProbes(route: RouteSpec, result: ProbeResult, options: NegativeOptions): Promise<NegativeProbe[]> {
  if (route.negative === false || result.auth === 'none') return [];
  if (result.answer.kind === 'not-sent' || result.answer.kind === 'cancelled' || options.signal?.aborted) return [];
  const tokenHeader = result.sent.tokenHeader ?? resolveAuth(route, undefined).tokenHeader;
  const removed = removedCredentials(result.auth, tokenHeader);
  const probes = [await sendNegative(route, 'bare', removed, tokenHeader, options)];
  if (result.auth.startsWith('token') && !options.signal?.aborted)
    probes.push(await sendNegative(route, 'wrong-token', removed, tokenHeader, options));
  return probes;
}

/** One unsigned request per open-door pair, HEAD when the open method serves it (src/proxy-bypass.ts). */
export async function bypassProbe(pair: BypassPair, options: NegativeOptions): Promise<BypassProbe> {
  const verb = pair.probeVerb;
  const spec: RouteSpec = { ...pair.route, method: verb, path: pair.path, params: {}, headers: {}, negative: false };
  delete spec.body;
  delete spec.cors;
  const { request } = buildRequest(spec, 'none', '', options.settings.baseUrl, { apiKey: '', authorizerToken: '' });
  const answer = await send(request, options);
  const refusal = refusalOf(answer);
  return { route: pair.route.route, request: `${verb} ${pair.path}`, url: requestUrl(request), answer: kept(answer, refusal), refusal };
}

async function sendNegative(
  route: RouteSpec,
  kind: NegativeProbe['kind'],
  removed: string[],
  tokenHeader: string,
  options: NegativeOptions,
): Promise<NegativeProbe> {
  const headers = Object.fromEntries(
    Object.entries(route.headers).filter(
      ([name]) => !CREDENTIAL_HEADERS.includes(name.toLowerCase()) && name.toLowerCase() !== tokenHeader.toLowerCase(),
    ),
  );
  const { request } = buildRequest({ ...route, headers }, 'none', tokenHeader, options.settings.baseUrl, {
    apiKey: '',
    authorizerToken: '',
  });
  if (kind === 'wrong-token') setHeader(request.headers, tokenHeader, WRONG_TOKEN);
  const answer = await send(request, options);
  const refusal = refusalOf(answer);
  const probe = {
    kind,
    removed,
    method: request.method,
    url: requestUrl(request),
    ...(kind === 'wrong-token' ? { tokenHeader } : {}),
    answer: kept(answer, refusal),
    refusal,
  };
  return withCurl(probe, request, options.settings);
}

/** A refusal is the expected answer: like a passing check's, it keeps only what is reported of it (src/probe/kept.ts). */
function kept(answer: Answer, refusal: Refusal): Answer {
  return refusal === 'refused' && answer.kind === 'answered' ? passingAnswer(answer) : answer;
}

/** `reproduce`, built when read (a report quotes it for a route that did not refuse only); out here so it holds the request alone. */
function withCurl(probe: Omit<NegativeProbe, 'reproduce'>, request: OutgoingRequest, settings: NegativeOptions['settings']): NegativeProbe {
  let curl: string | undefined;
  const options = { region: settings.region, sigv4: false, sessionToken: false, apiKey: false, connectTo: settings.connectTo };
  return {
    ...probe,
    get reproduce() {
      return (curl ??= toCurl(request, options));
    },
  };
}

async function send(request: OutgoingRequest, options: NegativeOptions): Promise<Answer> {
  const { settings, secrets } = options;
  const policy = routeRetryPolicy(settings, options);
  const outcomes = await withRetries(
    async () =>
      observe(
        await sendOnce(request, {
          timeoutMs: settings.timeoutMs,
          connectTo: settings.connectTo,
          ...(options.signal ? { signal: options.signal } : {}),
          ...(options.pool ? { pool: options.pool } : {}),
        }),
        secrets,
      ),
    policy,
    { accept: (o) => refusalOf(o.answer) === 'refused', ...(options.signal ? { signal: options.signal } : {}) },
  );
  const last = outcomes[outcomes.length - 1];
  return last?.answer ?? { kind: 'not-sent', reason: 'no attempt was made' };
}

/** Classify as received, then strip every secret from what is kept (a server may echo anything). */
function observe(raw: HttpAnswer, secrets: Secrets): HttpAnswer & { answer: Answer } {
  if (raw.cancelled) return { ...raw, answer: { kind: 'cancelled' } };
  if (raw.status === undefined)
    return { ...raw, answer: { kind: 'network-error', error: secrets.redact(raw.networkError ?? 'no answer') } };
  const classification = classify(raw.status, raw.headers, raw.body);
  if (classification.message !== undefined) classification.message = secrets.redact(classification.message);
  const answer: Answer = {
    kind: 'answered',
    status: raw.status,
    headers: secrets.redactHeaders(raw.headers),
    body: secrets.redact(raw.body),
    classification,
  };
  return { ...raw, answer };
}
