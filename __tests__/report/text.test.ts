import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { thousands } from '../../src/report/text.ts';

test('thousands groups digits by three, as en-US does', () => {
  for (const [n, text] of [
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [10000, '10,000'],
    [1234567, '1,234,567'],
    [-20000, '-20,000'],
  ] as const)
    assert.equal(thousands(n), text);
});

test('thousands agrees with toLocaleString("en-US") on every safe integer', () => {
  fc.assert(fc.property(fc.maxSafeInteger(), (n) => thousands(n) === n.toLocaleString('en-US')));
});
