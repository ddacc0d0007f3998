// Retries of one check: network errors, 429 and 5xx are transient; any other 4xx is the
// answer (retrying a 403 MAT would only hide it). Exponential backoff with full jitter
// (delay uniform in [0, min(cap, base·2^n)]) spreads concurrent retries; Retry-After wins
// when the server sends one.

export interface RetryPolicy {
  /** retries after the first attempt: 2 → at most 3 attempts */
  retries: number;
  baseMs: number;
  capMs: number;
  /** longest Retry-After honoured */
  retryAfterCapMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => number;
}

export const DEFAULT_RETRY_POLICY: Omit<RetryPolicy, 'retries'> = {
  baseMs: 500,
  capMs: 10_000,
  retryAfterCapMs: 30_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  now: Date.now,
};

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

/** Runs `attempt` until it is not transient or the retries are spent; returns every outcome in order. */
export async function withRetries<T extends RetryableOutcome>(attempt: () => Promise<T>, policy: RetryPolicy): Promise<T[]> {
  const outcomes: T[] = [];
  for (let n = 0; ; n++) {
    const outcome = await attempt();
    outcomes.push(outcome);
    if (!isTransient(outcome) || n >= policy.retries) return outcomes;
    await policy.sleep(retryDelayMs(n, outcome.headers['retry-after'], policy));
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
