import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ExpectSpec } from '../src/types.ts';
test('runs on node 24 with type stripping', () => {
  const e: ExpectSpec = { codes: [], classes: [2], reachable: false, text: '2xx' };
  assert.equal(process.versions.node.split('.')[0], '24');
  assert.deepEqual(e.classes, [2]);
});
