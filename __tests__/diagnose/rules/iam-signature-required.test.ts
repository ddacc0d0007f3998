import rule from '../../../src/diagnose/rules/iam-signature-required.ts';
import { context, probe, route, snapshot, table } from '../fixtures.ts';
import { ruleTester } from '../rule-tester.ts';
import { SIGNED, answer, blind, on, passing } from '../auth-fixtures.ts';

const URL_REPORTS = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/reports';
const MAT = 'MissingAuthenticationTokenException';

ruleTester(rule, {
  valid: [
    { name: 'the route is open: MAT means a routing cause', ctx: on('GET /health') },
    {
      name: 'signed: a signed request to an AWS_IAM route gets no MAT for its signature',
      ctx: on('GET /reports', { auth: 'iam', sent: SIGNED }),
    },
    { name: 'blind: unsigned MAT cannot be told from a missing route', ctx: blind('GET /reports') },
    {
      name: 'blind: the signed retry got MAT too, so no route matched',
      ctx: blind('GET /reports', {}, { signedRetry: { url: URL_REPORTS, status: 403, errorType: MAT, met: false } }),
    },
    {
      name: 'blind: the signed retry got no answer, nothing is proven',
      ctx: blind('GET /reports', {}, { signedRetry: { url: URL_REPORTS, error: 'ECONNRESET', met: false } }),
    },
    {
      name: 'not MAT',
      ctx: on('GET /reports', answer(403, 'AccessDeniedException', 'User: anonymous is not authorized to perform: execute-api:Invoke')),
    },
    {
      name: 'in the definition but not deployed: route-not-deployed, not this',
      ctx: context(probe('GET /reports'), {
        snapshot: snapshot({
          deployed: Object.fromEntries(Object.entries(table()).filter(([path]) => path === '/health')),
          defined: table(),
        }),
      }),
    },
    {
      name: 'a guarded POST does not guard GET: an open proxy serves GET /admin',
      ctx: on('GET /admin'),
    },
    {
      name: 'passed',
      ctx: passing(on('GET /reports', answer(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token'))),
    },
  ],
  invalid: [
    {
      name: 'blind: the signed retry of the same URL answered 200, so the route is AWS_IAM (proven by the follow-up)',
      ctx: blind('GET /reports', {}, { signedRetry: { url: URL_REPORTS, status: 200, met: true } }),
      explains: [
        'The same URL, sent again SigV4-signed, answered 200 while the unsigned request got 403 MissingAuthenticationTokenException',
        'is an AWS_IAM method',
        'proven by that follow-up request, not read from the control plane',
        'auth defaulted to `none`',
      ],
      fixes: ['Declare `auth: iam` at .github/apigw-routes.yml:7'],
      evidence: { signedRetry: { url: URL_REPORTS, status: 200, met: true }, signed: false, authFrom: 'default' },
    },
    {
      name: 'blind: the signed retry was refused by IAM policy (AccessDenied): past authentication, so AWS_IAM',
      ctx: blind(
        route('GET /reports', { auth: 'none' }),
        { authFrom: 'manifest' },
        { signedRetry: { url: URL_REPORTS, status: 403, errorType: 'AccessDeniedException', met: false } },
      ),
      explains: ['answered 403 AccessDeniedException', 'the manifest declares `auth: none`'],
      fixes: ['Set `auth: iam`'],
    },
    {
      name: 'method unknown when planned (auth defaulted to none)',
      ctx: on('GET /reports', { authFrom: 'default' }),
      explains: ['Stage prod serves GET /reports with AWS_IAM', 'same 403 MissingAuthenticationTokenException', 'auth defaulted to `none`'],
      fixes: ['Declare `auth: iam` at .github/apigw-routes.yml:7', 'apigateway:GET'],
      evidence: { method: 'GET /reports', authorizationType: 'AWS_IAM', signed: false, authFrom: 'default', table: 'deployed' },
    },
    {
      name: 'declared none in the manifest',
      ctx: on(route('GET /reports', { auth: 'none' }), { authFrom: 'manifest' }),
      explains: ['the manifest declares `auth: none`'],
      fixes: ['Set `auth: iam`'],
    },
    {
      name: 'and no credentials either',
      ctx: on('GET /reports', { authFrom: 'default' }, { hasCredentials: false }),
      explains: ['no AWS credentials were available'],
      fixes: ['configure-aws-credentials', 'id-token: write'],
      evidence: { hasCredentials: false },
    },
    {
      name: 'IAM via {proxy+}',
      ctx: context(probe(route('GET /files/{key+}', { params: { key: 'a/b.txt' } }), { authFrom: 'default' }), {
        snapshot: snapshot({
          deployed: { ...table(), '/files/{proxy+}': { ANY: { authorizationType: 'AWS_IAM', apiKeyRequired: false } } },
        }),
      }),
      explains: ['ANY /files/{proxy+} serves it'],
      evidence: { via: 'proxy', method: 'ANY /files/{proxy+}' },
    },
    {
      name: 'MAT identified by the body alone (the header was stripped)',
      ctx: on('GET /reports', {
        headers: {},
        classification: { errorType: 'MissingAuthenticationTokenException', by: 'body', message: 'Missing Authentication Token' },
        authFrom: 'default',
      }),
      explains: ['AWS_IAM'],
    },
  ],
});
