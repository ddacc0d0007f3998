import rule from '../../../src/diagnose/rules/api-key-rejected.ts';
import { ruleTester } from '../rule-tester.ts';
import { FORBIDDEN_ANSWER, WITH_KEY, blind, fullSnapshot, on, passing } from '../auth-fixtures.ts';

const refused = { ...FORBIDDEN_ANSWER, auth: 'api-key' as const, sent: WITH_KEY };

ruleTester(rule, {
  valid: [
    { name: "no key sent: api-key-missing's case", ctx: on('POST /users', { ...FORBIDDEN_ANSWER, auth: 'api-key' }) },
    { name: 'the method ignores keys: Forbidden has another cause', ctx: on('GET /health', refused) },
    { name: 'not Forbidden', ctx: on('POST /users', { auth: 'api-key', sent: WITH_KEY }) },
    { name: 'passed', ctx: passing(on('POST /users', refused)) },
  ],
  invalid: [
    {
      name: 'apiKeySource AUTHORIZER: the x-api-key sent is ignored, the fix is in the authorizer or the plan',
      ctx: on('POST /users', refused, { snapshot: { ...fullSnapshot(), api: { status: 'ok', apiKeySource: 'AUTHORIZER' } } }),
      explains: ['sent one in x-api-key', 'apiKeySource is AUTHORIZER', 'the `api-key` input plays no part'],
      fixes: ['usageIdentifierKey', 'value=a1b2c3d4e5:prod'],
      evidence: { apiKeySource: 'AUTHORIZER', sentApiKey: true },
    },
    {
      name: 'key sent to a key-required method, refused',
      ctx: on('POST /users', refused),
      explains: [
        'POST /users requires an API key',
        'sent one in x-api-key',
        'usage plan that includes a1b2c3d4e5:prod',
        "the key's id instead of its value",
      ],
      fixes: [
        'aws apigateway get-usage-plans --key-id <key-id>',
        'op=add,path=/apiStages,value=a1b2c3d4e5:prod',
        'aws apigateway create-usage-plan-key --usage-plan-id <plan-id> --key-id <key-id> --key-type API_KEY',
      ],
      evidence: { method: 'POST /users', apiKeyRequired: true, sentApiKey: true, apiStage: 'a1b2c3d4e5:prod' },
    },
    {
      name: 'blind: a key was sent and Forbidden came back',
      ctx: blind('POST /users', refused),
      explains: ['the request sent one in x-api-key'],
      evidence: { sentApiKey: true },
    },
  ],
});
