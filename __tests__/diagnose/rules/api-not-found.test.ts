import rule from '../../../src/diagnose/rules/api-not-found.ts';
import { blindSnapshot, context, probe } from '../fixtures.ts';
import { ruleTester } from '../rule-tester.ts';
import { ANSWERED, FORBIDDEN, apiMissing } from '../routing-fixtures.ts';

ruleTester(rule, {
  valid: [
    { name: 'the API exists', ctx: context(probe('GET /nope')) },
    { name: 'control plane blind: the API may well exist', ctx: context(probe('GET /nope'), { snapshot: blindSnapshot() }) },
    {
      name: 'API missing but the request was served (URL goes elsewhere)',
      ctx: context(probe('GET /health', ANSWERED), { snapshot: apiMissing() }),
    },
    {
      name: 'API missing but the answer is an auth error, not a routing one',
      ctx: context(probe('GET /reports', { classification: { errorType: 'AccessDeniedException', by: 'header' } }), {
        snapshot: apiMissing(),
      }),
    },
  ],
  invalid: [
    {
      name: 'MAT for an API GetRestApi does not know',
      ctx: context(probe('GET /health'), { snapshot: apiMissing() }),
      explains: ['a1b2c3d4e5', 'us-east-1', 'API id is wrong or the region', 'another AWS account'],
      fixes: ['aws apigateway get-rest-apis --region us-east-1', 'rest-api-id', 'region'],
      evidence: { restApiId: 'a1b2c3d4e5', region: 'us-east-1', errorType: 'MissingAuthenticationTokenException', urlApiId: undefined },
      severity: 'error',
    },
    {
      name: 'Forbidden (custom domain set-up) for an unknown API',
      ctx: context(probe('GET /health', { classification: FORBIDDEN }), { snapshot: apiMissing() }),
      explains: ['ForbiddenException'],
      evidence: { errorType: 'ForbiddenException' },
    },
    {
      name: 'the request URL names another API and region than the settings',
      ctx: context(probe('GET /health', { url: 'https://zz9yy8xx7w.execute-api.eu-west-1.amazonaws.com/prod/health' }), {
        snapshot: apiMissing(),
      }),
      explains: ['names API zz9yy8xx7w in eu-west-1'],
      evidence: { urlApiId: 'zz9yy8xx7w', urlRegion: 'eu-west-1' },
    },
    {
      name: 'names the region that was searched',
      ctx: context(probe('GET /health', { url: 'https://a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com/prod/health' }), {
        snapshot: { ...apiMissing(), region: 'eu-central-1' },
      }),
      explains: ['in eu-central-1'],
      fixes: ['--region eu-central-1'],
      evidence: { region: 'eu-central-1' },
    },
  ],
});
