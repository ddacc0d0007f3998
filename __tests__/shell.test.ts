// Shell words in suggested commands: every hostile value survives bash as exactly one word.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { isRequestId, requestIdOf, shellCommand, shellQuote } from '../src/shell.ts';

const CASES = [
  '',
  'plain',
  "it's",
  "'; touch /tmp/pwned; echo '",
  '"double" and $HOME and ${PATH} and $(id) and `id`',
  "back\\slash \\' end",
  'line\nbreak\r\nand\ttab',
  '!history !! ^old^new',
  '* ? [a-z] ~ ~root',
  "''''",
  'émoji 🚀 ünïcödé',
  '-n',
  '--filter-pattern "x"',
];

test('shellQuote: each value comes out of bash unchanged, as one word (one bash for all cases)', () => {
  // printf prints each argument followed by NUL: a value split into two words would add one.
  const script = CASES.map((c) => `printf '%s\\0' ${shellQuote(c)}`).join('\n');
  const out = execFileSync('bash', ['-c', script], { encoding: 'utf8' });
  assert.deepEqual(out.split('\0').slice(0, -1), CASES);
});

test('shellCommand: safe words stay bare, the rest are quoted, and bash reads them back', () => {
  const words = [
    'aws',
    'logs',
    'filter-log-events',
    '--log-group-name',
    'API-Gateway-Execution-Logs_a1b2c3d4e5/prod',
    '--filter-pattern',
    '"x\' $(id)"',
  ];
  const command = shellCommand(words);
  assert.match(command, /^aws logs filter-log-events --log-group-name API-Gateway-Execution-Logs_a1b2c3d4e5\/prod --filter-pattern '/);
  const out = execFileSync('bash', ['-c', `printf '%s\\0' ${shellCommand(words.slice(1))}`], { encoding: 'utf8' });
  assert.deepEqual(out.split('\0').slice(0, -1), words.slice(1));
});

test('request ids: UUIDs and simple ids only', () => {
  for (const id of ['0b6c2f1e-4b5a-4c4e-9f2e-8a1b2c3d4e5f', 'req-1234', 'Ab1']) assert.equal(isRequestId(id), true, id);
  for (const id of ["abc'; rm -rf ~; '", 'a b', 'a\nb', '"quoted"', '$(id)', '', '-leading-dash', 'x'.repeat(65), 42]) {
    assert.equal(isRequestId(id), false, String(id));
  }
  assert.equal(requestIdOf({ 'x-amzn-requestid': ' 0b6c2f1e-4b5a-4c4e-9f2e-8a1b2c3d4e5f ' }), '0b6c2f1e-4b5a-4c4e-9f2e-8a1b2c3d4e5f');
  assert.equal(requestIdOf({ 'x-amzn-requestid': "x'; touch /tmp/pwned; '" }), undefined);
  assert.equal(requestIdOf({}), undefined);
});
