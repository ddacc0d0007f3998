import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule, { networkKind } from '../../../src/diagnose/rules/network-error.ts';
import type { ProbeOver } from '../fixtures.ts';
import { ruleTester } from '../rule-tester.ts';
import { blind, on, passing } from '../auth-fixtures.ts';
import type { CheckInput } from '../../../src/diagnose/evidence.ts';

const noAnswer = (error: string, n = 3): ProbeOver => ({
  status: undefined,
  headers: {},
  body: '',
  classification: {},
  networkError: error,
  attempts: Array.from({ length: n }, () => ({ networkError: error, durationMs: 10 })),
});
const customDomain = (ctx: CheckInput): CheckInput => ({
  ...ctx,
  settings: { ...ctx.settings, baseUrl: 'https://api.example.com/v1', baseUrlIsDefault: false },
});

ruleTester(rule, {
  valid: [
    { name: 'an HTTP answer', ctx: on('GET /health') },
    { name: "passed after network errors is flaky's", ctx: passing(on('GET /health', { ...noAnswer('ECONNRESET'), status: 200 })) },
  ],
  invalid: [
    {
      name: 'DNS on the default URL: the id or region is wrong',
      ctx: on('GET /health', noAnswer('getaddrinfo ENOTFOUND a1b2c3d4e5.execute-api.us-east-1.amazonaws.com')),
      explains: ['got no HTTP answer after 3 attempt(s)', '(dns)'],
      fixes: ['does not resolve', '`rest-api-id` and `region`'],
      evidence: { kind: 'dns', host: 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com', attempts: 3 },
    },
    {
      name: 'DNS on a custom domain: the base-url host',
      ctx: customDomain(on('GET /health', noAnswer('ENOTFOUND'))),
      fixes: ['`base-url` host', 'DNS record'],
    },
    {
      name: 'timeout',
      ctx: on('GET /health', noAnswer('request timed out after 10000 ms')),
      fixes: ['`timeout` input'],
      evidence: { kind: 'timeout' },
    },
    {
      name: 'refused',
      ctx: on('GET /health', noAnswer('connect ECONNREFUSED 127.0.0.1:4566')),
      fixes: ['host and port'],
      evidence: { kind: 'refused' },
    },
    {
      name: 'TLS',
      ctx: on('GET /health', noAnswer("Hostname/IP does not match certificate's altnames")),
      fixes: ['certificate must cover'],
      evidence: { kind: 'tls' },
    },
    { name: 'reset', ctx: on('GET /health', noAnswer('socket hang up')), evidence: { kind: 'reset' } },
    { name: 'blind', ctx: blind('GET /health', noAnswer('ECONNRESET', 1)), evidence: { attempts: 1 } },
  ],
});

test('networkKind sorts the errors undici and node produce', () => {
  const cases: [string, string][] = [
    ['getaddrinfo EAI_AGAIN api.example.com', 'dns'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout'],
    ['The operation was aborted due to timeout', 'timeout'],
    ['self-signed certificate in certificate chain', 'tls'],
    ['read ECONNRESET', 'reset'],
    ['EHOSTUNREACH', 'other'],
  ];
  for (const [error, kind] of cases) assert.equal(networkKind(error), kind, error);
});
