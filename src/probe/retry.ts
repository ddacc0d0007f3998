// Retries of one check: network errors, 429 and 5xx are transient; any other 4xx is the
// answer (retrying a 403 MAT would only hide it), and so is any answer the route expects (a
// 500 under `expect: [500]` is not retried). Exponential backoff with full jitter (delay
// uniform in [0, min(cap, base·2^n)]) spreads concurrent retries; Retry-After wins when the
// server sends one. Every wait is capped (`capMs`, `retryAfterCapMs`), so a route's time is
// bounded whatever the server asks for (docs/limits.md).

export interface RetryPolicy {
  /** retries after the first attempt: 2 → at most 3 attempts */
  retries: number;
  baseMs: number;
  capMs: number;
  /** longest Retry-After honoured */
  retryAfterCapMs: number;
  /** sleeps `ms`, or less when the run is cancelled */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  now: () => number;
}

export const DEFAULT_RETRY_POLICY: Omit<RetryPolicy, 'retries'> = {
  baseMs: 500,
  capMs: 10_000,
  retryAfterCapMs: 30_000,
  sleep: abortableSleep,
  random: Math.random,
  now: Date.now,
};

/**
 * The policy for one route's requests: `retries` more attempts, and no wait longer than one
 * attempt may take, so a route's time stays within (2·retries + 1) × timeout whatever
 * Retry-After asks for (docs/limits.md). `backoffMs` and `sleep` are test hooks.
 */
export function routeRetryPolicy(
  settings: { retries: number; timeoutMs: number },
  hooks: { backoffMs?: number; sleep?: RetryPolicy['sleep'] } = {},
): RetryPolicy {
  return {
    ...DEFAULT_RETRY_POLICY,
    retries: settings.retries,
    capMs: Math.min(DEFAULT_RETRY_POLICY.capMs, settings.timeoutMs),
    retryAfterCapMs: Math.min(DEFAULT_RETRY_POLICY.retryAfterCapMs, settings.timeoutMs),
    ...(hooks.backoffMs !== undefined ? { baseMs: hooks.backoffMs } : {}),
    ...(hooks.sleep ? { sleep: hooks.sleep } : {}),
  };
}

/** The parts of an attempt's outcome the decision needs. */
export interface RetryableOutcome {
  status?: number;
  networkError?: string;
  headers: Record<string, string>;
}

export function isTransient(outcome: RetryableOutcome): boolean {
  if (outcome.networkError !== undefined || outcome.status === undefined) return true;
  return outcome.status === 429 || outcome.status >= 500;
}

/** Resolves after `ms`, or at once when `signal` aborts; never rejects. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

export interface RetryControl<T> {
  /** an outcome the caller accepts as the answer (it meets `expect`): never retried */
  accept?: (outcome: T) => boolean;
  /** aborted: no further attempt; the outcomes so far are returned */
  signal?: AbortSignal;
}

/** True when `withRetries` would stop after `outcome`, the `n`th attempt (0-based), for its own reasons. */
export function isFinal<T extends RetryableOutcome>(outcome: T, n: number, retries: number, accept?: (outcome: T) => boolean): boolean {
  return accept?.(outcome) === true || !isTransient(outcome) || n >= retries;
}

/**
 * Runs `attempt` until it is accepted, not transient, or the retries are spent; returns every
 * outcome in order. So an outcome list longer than one always starts with an unaccepted answer.
 */
export async function withRetries<T extends RetryableOutcome>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  control: RetryControl<T> = {},
): Promise<T[]> {
  const outcomes: T[] = [];
  for (let n = 0; ; n++) {
    const outcome = await attempt();
    outcomes.push(outcome);
    if (isFinal(outcome, n, policy.retries, control.accept) || control.signal?.aborted) return outcomes;
    await policy.sleep(retryDelayMs(n, outcome.headers['retry-after'], policy), control.signal);
    if (control.signal?.aborted) return outcomes;
  }
}

/** Delay before retry number `n + 1` (n = 0 after the first attempt). */
export function retryDelayMs(n: number, retryAfter: string | undefined, policy: Omit<RetryPolicy, 'retries' | 'sleep'>): number {
  const told = parseRetryAfterMs(retryAfter, policy.now());
  if (told !== undefined) return Math.min(told, policy.retryAfterCapMs);
  return Math.floor(policy.random() * Math.min(policy.capMs, policy.baseMs * 2 ** n));
}

/** `Retry-After: 120` or `Retry-After: Wed, 21 Oct 2015 07:28:00 GMT` → milliseconds from now. */
export function parseRetryAfterMs(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined; // "1.5", "-1": not a valid Retry-After
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
