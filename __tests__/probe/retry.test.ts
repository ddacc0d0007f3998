import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  abortableSleep,
  DEFAULT_RETRY_POLICY,
  isFinal,
  isTransient,
  parseRetryAfterMs,
  retryDelayMs,
  withRetries,
} from '../../src/probe/retry.ts';
import type { RetryableOutcome, RetryPolicy } from '../../src/probe/retry.ts';

const NOW = Date.parse('2025-01-01T00:00:00Z');

const transient: Array<[string, RetryableOutcome, boolean]> = [
  ['network error', { networkError: 'ECONNRESET', headers: {} }, true],
  ['timeout', { networkError: 'timeout after 10s', headers: {} }, true],
  ['429', { status: 429, headers: {} }, true],
  ['500', { status: 500, headers: {} }, true],
  ['502', { status: 502, headers: {} }, true],
  ['503', { status: 503, headers: {} }, true],
  ['504', { status: 504, headers: {} }, true],
  ['200', { status: 200, headers: {} }, false],
  ['301', { status: 301, headers: {} }, false],
  ['400', { status: 400, headers: {} }, false],
  ['401', { status: 401, headers: {} }, false],
  ['403 (MAT is an answer, not a hiccup)', { status: 403, headers: {} }, false],
  ['404', { status: 404, headers: {} }, false],
  ['408', { status: 408, headers: {} }, false],
];
for (const [name, outcome, want] of transient) {
  test(`isTransient: ${name} → ${want}`, () => assert.equal(isTransient(outcome), want));
}

const retryAfter: Array<[string | undefined, number | undefined]> = [
  [undefined, undefined],
  ['0', 0],
  ['2', 2000],
  [' 120 ', 120_000],
  ['Wed, 01 Jan 2025 00:00:05 GMT', 5000],
  ['Tue, 31 Dec 2024 23:59:00 GMT', 0], // in the past: go now
  ['1.5', undefined],
  ['-1', undefined],
  ['soon', undefined],
  ['', undefined],
];
for (const [value, want] of retryAfter) {
  test(`parseRetryAfterMs(${JSON.stringify(value)}) → ${want}`, () => assert.equal(parseRetryAfterMs(value, NOW), want));
}

const policy = (over: Partial<RetryPolicy> = {}): RetryPolicy => ({ ...DEFAULT_RETRY_POLICY, retries: 2, now: () => NOW, ...over });

test('retryDelayMs: full jitter within min(cap, base·2^n)', () => {
  const top = policy({ random: () => 0.999999, baseMs: 500, capMs: 10_000 });
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5].map((n) => retryDelayMs(n, undefined, top)),
    [499, 999, 1999, 3999, 7999, 9999],
  );
  const bottom = policy({ random: () => 0 });
  assert.equal(retryDelayMs(3, undefined, bottom), 0);
  const half = policy({ random: () => 0.5, baseMs: 100 });
  assert.equal(retryDelayMs(2, undefined, half), 200);
});

test('retryDelayMs: Retry-After wins over the backoff, capped at 30 s', () => {
  const p = policy({ random: () => 0.5 });
  assert.equal(retryDelayMs(0, '3', p), 3000);
  assert.equal(retryDelayMs(0, '3600', p), 30_000);
  assert.equal(retryDelayMs(0, 'Wed, 01 Jan 2025 00:00:07 GMT', p), 7000);
  assert.equal(retryDelayMs(1, 'garbage', p), 500); // unparseable → backoff
});

function scripted(outcomes: RetryableOutcome[]): { attempt: () => Promise<RetryableOutcome>; calls: () => number } {
  let i = 0;
  return {
    attempt: async () => {
      const outcome = outcomes[Math.min(i++, outcomes.length - 1)];
      if (!outcome) throw new Error('scripted() needs at least one outcome');
      return outcome;
    },
    calls: () => i,
  };
}

test('withRetries: retries: 2 means at most 3 attempts, sleeping between them', async () => {
  const sleeps: number[] = [];
  const s = scripted([{ status: 503, headers: {} }]);
  const out = await withRetries(s.attempt, policy({ random: () => 0.5, sleep: async (ms) => void sleeps.push(ms) }));
  assert.equal(out.length, 3);
  assert.equal(s.calls(), 3);
  assert.deepEqual(sleeps, [250, 500]);
});

test('withRetries: stops at the first non-transient answer and keeps every outcome', async () => {
  const s = scripted([
    { networkError: 'ECONNRESET', headers: {} },
    { status: 429, headers: { 'retry-after': '1' } },
    { status: 200, headers: {} },
  ]);
  const sleeps: number[] = [];
  const out = await withRetries(s.attempt, policy({ retries: 5, random: () => 0, sleep: async (ms) => void sleeps.push(ms) }));
  assert.deepEqual(
    out.map((o) => o.status ?? o.networkError),
    ['ECONNRESET', 429, 200],
  );
  assert.deepEqual(sleeps, [0, 1000]);
});

test('withRetries: a 404 is never retried', async () => {
  const s = scripted([
    { status: 404, headers: {} },
    { status: 200, headers: {} },
  ]);
  const out = await withRetries(s.attempt, policy({ sleep: async () => assert.fail('must not sleep') }));
  assert.equal(out.length, 1);
});

test('withRetries: retries: 0 sends once', async () => {
  const s = scripted([{ status: 500, headers: {} }]);
  assert.equal((await withRetries(s.attempt, policy({ retries: 0 }))).length, 1);
});

test('withRetries: an answer the caller accepts is never retried, even a 5xx', async () => {
  const s = scripted([
    { status: 500, headers: {} },
    { status: 200, headers: {} },
  ]);
  const out = await withRetries(s.attempt, policy({ sleep: async () => assert.fail('must not sleep') }), {
    accept: (o) => o.status === 500,
  });
  assert.deepEqual(
    out.map((o) => o.status),
    [500],
  );
  assert.equal(s.calls(), 1);
});

test('withRetries: an unaccepted transient answer is retried until an accepted one', async () => {
  const s = scripted([
    { status: 502, headers: {} },
    { networkError: 'ECONNRESET', headers: {} },
    { status: 503, headers: {} },
  ]);
  const out = await withRetries(s.attempt, policy({ retries: 5, sleep: async () => undefined }), { accept: (o) => o.status === 503 });
  assert.deepEqual(
    out.map((o) => o.status ?? o.networkError),
    [502, 'ECONNRESET', 503],
  );
});

test('withRetries: an aborted signal stops before the next attempt, keeping what came', async () => {
  const controller = new AbortController();
  const s = scripted([{ status: 503, headers: {} }]);
  const out = await withRetries(s.attempt, policy({ retries: 5, sleep: async () => controller.abort() }), { signal: controller.signal });
  assert.equal(out.length, 1);
  assert.equal(s.calls(), 1);
});

test('isFinal: accepted, not transient, or out of retries', () => {
  const accept = (o: RetryableOutcome) => o.status === 503;
  assert.equal(isFinal({ status: 503, headers: {} }, 0, 2, accept), true);
  assert.equal(isFinal({ status: 502, headers: {} }, 0, 2, accept), false);
  assert.equal(isFinal({ status: 502, headers: {} }, 2, 2, accept), true);
  assert.equal(isFinal({ status: 404, headers: {} }, 0, 2), true);
});

test('retryDelayMs: Retry-After is capped at retryAfterCapMs (the probe sets it to the timeout)', () => {
  const p = policy({ random: () => 0.999999, retryAfterCapMs: 2000, capMs: 2000 });
  assert.equal(retryDelayMs(0, '30', p), 2000);
  assert.equal(retryDelayMs(0, '1', p), 1000);
  assert.equal(retryDelayMs(6, undefined, p), 1999);
});

test('abortableSleep: an abort ends the wait at once, an aborted signal does not wait at all', async () => {
  const controller = new AbortController();
  const sleeping = abortableSleep(3_600_000, controller.signal);
  controller.abort();
  await sleeping; // would hold the test for an hour otherwise
  await abortableSleep(3_600_000, controller.signal);
});
