import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runPool } from '../../src/probe/pool.ts';

/** Tasks that finish in an order the test controls, recording how many run at once. */
function gate() {
  let inFlight = 0;
  let peak = 0;
  const waiting: Array<() => void> = [];
  const task = async (item: number): Promise<string> => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    await new Promise<void>((resolve) => waiting.push(resolve));
    inFlight--;
    return `r${item}`;
  };
  // Release the newest waiter first so completion order differs from input order.
  const drain = async (): Promise<void> => {
    while (true) {
      await new Promise((r) => setImmediate(r));
      const next = waiting.pop();
      if (!next) return;
      next();
    }
  };
  return { task, drain, peak: () => peak };
}

test('runPool: at most `concurrency` in flight, results in input order', async () => {
  const g = gate();
  const items = Array.from({ length: 10 }, (_, i) => i);
  const done = runPool(items, 3, g.task);
  await g.drain();
  assert.deepEqual(
    await done,
    items.map((i) => `r${i}`),
  );
  assert.equal(g.peak(), 3);
});

test('runPool: concurrency above the item count runs them all at once', async () => {
  const g = gate();
  const done = runPool([1, 2], 8, g.task);
  await g.drain();
  assert.deepEqual(await done, ['r1', 'r2']);
  assert.equal(g.peak(), 2);
});

test('runPool: a concurrency below 1 still makes progress', async () => {
  assert.deepEqual(await runPool([1, 2, 3], 0, async (i) => i * 2), [2, 4, 6]);
});

test('runPool: empty input', async () => {
  assert.deepEqual(await runPool([], 4, async () => assert.fail('no task')), []);
});

test('runPool: the first failure rejects and no new task starts', async () => {
  const started: number[] = [];
  await assert.rejects(
    runPool([1, 2, 3, 4], 1, async (i) => {
      started.push(i);
      if (i === 2) throw new Error('boom');
      return i;
    }),
    /boom/,
  );
  assert.deepEqual(started, [1, 2]);
});
