import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeAnswer, gatewayAnswer, safeMessage } from '../../src/diagnose/answer.ts';
import { probe } from './fixtures.ts';

test('safeMessage removes what gateway messages echo from the request', () => {
  const cases: [string, string[], string[]][] = [
    [
      "Authorization header requires 'Credential' parameter. Authorization=Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln",
      ["requires 'Credential' parameter", 'Authorization=[redacted]'],
      ['eyJhbGciOiJIUzI1NiJ9', 'c2ln'],
    ],
    [
      "Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): 'k1Lw9sQ0yQ='.",
      ['missing equal-sign', "'[redacted]'"],
      ['k1Lw9sQ0yQ='],
    ],
    [
      "The request signature we calculated does not match.\n\nThe Canonical String for this request should have been\n'GET\n/prod\n\nx-amz-security-token:SESSIONTOKEN\n'",
      ['does not match'],
      ['SESSIONTOKEN', 'Canonical'],
    ],
    ['token Bearer abc.def rejected', ['Bearer [redacted]'], ['abc.def']],
  ];
  for (const [message, keeps, drops] of cases) {
    const safe = safeMessage(message);
    for (const k of keeps) assert.ok(safe.includes(k), `${safe} should keep ${k}`);
    for (const d of drops) assert.ok(!safe.includes(d), `${safe} should drop ${d}`);
  }
});

test('safeMessage caps long messages', () => {
  assert.ok(safeMessage('x'.repeat(1000)).length <= 240);
});

test('describeAnswer and gatewayAnswer', () => {
  const p = probe('GET /x');
  assert.equal(describeAnswer(p.answer), '403 MissingAuthenticationTokenException ("Missing Authentication Token")');
  assert.deepEqual(gatewayAnswer(p.answer), {
    status: 403,
    errorType: 'MissingAuthenticationTokenException',
    message: 'Missing Authentication Token',
  });
  assert.equal(describeAnswer(probe('GET /x', { status: undefined, networkError: 'ECONNRESET' }).answer), 'no answer (ECONNRESET)');
});
