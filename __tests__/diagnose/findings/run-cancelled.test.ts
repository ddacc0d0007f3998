import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detect } from './finding-tester.ts';
import finding from '../../../src/diagnose/rules/run-cancelled.ts';
import { probe } from '../fixtures.ts';
import { OK, findingContext } from '../auth-fixtures.ts';

const cancelled = { answer: { kind: 'cancelled' } as const, attempts: [] };

test('run-cancelled: silent when every route had its answer', () => {
  assert.equal(detect(finding, findingContext({ probes: [probe('GET /health', OK), probe('GET /users')] })), null);
});

test('run-cancelled: an error naming the routes that were not checked', () => {
  const draft = detect(
    finding,
    findingContext({ probes: [probe('GET /health', OK), probe('GET /users', cancelled), probe('POST /orders', cancelled)] }),
  );
  assert.ok(draft);
  assert.equal(finding.meta.severity, 'error');
  assert.match(draft.message, /The run was cancelled: 2 of 3 routes were not checked \(GET \/users, POST \/orders\)/);
  assert.deepEqual(draft.evidence, { skipped: 2, checks: 3 });
});

test('run-cancelled: names ten routes at most', () => {
  const probes = Array.from({ length: 13 }, (_, i) => probe(`GET /r${i}`, cancelled));
  const draft = detect(finding, findingContext({ probes }));
  assert.ok(draft);
  assert.match(draft.message, /GET \/r9 and 3 more\)/);
  assert.doesNotMatch(draft.message, /GET \/r10/);
});
