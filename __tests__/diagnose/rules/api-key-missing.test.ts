import rule from '../../../src/diagnose/rules/api-key-missing.ts';
import { route } from '../fixtures.ts';
import { ruleTester } from '../rule-tester.ts';
import { FORBIDDEN_ANSWER, WITH_KEY, WITH_TOKEN, answer, blind, fullSnapshot, on, passing } from '../auth-fixtures.ts';

/** The API takes its key from the Lambda authorizer; /partners needs one. */
function keyFromAuthorizer() {
  const base = fullSnapshot();
  const deployed = {
    ...base.deployed,
    '/partners': { GET: { authorizationType: 'CUSTOM', apiKeyRequired: true, authorizerId: 'lambda01' } },
  };
  return { snapshot: { ...base, deployed, api: { ...base.api, apiKeySource: 'AUTHORIZER' } } };
}

ruleTester(rule, {
  valid: [
    { name: "a key was sent: api-key-rejected's case", ctx: on('POST /users', { ...FORBIDDEN_ANSWER, auth: 'api-key', sent: WITH_KEY }) },
    { name: 'the method requires no key: Forbidden has another cause', ctx: on('GET /health', FORBIDDEN_ANSWER) },
    { name: 'not Forbidden', ctx: on('POST /users') },
    { name: 'passed', ctx: passing(on('POST /users', FORBIDDEN_ANSWER)) },
    { name: 'blind, and the route was not meant to carry a key', ctx: blind('POST /users', FORBIDDEN_ANSWER) },
  ],
  invalid: [
    {
      name: "apiKeySource AUTHORIZER: the key is the authorizer's usageIdentifierKey, the api-key input is not blamed",
      ctx: on('GET /partners', { ...FORBIDDEN_ANSWER, auth: 'token+api-key', authFrom: 'deployed', sent: WITH_TOKEN }, keyFromAuthorizer()),
      explains: [
        'GET /partners requires an API key',
        'apiKeySource is AUTHORIZER: the key is the usageIdentifierKey the Lambda authorizer "partner-token" returns',
        'a1b2c3d4e5:prod',
      ],
      fixes: ['Fix it in the authorizer or the usage plan', 'return `usageIdentifierKey`'],
      evidence: { apiKeySource: 'AUTHORIZER', sentApiKey: false },
    },
    {
      name: 'auto resolved api-key but the api-key input is empty',
      ctx: on('POST /users', { ...FORBIDDEN_ANSWER, auth: 'api-key', authFrom: 'deployed' }),
      explains: [
        'POST /users requires an API key (apiKeyRequired)',
        'the `api-key` input is empty',
        '403 ForbiddenException ("Forbidden")',
      ],
      fixes: ['api-key: ${{ secrets.SMOKE_API_KEY }}'],
      evidence: { method: 'POST /users', apiKeyRequired: true, sentApiKey: false, auth: 'api-key' },
    },
    {
      name: 'the method was unknown at planning time: auth none carried no key',
      ctx: on('POST /users', { ...FORBIDDEN_ANSWER, auth: 'none', authFrom: 'default' }),
      explains: ["the route's auth `none`"],
      fixes: ['`auth: api-key`', '.github/apigw-routes.yml:7'],
    },
    {
      name: 'declared iam on iam+api-key, signed but keyless',
      ctx: on(route('GET /audit', { auth: 'iam' }), {
        ...FORBIDDEN_ANSWER,
        auth: 'iam',
        authFrom: 'manifest',
        sent: { apiKey: false, signed: true, token: false },
      }),
      fixes: ['`auth: iam+api-key`'],
      evidence: { method: 'GET /audit' },
    },
    {
      name: 'a bare 403 (header and body customised) on a key-required method',
      ctx: on('POST /users', { ...answer(403, undefined, 'Access refused'), auth: 'api-key' }),
      evidence: { apiKeyRequired: true },
    },
    {
      name: 'blind: auth included a key that was not sent',
      ctx: blind(route('POST /users', { auth: 'api-key' }), { ...FORBIDDEN_ANSWER, auth: 'api-key', authFrom: 'manifest' }),
      explains: ['POST /users needs an API key (auth `api-key`)'],
    },
  ],
});
