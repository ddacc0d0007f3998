import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logLine } from '../../src/report/log.ts';

test('a log line cannot contain a line break or begin a workflow command', () => {
  const hostile = [
    'GET /x\n::warning::forged',
    'a\r::stop-commands::tok\r\n::add-mask::x',
    '::error::at the start',
    'u2028\u2028::notice::x and u2029\u2029::notice::y and nel\u0085::notice::z',
  ];
  for (const text of hostile) {
    const line = logLine(text);
    assert.doesNotMatch(line, /[\r\n\u2028\u2029\u0085]/, JSON.stringify(line));
    assert.ok(!line.startsWith('::'), line);
  }
  assert.equal(logLine('✓ GET /users   200   12 ms'), '✓ GET /users   200   12 ms', 'ordinary lines are untouched');
  assert.equal(logLine('a\nb'), 'a ⏎ b');
});
