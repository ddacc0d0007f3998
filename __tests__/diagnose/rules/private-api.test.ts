import rule from '../../../src/diagnose/rules/private-api.ts';
import { ruleTester } from '../rule-tester.ts';
import { FORBIDDEN_ANSWER, OK, fullSnapshot, on, passing } from '../auth-fixtures.ts';

const privateApi = { snapshot: fullSnapshot({ api: { status: 'ok', endpointTypes: ['PRIVATE'] } }) };

ruleTester(rule, {
  valid: [
    { name: 'a REGIONAL API answering Forbidden', ctx: on('GET /health', FORBIDDEN_ANSWER) },
    { name: 'a PRIVATE API that answered (runner inside the VPC)', ctx: on('GET /health', OK, privateApi) },
    { name: 'a PRIVATE API, passing', ctx: passing(on('GET /health', FORBIDDEN_ANSWER, privateApi)) },
  ],
  invalid: [
    {
      name: 'Forbidden from a PRIVATE API',
      ctx: on('GET /health', FORBIDDEN_ANSWER, privateApi),
      explains: ['endpoint type PRIVATE', 'interface VPC endpoint', '403'],
      fixes: ['self-hosted runner inside the VPC', 'https://a1b2c3d4e5-<vpce-id>.execute-api.us-east-1.vpce.amazonaws.com/prod'],
      evidence: { endpointTypes: ['PRIVATE'] },
    },
  ],
});
