// The data-plane stage: send each route's smoke request and record what came back.
//
//   resolveAuth ─► buildRequest ─► (signRequest) ─► sendOnce ─► classify      per attempt
//                                   └──────────── withRetries ────────────┘
//
// A route whose auth cannot be satisfied is still sent (an IAM route without credentials
// goes unsigned, a token route without a token goes bare): the gateway's answer is the
// evidence the diagnosis explains. `notSent` is only for requests that cannot be built.
import type { AwsCredentials, Settings } from '../settings.ts';
import type { Attempt, Classification, ProbeResult, ResolvedAuth, RouteSpec, Snapshot } from '../types.ts';
import { resolveAuth } from './auth.ts';
import { classify } from './classify.ts';
import { toCurl } from './curl.ts';
import { withControlPlaneEvidence } from './unserved.ts';
import { runPool } from './pool.ts';
import { redact, redactHeaders, secretList } from './redact.ts';
import type { OutgoingRequest } from './request.ts';
import { buildRequest, getHeader, requestUrl } from './request.ts';
import type { RetryPolicy } from './retry.ts';
import { DEFAULT_RETRY_POLICY, withRetries } from './retry.ts';
import type { HttpAnswer } from './send.ts';
import { ConnectionPool, sendOnce } from './send.ts';
import { signRequest } from './sign.ts';

export type ProbeSettings = Pick<
  Settings,
  'baseUrl' | 'region' | 'apiKey' | 'authorizerToken' | 'concurrency' | 'timeoutMs' | 'retries' | 'connectTo'
>;

export interface ProbeOptions {
  snapshot?: Snapshot;
  settings: ProbeSettings;
  credentials?: AwsCredentials;
  /** base of the exponential backoff, milliseconds (default 500) */
  backoffMs?: number;
  /** called as each route finishes, in completion order */
  onResult?: (result: ProbeResult) => void;
  /** test hook: how to wait between attempts (Retry-After can ask for up to 30 s) */
  sleep?: (ms: number) => Promise<void>;
  /** keep-alive connections shared by the routes (probeRoutes opens and closes one) */
  pool?: ConnectionPool;
}

export async function probeRoutes(routes: RouteSpec[], options: ProbeOptions): Promise<ProbeResult[]> {
  const pool = options.pool ?? new ConnectionPool(options.settings.concurrency);
  try {
    return await runPool(routes, options.settings.concurrency, async (route) => {
      const result = await probeRoute(route, { ...options, pool });
      options.onResult?.(result);
      return result;
    });
  } finally {
    if (!options.pool) pool.destroy();
  }
}

interface AttemptOutcome extends HttpAnswer {
  classification: Classification;
}

export async function probeRoute(route: RouteSpec, options: ProbeOptions): Promise<ProbeResult> {
  const { settings, credentials } = options;
  const { auth, from, tokenHeader } = resolveAuth(route, options.snapshot);
  const secrets = secretList([
    settings.apiKey,
    settings.authorizerToken,
    credentials?.accessKeyId,
    credentials?.secretAccessKey,
    credentials?.sessionToken,
  ]);

  let built: ReturnType<typeof buildRequest>;
  try {
    built = buildRequest(route, auth, tokenHeader, settings.baseUrl, settings);
  } catch (error) {
    return notSent(route, auth, from, settings.baseUrl, error);
  }
  const { request, attached } = built;
  const signed = auth.startsWith('iam') && credentials !== undefined;
  const sent: ProbeResult['sent'] = { apiKey: attached.apiKey, signed, token: attached.token };
  if (auth.startsWith('token')) sent.tokenHeader = tokenHeader;

  // Built when first read: a report needs it for the checks that did not pass only.
  let curl: string | undefined;
  const reproduce = (): string =>
    (curl ??= redact(
    toCurl(request, {
      region: settings.region,
      sigv4: signed,
      sessionToken: signed && Boolean(credentials?.sessionToken),
      apiKey: attached.apiKey,
      ...(attached.token ? { tokenHeader } : {}),
      connectTo: settings.connectTo,
    }),
    secrets,
  ));

  const policy: RetryPolicy = {
    ...DEFAULT_RETRY_POLICY,
    retries: settings.retries,
    ...(options.backoffMs !== undefined ? { baseMs: options.backoffMs } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
  };
  const started = performance.now();
  let outcomes: AttemptOutcome[];
  try {
    outcomes = await withRetries(async () => {
      // Signed afresh on every attempt: X-Amz-Date must be current.
      const wire = signed && credentials ? signRequest(request, credentials, settings.region) : request;
      return observe(await sendOnce(wire, { timeoutMs: settings.timeoutMs, connectTo: settings.connectTo, pool: options.pool }), [
        ...secrets,
        ...signatureSecrets(wire),
      ]);
    }, policy);
  } catch (error) {
    return notSent(route, auth, from, settings.baseUrl, error);
  }
  const last = outcomes[outcomes.length - 1];

  const result: ProbeResult = {
    route,
    method: route.method,
    url: requestUrl(request),
    auth,
    authFrom: from,
    sent,
    headers: last.headers,
    body: last.body,
    classification: withControlPlaneEvidence(last.classification, last.status, route, options.snapshot),
    attempts: outcomes.map(toAttempt),
    // wall time of the whole check, backoff included; each attempt has its own duration
    durationMs: Math.round(performance.now() - started),
    get reproduce() {
      return reproduce();
    },
  };
  if (last.status !== undefined) result.status = last.status;
  if (last.networkError !== undefined) result.networkError = last.networkError;
  return result;
}

/** Classify the answer as received, then strip every secret from what is kept. */
function observe(answer: HttpAnswer, secrets: string[]): AttemptOutcome {
  const classification = answer.status === undefined ? {} : classify(answer.status, answer.headers, answer.body);
  if (classification.message !== undefined) classification.message = redact(classification.message, secrets);
  const outcome: AttemptOutcome = {
    ...answer,
    headers: redactHeaders(answer.headers, secrets),
    body: redact(answer.body, secrets),
    classification,
  };
  if (answer.networkError !== undefined) outcome.networkError = redact(answer.networkError, secrets);
  return outcome;
}

/** The signature (and the header carrying it) of a signed attempt. */
function signatureSecrets(request: OutgoingRequest): string[] {
  const authorization = getHeader(request.headers, 'authorization');
  if (!authorization || !authorization.startsWith('AWS4-HMAC-SHA256')) return [];
  const signature = /Signature=([0-9a-f]+)/.exec(authorization)?.[1];
  return secretList([authorization, signature]);
}

function toAttempt(outcome: AttemptOutcome): Attempt {
  const attempt: Attempt = { durationMs: outcome.durationMs };
  if (outcome.status !== undefined) attempt.status = outcome.status;
  if (outcome.classification.errorType !== undefined) attempt.errorType = outcome.classification.errorType;
  if (outcome.networkError !== undefined) attempt.networkError = outcome.networkError;
  return attempt;
}

function notSent(route: RouteSpec, auth: ResolvedAuth, from: ProbeResult['authFrom'], baseUrl: string, error: unknown): ProbeResult {
  return {
    route,
    method: route.method,
    url: `${baseUrl.replace(/\/+$/, '')}${route.path}`,
    auth,
    authFrom: from,
    sent: { apiKey: false, signed: false, token: false },
    notSent: error instanceof Error ? error.message : String(error),
    headers: {},
    body: '',
    classification: {},
    attempts: [],
    durationMs: 0,
    reproduce: '',
  };
}
