import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countCalls, sumCalls } from '../../src/aws/calls.ts';

test('sumCalls adds counts by operation, keeping the first-seen order', () => {
  assert.deepEqual(Object.entries(sumCalls({ GetStages: 1, GetRestApi: 1 }, {}, { GetRestApi: 2, GetDeployment: 1 })), [
    ['GetStages', 1],
    ['GetRestApi', 3],
    ['GetDeployment', 1],
  ]);
  assert.deepEqual(sumCalls(), {});
});

test('countCalls counts failed sends too', async () => {
  const calls = {};
  const counted = countCalls(calls);
  await counted('GetStages', async () => 1);
  await counted('GetStages', async () => Promise.reject(new Error('throttled'))).catch(() => undefined);
  assert.deepEqual(calls, { GetStages: 2 });
});
