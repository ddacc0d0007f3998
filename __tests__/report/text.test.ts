import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { plural, thousands } from '../../src/report/text.ts';

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

test('plural: one, many, and an irregular many, with the count grouped', () => {
  assert.equal(plural(1, 'route'), '1 route');
  assert.equal(plural(0, 'route'), '0 routes');
  assert.equal(plural(12345, 'route'), '12,345 routes');
  assert.equal(plural(2, 'entry', 'entries'), '2 entries');
});
