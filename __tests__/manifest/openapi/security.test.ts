// security → auth: each scheme kind, operation vs document security, OR and AND, both flavours.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatProblem } from '../../../src/manifest/index.ts';
import type { AuthMode } from '../../../src/types.ts';
import { lineOf, oas3, onlyRoute, problemsOf, swagger2 } from './support.ts';

const SCHEMES = [
  '    api_key: { type: apiKey, name: x-api-key, in: header }',
  '    keyByHeader: { type: apiKey, name: X-API-Key, in: header }',
  '    sigv4: { type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: awsSigv4 }',
  '    sigv4Short: { type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: sigv4 }',
  '    tokenAuth:',
  '      type: apiKey',
  '      name: Authorization',
  '      in: header',
  '      x-amazon-apigateway-authtype: custom',
  '      x-amazon-apigateway-authorizer: { type: token, authorizerUri: "arn:aws:apigateway:us-east-1:lambda:path/fn", identitySource: method.request.header.Authorization }',
  '    requestAuth:',
  '      type: apiKey',
  '      name: x-session',
  '      in: header',
  '      x-amazon-apigateway-authorizer: { type: request, identitySource: method.request.header.x-session }',
  '    cognito:',
  '      type: apiKey',
  '      name: Authorization',
  '      in: header',
  '      x-amazon-apigateway-authtype: cognito_user_pools',
  '      x-amazon-apigateway-authorizer: { type: cognito_user_pools, providerARNs: ["arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_x"] }',
  '    oauth: { type: oauth2, flows: { implicit: { authorizationUrl: "https://example.com/auth", scopes: {} } } }',
];

const CASES: { name: string; security: string; auth: AuthMode }[] = [
  { name: 'no security', security: '', auth: 'none' },
  { name: 'an empty list', security: 'security: []', auth: 'none' },
  { name: 'the api_key scheme', security: 'security: [{ api_key: [] }]', auth: 'api-key' },
  { name: 'an apiKey scheme in header x-api-key, any name', security: 'security: [{ keyByHeader: [] }]', auth: 'api-key' },
  { name: 'awsSigv4', security: 'security: [{ sigv4: [] }]', auth: 'iam' },
  { name: 'sigv4', security: 'security: [{ sigv4Short: [] }]', auth: 'iam' },
  { name: 'a token authorizer', security: 'security: [{ tokenAuth: [] }]', auth: 'token' },
  { name: 'a request authorizer', security: 'security: [{ requestAuth: [] }]', auth: 'token' },
  { name: 'a Cognito user pool', security: 'security: [{ cognito: [] }]', auth: 'token' },
  { name: 'IAM AND an API key', security: 'security: [{ sigv4: [], api_key: [] }]', auth: 'iam+api-key' },
  { name: 'IAM OR an API key: one method, both apply', security: 'security: [{ sigv4: [] }, { api_key: [] }]', auth: 'iam+api-key' },
  { name: 'an authorizer AND an API key', security: 'security: [{ tokenAuth: [], api_key: [] }]', auth: 'token+api-key' },
  { name: 'the first of IAM and an authorizer', security: 'security: [{ cognito: [] }, { sigv4: [] }]', auth: 'token' },
  { name: 'a scheme API Gateway does not enforce: the deployed method decides', security: 'security: [{ oauth: [] }]', auth: 'auto' },
];

for (const { name, security, auth } of CASES) {
  test(`OpenAPI 3, operation security, ${name} → ${auth}`, () => {
    const text = oas3(
      ['  /a:', '    get:', ...(security ? [`      ${security}`] : []), '      responses: {}'],
      ['components:', '  securitySchemes:', ...SCHEMES],
    );
    assert.equal(onlyRoute(text).auth, auth);
  });
  test(`Swagger 2, document security, ${name} → ${auth}`, () => {
    const text = swagger2(
      ['  /a:', '    get:', '      responses: {}'],
      [...(security ? [security] : []), 'securityDefinitions:', ...SCHEMES.map((l) => l.slice(2))],
    );
    assert.equal(onlyRoute(text).auth, auth);
  });
}

test("an operation's own security replaces the document's, and an empty list opens the operation", () => {
  const tail = ['security: [{ api_key: [] }]', 'components:', '  securitySchemes:', ...SCHEMES];
  assert.equal(onlyRoute(oas3(['  /a:', '    get: { security: [], responses: {} }'], tail)).auth, 'none');
  assert.equal(onlyRoute(oas3(['  /a:', '    get: { security: [{ sigv4: [] }] }'], tail)).auth, 'iam');
  assert.equal(onlyRoute(oas3(['  /a:', '    get: { responses: {} }'], tail)).auth, 'api-key');
});

test('a security scheme the document does not define is an error at its requirement, listing the defined ones', () => {
  const text = oas3(
    ['  /a:', '    get:', '      security: [{ apiKey: [] }]'],
    ['components:', '  securitySchemes:', ...SCHEMES.slice(0, 1)],
  );
  const problems = problemsOf(text);
  assert.equal(problems.length, 1, problems.map(formatProblem).join('\n'));
  assert.equal(problems[0]!.source?.line, lineOf(text, '{ apiKey: [] }'));
  assert.match(problems[0]!.message, /security scheme `apiKey` is not defined; the file defines `api_key`/);
});

test('a CORS preflight declared in the override is sent without credentials, whatever the security', () => {
  const text = oas3(
    ['  /a:', '    options:', '      x-apigw-route-verify: { cors: { origin: "https://app.example.com", method: GET } }'],
    ['security: [{ sigv4: [] }]', 'components:', '  securitySchemes:', ...SCHEMES],
  );
  const route = onlyRoute(text);
  assert.equal(route.auth, 'none');
  assert.deepEqual(route.cors, { origin: 'https://app.example.com', method: 'GET', headers: [] });
});

test('a security that is no list is an error at it', () => {
  const text = oas3(['  /a:', '    get:', '      security: { api_key: [] }'], ['components:', '  securitySchemes:', ...SCHEMES]);
  const [problem] = problemsOf(text);
  assert.equal(problem!.source?.line, lineOf(text, 'security: {'));
  assert.match(problem!.message, /`security` must be a list of requirements, not a mapping/);
});

test('unquoted YAML response codes are read as written', () => {
  const text = oas3([
    '  /a:',
    '    post:',
    '      responses:',
    '        201: { description: created }',
    '        409: { description: conflict }',
  ]);
  assert.equal(onlyRoute(text).expect.text, '201');
});
