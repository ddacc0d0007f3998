// The data-plane stage: send each route's smoke request and record what came back.
//
//   resolveAuth ─► buildRequest ─► (signRequest) ─► sendOnce ─► classify      per attempt
//                                   └──────────── withRetries ────────────┘
//
// A route whose auth cannot be satisfied is still sent (an IAM route without credentials
// goes unsigned, a token route without a token goes bare): the gateway's answer is the
// evidence the diagnosis explains. `not-sent` is only for requests that cannot be built.
import type { AwsCredentials, Settings } from '../settings.ts';
import type { BypassPair } from '../proxy-bypass.ts';
import type { Answer, Attempt, BypassProbe, Classification, ExpectSpec, ProbeResult, ResolvedAuth, RouteSpec, Snapshot } from '../types.ts';
import { resolveAuth } from './auth.ts';
import { classify } from './classify.ts';
import { toCurl, type CurlOptions } from './curl.ts';
import { keptHeaders } from './kept.ts';
import type { NegativeOptions } from './negative.ts';
import { bypassProbe, negativeProbes } from './negative.ts';
import { runPool } from './pool.ts';
import { Secrets } from '../secrets.ts';
import type { OutgoingRequest, RequestSecrets } from './request.ts';
import { assertCredentialHost, buildRequest, getHeader, requestUrl } from './request.ts';
import { isFinal, routeRetryPolicy, withRetries } from './retry.ts';
import { meetsExpectation } from '../expect.ts';
import type { HttpAnswer } from './send.ts';
import { ConnectionPool, sendOnce } from './send.ts';
import { signRequest } from './sign.ts';

export type ProbeSettings = Pick<
  Settings,
  'baseUrl' | 'region' | 'apiKey' | 'authorizerToken' | 'concurrency' | 'timeoutMs' | 'retries' | 'connectTo'
> &
  Partial<Pick<Settings, 'restApiId' | 'credentialHosts'>>;

export interface ProbeOptions {
  snapshot?: Snapshot;
  settings: ProbeSettings;
  credentials?: AwsCredentials;
  /**
   * the run's secrets: each signature is added (and masked) as it is made, and answers are
   * redacted as they arrive, before any rule quotes or truncates them
   */
  secrets?: Secrets;
  /** base of the exponential backoff, milliseconds (default 500) */
  backoffMs?: number;
  /** called as each route finishes, in completion order */
  onResult?: (result: ProbeResult) => void;
  /** test hook: how to wait between attempts (each wait is capped at the `timeout` input) */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** the run's cancellation: no new request once aborted, the one in flight is dropped */
  signal?: AbortSignal;
  /** keep-alive connections shared by the routes (probeRoutes opens and closes one) */
  pool?: ConnectionPool;
  /** send each protected route's request again without credentials (src/probe/negative.ts) */
  negative?: boolean;
}

/** Why a route has no result when the run was cancelled. */
export const CANCELLED_REASON = 'cancelled before it was checked';

export async function probeRoutes(routes: RouteSpec[], options: ProbeOptions): Promise<ProbeResult[]> {
  const pool = options.pool ?? new ConnectionPool(options.settings.concurrency);
  try {
    return await runPool(routes, options.settings.concurrency, async (route) => {
      const withPool = { ...options, pool };
      const result = options.signal?.aborted ? cancelled(route, options) : await probeRoute(route, withPool);
      // In the same pool slot, after the smoke request: the concurrency bound holds for both.
      if (options.negative) {
        const negative = await negativeProbes(route, result, negativeOptions(withPool));
        if (negative.length > 0) result.negative = negative;
      }
      options.onResult?.(result);
      return result;
    });
  } finally {
    if (!options.pool) pool.destroy();
  }
}

/**
 * One unsigned request per open door (src/proxy-bypass.ts), within the concurrency bound: two
 * protected routes beside the same door share its request, and each pair gets its answer.
 */
export async function probeBypasses(pairs: readonly BypassPair[], options: ProbeOptions): Promise<BypassProbe[]> {
  if (options.signal?.aborted) return [];
  const doorOf = (pair: BypassPair) => `${pair.probeVerb} ${pair.path}`;
  const doors = [...new Map(pairs.map((pair) => [doorOf(pair), pair])).values()];
  const answered = await runPool(doors, options.settings.concurrency, (pair) => bypassProbe(pair, negativeOptions(options)));
  const byDoor = new Map(answered.map((probe, i) => [doorOf(doors[i] as BypassPair), probe]));
  return pairs.flatMap((pair) => {
    const probe = byDoor.get(doorOf(pair));
    return probe ? [{ ...probe, route: pair.route.route }] : [];
  });
}

function negativeOptions(options: ProbeOptions): NegativeOptions {
  return {
    settings: options.settings,
    secrets: options.secrets ?? secretsOf(options.settings, options.credentials),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.backoffMs !== undefined ? { backoffMs: options.backoffMs } : {}),
    ...(options.pool ? { pool: options.pool } : {}),
  };
}

interface AttemptOutcome extends HttpAnswer {
  classification: Classification;
}

export async function probeRoute(route: RouteSpec, options: ProbeOptions): Promise<ProbeResult> {
  const { settings, credentials } = options;
  const { auth, from, tokenHeader } = resolveAuth(route, options.snapshot);
  const secrets = options.secrets ?? secretsOf(settings, credentials);
  const buildOptions = requestSecretsOf(settings);
  const { hostPolicy } = buildOptions;
  let built: ReturnType<typeof buildRequest>;
  try {
    built = buildRequest(route, auth, tokenHeader, settings.baseUrl, buildOptions);
    if (auth.startsWith('iam') && credentials !== undefined) assertCredentialHost(built.request.origin, hostPolicy);
  } catch (error) {
    return notSent(route, auth, from, settings.baseUrl, error);
  }
  const { request, attached } = built;
  const signed = auth.startsWith('iam') && credentials !== undefined;
  const sent: ProbeResult['sent'] = { apiKey: attached.apiKey, signed, token: attached.token };
  if (auth.startsWith('token')) sent.tokenHeader = tokenHeader;
  const curlSource: CurlSource = {
    route,
    auth,
    tokenHeader,
    baseUrl: settings.baseUrl,
    buildOptions,
    curl: {
      region: settings.region,
      sigv4: signed,
      sessionToken: signed && Boolean(credentials?.sessionToken),
      apiKey: attached.apiKey,
      ...(attached.token ? { tokenHeader } : {}),
      connectTo: settings.connectTo,
    },
    secrets,
  };

  const policy = routeRetryPolicy(settings, options);
  // An answer the route expects is the answer, even a 5xx: retrying it would only call it flaky.
  const accept = (o: AttemptOutcome) => meetsExpectation(route.expect, o.status, o.classification);
  const started = performance.now();
  let outcomes: AttemptOutcome[];
  try {
    outcomes = await withRetries(
      async () => {
        // Signed afresh on every attempt: X-Amz-Date must be current.
        const wire = signed && credentials ? signRequest(request, credentials, settings.region) : request;
        addSignature(wire, secrets);
        const sendOptions = {
          timeoutMs: settings.timeoutMs,
          connectTo: settings.connectTo,
          ...(options.signal ? { signal: options.signal } : {}),
          ...(options.pool ? { pool: options.pool } : {}),
        };
        return observe(await sendOnce(wire, sendOptions), secrets, route.expect);
      },
      policy,
      { accept, ...(options.signal ? { signal: options.signal } : {}) },
    );
  } catch (error) {
    return notSent(route, auth, from, settings.baseUrl, error);
  }
  const last = outcomes[outcomes.length - 1];
  if (!last) return notSent(route, auth, from, settings.baseUrl, new Error('no attempt was made'));
  // Stopped by the cancellation before the check had its answer: not checked.
  if (last.cancelled || (options.signal?.aborted && !isFinal(last, outcomes.length - 1, settings.retries, accept))) {
    return cancelled(route, options);
  }

  return withReproduce(curlSource, {
    route,
    method: route.method,
    url: requestUrl(request),
    auth,
    authFrom: from,
    sent,
    answer: answerOf(last),
    attempts: outcomes.map(toAttempt),
    // wall time of the whole check, backoff included; each attempt has its own duration
    durationMs: Math.round(performance.now() - started),
  });
}

// One per settings object, shared by its routes (each check's reproduce getter holds it).
const requestSecrets = new WeakMap<ProbeSettings, RequestSecrets>();

function requestSecretsOf(settings: ProbeSettings): RequestSecrets {
  let secrets = requestSecrets.get(settings);
  if (!secrets) {
    const hostPolicy =
      settings.credentialHosts && settings.restApiId !== undefined
        ? { restApiId: settings.restApiId, trustedHosts: settings.credentialHosts }
        : undefined;
    secrets = { apiKey: settings.apiKey, authorizerToken: settings.authorizerToken, ...(hostPolicy ? { hostPolicy } : {}) };
    requestSecrets.set(settings, secrets);
  }
  return secrets;
}

interface CurlSource {
  route: RouteSpec;
  auth: ResolvedAuth;
  tokenHeader: string;
  baseUrl: string;
  buildOptions: RequestSecrets;
  curl: CurlOptions;
  secrets: Secrets;
}

/**
 * The check's reproduce command, built (from the route, again) the first time it is read: a
 * report reads it for the checks that did not pass and for warnings only. Defined out here so
 * that the getter holds `source` alone, not the sent request (its headers, its body) or
 * anything else of probeRoute's scope.
 */
function withReproduce(source: CurlSource, result: Omit<ProbeResult, 'reproduce'>): ProbeResult {
  let curl: string | undefined;
  // a getter in the literal: the object keeps V8's fast shape (defineProperty would make it a dictionary)
  return {
    ...result,
    get reproduce() {
      if (curl !== undefined) return curl;
      const { request } = buildRequest(source.route, source.auth, source.tokenHeader, source.baseUrl, source.buildOptions);
      curl = source.secrets.redact(toCurl(request, source.curl));
      return curl;
    },
  };
}

function answerOf(outcome: AttemptOutcome): Answer {
  if (outcome.status === undefined) return { kind: 'network-error', error: outcome.networkError ?? 'no answer' };
  return { kind: 'answered', status: outcome.status, headers: outcome.headers, body: outcome.body, classification: outcome.classification };
}

/** Without the run's store (unit tests): the settings' and credentials' secrets, unmasked. */
function secretsOf(settings: ProbeSettings, credentials: AwsCredentials | undefined): Secrets {
  const secrets = new Secrets();
  for (const value of [
    settings.apiKey,
    settings.authorizerToken,
    credentials?.accessKeyId,
    credentials?.secretAccessKey,
    credentials?.sessionToken,
  ]) {
    secrets.add(value);
  }
  return secrets;
}

/**
 * Classify the answer as received, then strip every secret from what is kept. An answer that
 * meets the route's expectation keeps only what a passing check reports (src/probe/kept.ts):
 * its body and other headers are neither redacted nor kept.
 */
function observe(answer: HttpAnswer, secrets: Secrets, expect: ExpectSpec): AttemptOutcome {
  const classification = answer.status === undefined ? {} : classify(answer.status, answer.headers, answer.body);
  if (classification.message !== undefined) classification.message = secrets.redact(classification.message);
  const met = answer.status !== undefined && meetsExpectation(expect, answer.status, classification);
  const outcome: AttemptOutcome = {
    ...answer,
    headers: secrets.redactHeaders(met ? keptHeaders(answer.headers) : answer.headers),
    body: met ? '' : secrets.redact(answer.body),
    classification,
  };
  if (answer.networkError !== undefined) outcome.networkError = secrets.redact(answer.networkError);
  return outcome;
}

/** The signature (and the header carrying it) of a signed attempt: secrets from the moment they exist. */
function addSignature(request: OutgoingRequest, secrets: Secrets): void {
  const authorization = getHeader(request.headers, 'authorization');
  if (!authorization || !authorization.startsWith('AWS4-HMAC-SHA256')) return;
  // the signature is what must not leak; the rest of the header only identifies (its access key id is a secret of its own)
  secrets.addSignature(authorization);
}

function toAttempt(outcome: AttemptOutcome): Attempt {
  const attempt: Attempt = { durationMs: outcome.durationMs };
  if (outcome.status !== undefined) attempt.status = outcome.status;
  if (outcome.classification.errorType !== undefined) attempt.errorType = outcome.classification.errorType;
  if (outcome.networkError !== undefined) attempt.networkError = outcome.networkError;
  return attempt;
}

/** A route the cancellation left unchecked: the check is skipped with CANCELLED_REASON. */
function cancelled(route: RouteSpec, options: ProbeOptions): ProbeResult {
  const { auth, from } = resolveAuth(route, options.snapshot);
  return { ...notSent(route, auth, from, options.settings.baseUrl, new Error(CANCELLED_REASON)), answer: { kind: 'cancelled' } };
}

function notSent(route: RouteSpec, auth: ResolvedAuth, from: ProbeResult['authFrom'], baseUrl: string, error: unknown): ProbeResult {
  return {
    route,
    method: route.method,
    url: `${baseUrl.replace(/\/+$/, '')}${route.path}`,
    auth,
    authFrom: from,
    sent: { apiKey: false, signed: false, token: false },
    answer: { kind: 'not-sent', reason: error instanceof Error ? error.message : String(error) },
    attempts: [],
    durationMs: 0,
    reproduce: '',
  };
}
