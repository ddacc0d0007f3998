import rule from '../../../src/diagnose/rules/base-url-mismatch.ts';
import { OK } from '../auth-fixtures.ts';
import { context, probe } from '../fixtures.ts';
import { ruleTester } from '../rule-tester.ts';
import { FORBIDDEN, apiMissing, viaBaseUrl } from '../routing-fixtures.ts';

const OTHER_API = 'https://zz9yy8xx7w.execute-api.us-east-1.amazonaws.com/prod';
const OTHER_REGION = 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod';
const RIGHT = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod';

ruleTester(rule, {
  valid: [
    { name: 'base-url names the verified API', ctx: viaBaseUrl('GET /users', RIGHT) },
    { name: 'the default base-url', ctx: context(probe('GET /user')) },
    { name: 'a custom domain is not an execute-api host', ctx: viaBaseUrl('GET /users', 'https://api.shop.example') },
    { name: 'the route passed on the other API: nothing to explain on the check', ctx: viaBaseUrl('GET /users', OTHER_API, undefined, OK) },
  ],
  invalid: [
    {
      name: 'another API id: the requests went to it; both are named',
      ctx: viaBaseUrl('GET /users', OTHER_API),
      explains: [
        'names API zz9yy8xx7w, but rest-api-id and region are a1b2c3d4e5 in us-east-1',
        'went to another API than the one the control plane read',
      ],
      fixes: [`\`base-url: ${RIGHT}\``, '`rest-api-id: zz9yy8xx7w`'],
      evidence: { urlApiId: 'zz9yy8xx7w', urlRegion: 'us-east-1', restApiId: 'a1b2c3d4e5', region: 'us-east-1', suggestedBaseUrl: RIGHT },
    },
    {
      name: 'another region: Forbidden there is not an IAM or expect problem',
      ctx: viaBaseUrl('GET /reports', OTHER_REGION, undefined, { status: 403, classification: FORBIDDEN }),
      explains: ['names region eu-west-1', 'got 403 ForbiddenException'],
      fixes: [`\`base-url: ${RIGHT}\``, '`region: eu-west-1`'],
    },
    {
      name: 'the configured API could not be read in its region: the inputs come first in the fix',
      ctx: viaBaseUrl('GET /users', OTHER_REGION, apiMissing()),
      fixes: [
        /could not read a1b2c3d4e5 in us-east-1: if a1b2c3d4e5 in eu-west-1 is the API to verify, set `region: eu-west-1`; otherwise/,
      ],
    },
    {
      name: 'no answer at all is explained the same way',
      ctx: viaBaseUrl('GET /users', OTHER_API, undefined, { status: undefined, networkError: 'ECONNREFUSED' }),
      explains: ['got no answer'],
    },
  ],
});
