import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseOutputFile } from '../../src/cli/output-file.ts';

test('GITHUB_OUTPUT read back: name=value lines and name<<DELIMITER blocks, as @actions/core writes them', () => {
  const text = [
    'result=failed',
    'report-file=/tmp/a=b/report.json',
    'summary<<ghadelimiter_1',
    'line one',
    'x=not an output',
    '',
    'ghadelimiter_1',
    'total=7',
    '',
  ].join('\n');
  assert.deepEqual(parseOutputFile(text), {
    result: 'failed',
    'report-file': '/tmp/a=b/report.json',
    summary: 'line one\nx=not an output\n',
    total: '7',
  });
});

test('CRLF line ends are line ends', () => {
  assert.deepEqual(parseOutputFile('passed=2\r\nfailed=5\r\n'), { passed: '2', failed: '5' });
});
