import rule from '../../../src/diagnose/rules/auth-mismatch.ts';
import { MAT, context, probe, route, snapshot, table } from '../fixtures.ts';
import { ruleTester } from '../rule-tester.ts';
import { OK, SIGNED, WITH_KEY, WITH_TOKEN, answer, blind, fullSnapshot, on, passing } from '../auth-fixtures.ts';

/** /partners needs a token and a key, and the key comes from the authorizer (apiKeySource AUTHORIZER). */
function keyFromAuthorizer() {
  const base = fullSnapshot();
  const deployed = {
    ...base.deployed,
    '/partners': { GET: { authorizationType: 'CUSTOM', apiKeyRequired: true, authorizerId: 'lambda01' } },
  };
  return { snapshot: { ...base, deployed, api: { ...base.api, apiKeySource: 'AUTHORIZER' } } };
}

const declared = (spec: string, auth: 'none' | 'api-key' | 'iam' | 'iam+api-key' | 'token' | 'token+api-key', expect?: number[]) =>
  route(spec, { auth, ...(expect ? { expect: { codes: expect, classes: [], reachable: false, text: `[${expect.join(', ')}]` } } : {}) });

ruleTester(rule, {
  valid: [
    {
      name: 'apiKeySource AUTHORIZER: declared token on token+api-key is right, the caller sends no key',
      ctx: passing(
        on(declared('GET /partners', 'token'), { ...OK, auth: 'token', authFrom: 'manifest', sent: WITH_TOKEN }, keyFromAuthorizer()),
      ),
    },
    { name: 'auth auto: the method decided', ctx: on('GET /reports', { auth: 'iam', authFrom: 'deployed', sent: SIGNED }) },
    {
      name: 'declared iam on an AWS_IAM method',
      ctx: passing(on(declared('GET /reports', 'iam'), { ...OK, auth: 'iam', authFrom: 'manifest', sent: SIGNED })),
    },
    { name: 'declared none on an open method', ctx: passing(on(declared('GET /health', 'none'), { ...OK, authFrom: 'manifest' })) },
    {
      name: 'declared iam+api-key on iam+api-key',
      ctx: on(declared('GET /audit', 'iam+api-key'), { auth: 'iam+api-key', authFrom: 'manifest' }),
    },
    { name: 'control plane blind: the method is unknown', ctx: blind(declared('GET /reports', 'none'), { authFrom: 'manifest' }) },
    {
      name: 'nothing serves the route: a routing problem, not a mismatch',
      ctx: context(probe(declared('GET /nope', 'iam'), { auth: 'iam', authFrom: 'manifest' })),
    },
  ],
  invalid: [
    {
      name: 'apiKeySource AUTHORIZER still sees a missing authorizer: declared none on token+api-key',
      ctx: passing(on(declared('GET /partners', 'none'), { ...OK, authFrom: 'manifest' }, keyFromAuthorizer())),
      explains: ['that is `token+api-key`'],
    },
    {
      name: 'apiKeySource HEADER: declared token on token+api-key is a mismatch',
      ctx: passing(
        on(
          declared('GET /partners', 'token'),
          { ...OK, auth: 'token', authFrom: 'manifest', sent: WITH_TOKEN },
          { snapshot: { ...keyFromAuthorizer().snapshot, api: { status: 'ok', apiKeySource: 'HEADER' } } },
        ),
      ),
      explains: ['that is `token+api-key`'],
    },
    {
      name: 'from an OpenAPI document: the fix edits the operation, not a manifest `auth` key',
      ctx: on(declared('GET /reports', 'none'), { authFrom: 'manifest' }, { routesIn: 'openapi' }),
      severity: 'error',
      explains: ["The OpenAPI document's security for GET /reports means `auth: none`", '`iam`'],
      fixes: [
        'Make the OpenAPI document say what is deployed',
        "change the operation's `security` at .github/apigw-routes.yml:7",
        '`x-apigw-route-verify: { auth: iam }`',
      ],
    },
    {
      name: 'declared none on an AWS_IAM method, answered MAT',
      ctx: on(declared('GET /reports', 'none'), { authFrom: 'manifest' }),
      severity: 'error',
      explains: ['`auth: none`', 'stage prod serves GET /reports as AWS_IAM', '`iam`', '403 MissingAuthenticationTokenException'],
      fixes: ['`auth: iam`', '.github/apigw-routes.yml:7'],
      evidence: {
        declared: 'none',
        deployed: 'iam',
        lessProtected: false,
        answer: { status: 403, errorType: MAT.errorType, message: 'Missing Authentication Token' },
      },
    },
    {
      name: 'declared iam on an open method that passed: more public than believed',
      ctx: passing(on(declared('GET /health', 'iam'), { ...OK, auth: 'iam', authFrom: 'manifest', sent: SIGNED })),
      severity: 'error',
      explains: ['does not require SigV4 (AWS_IAM)', 'more public than the manifest says', 'passed with 200'],
      fixes: ['protect GET /health', 'aws apigateway create-deployment --rest-api-id a1b2c3d4e5 --stage-name prod', '`auth: none`'],
      evidence: { declared: 'iam', deployed: 'none', lessProtected: true, via: 'exact', answer: { status: 200, requestId: 'req-1234' } },
    },
    {
      name: 'declared iam on a path only an open {proxy+} serves',
      ctx: passing(on(declared('GET /admin', 'iam'), { ...OK, auth: 'iam', authFrom: 'manifest', sent: SIGNED })),
      severity: 'error',
      explains: ['GET /admin has no method of its own: ANY /{proxy+} serves it', 'more public'],
      fixes: ['add GET /admin as its own method'],
      evidence: { method: 'ANY /{proxy+}', via: 'proxy', lessProtected: true },
    },
    {
      name: 'declared iam+api-key on an AWS_IAM method without a key requirement',
      ctx: passing(
        on(declared('GET /reports', 'iam+api-key'), {
          ...OK,
          auth: 'iam+api-key',
          authFrom: 'manifest',
          sent: { ...SIGNED, apiKey: true },
        }),
      ),
      severity: 'error',
      explains: ['does not require an API key'],
      evidence: { declared: 'iam+api-key', deployed: 'iam', lessProtected: true },
    },
    {
      name: 'declared api-key on iam+api-key: more protected, and the request failed',
      ctx: on(declared('GET /audit', 'api-key'), { auth: 'api-key', authFrom: 'manifest', sent: WITH_KEY }),
      severity: 'error',
      explains: ['AWS_IAM, API key required', '`iam+api-key`'],
      evidence: { declared: 'api-key', deployed: 'iam+api-key', lessProtected: false },
    },
    {
      name: 'a refusal test: declared none with expect [403] on an AWS_IAM method, met',
      ctx: passing(on(declared('GET /reports', 'none', [403]), { authFrom: 'manifest' })),
      severity: 'warning',
      explains: ['passed with 403'],
      fixes: ['`auth: iam`'],
      evidence: { declared: 'none', deployed: 'iam', lessProtected: false },
    },
    {
      name: 'declared token on an AWS_IAM method: an authorizer token is no signature',
      ctx: on(declared('GET /reports', 'token'), {
        ...answer(403, 'IncompleteSignatureException', "Authorization header requires 'Credential' parameter."),
        auth: 'token',
        authFrom: 'manifest',
        sent: { apiKey: false, signed: false, token: true, tokenHeader: 'Authorization' },
      }),
      severity: 'error',
      explains: ['403 IncompleteSignatureException'],
      evidence: { declared: 'token', deployed: 'iam', lessProtected: false },
    },
    {
      name: 'declared none on a Cognito method names its authorizer',
      ctx: on(declared('POST /orders', 'none'), { ...answer(401, 'UnauthorizedException', 'Unauthorized'), authFrom: 'manifest' }),
      explains: ['COGNITO_USER_POOLS (authorizer users-pool)', '`token`', '401 UnauthorizedException'],
      evidence: { authorizer: 'users-pool', deployed: 'token' },
    },
    {
      name: 'deployment unreadable: compared with the current definition, and says so',
      ctx: context(probe(declared('GET /reports', 'none'), { authFrom: 'manifest' }), {
        snapshot: snapshot({ deployed: undefined, defined: table() }),
      }),
      explains: ['the current API definition has GET /reports as AWS_IAM'],
      evidence: { table: 'defined' },
    },
  ],
});
