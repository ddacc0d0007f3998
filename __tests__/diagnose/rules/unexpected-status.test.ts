import rule from '../../../src/diagnose/rules/unexpected-status.ts';
import { context, probe, route, snapshot, table } from '../fixtures.ts';
import { ruleTester } from '../rule-tester.ts';
import { OK, SIGNED, answer, blind, on, passing } from '../auth-fixtures.ts';
import { viaBaseUrl } from '../routing-fixtures.ts';

const DIRECT = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/users';

ruleTester(rule, {
  valid: [
    { name: 'passed', ctx: passing(on('GET /health', OK)) },
    { name: 'passed even with an error answer (expect met)', ctx: passing(on('GET /health')) },
  ],
  invalid: [
    {
      name: 'blind because there are no credentials at all: the fix is credentials, not a permission',
      ctx: blind('GET /reports', {}, { hasCredentials: false }),
      explains: ['cannot be told apart'],
      fixes: ['No AWS credentials were available', 'aws-actions/configure-aws-credentials'],
    },
    {
      name: 'a backend answer outside expect',
      ctx: on('GET /users/{id}', answer(404, undefined, 'no such user')),
      explains: ['The route answered 404 ("no such user") from its backend', 'outside `expect: 2xx`'],
      fixes: ['`expect: [404]`', '`reachable`'],
      evidence: { expect: '2xx', status: 404, message: 'no such user', requestId: 'req-1234' },
    },
    {
      name: 'a gateway error nothing else explained',
      ctx: on('POST /users', answer(413, 'RequestTooLargeException', 'Request Too Long')),
      explains: ['The gateway (or something in front of it) answered 413 RequestTooLargeException'],
      evidence: { errorType: 'RequestTooLargeException' },
    },
    {
      name: 'blind MAT on an unsigned request: says what MAT can mean and what would tell',
      ctx: blind('GET /reports'),
      explains: [
        'no deployed resource and method matched the request, or that the route is AWS_IAM and the request was unsigned',
        'cannot be told apart',
      ],
      fixes: ['`apigateway:GET` on `arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5`', '`auth: iam`'],
      evidence: { status: 403, errorType: 'MissingAuthenticationTokenException' },
    },
    {
      name: 'blind MAT, and the signed retry of the same URL got MAT too: signing did not help',
      ctx: blind(
        'GET /reports',
        {},
        { signedRetry: { url: DIRECT, status: 403, errorType: 'MissingAuthenticationTokenException', met: false } },
      ),
      explains: [
        'sent again SigV4-signed, got Missing Authentication Token too: signing did not help, so no deployed resource and method matched',
        'wrong path or stage',
        'With `apigateway:GET` the action would name the cause',
      ],
      fixes: ['`apigateway:GET` on `arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5`', 'the `stage` input'],
      evidence: { signedRetry: { url: DIRECT, status: 403, errorType: 'MissingAuthenticationTokenException', met: false } },
    },
    {
      name: 'blind MAT on a signed request: not the IAM case',
      ctx: blind('GET /reports', { auth: 'iam', sent: SIGNED }),
      explains: ['The request was signed, so this is not an unsigned call to an AWS_IAM route'],
    },
    {
      name: 'MAT although the stage serves the route: something rewrites the path',
      ctx: on('GET /health'),
      explains: ['The stage serves it (GET /health)', 'base path mapping'],
      fixes: ['leave `base-url` unset'],
    },
    {
      name: 'MAT and nothing serves it',
      ctx: context(probe('GET /nope'), { snapshot: snapshot({ deployed: table() }) }),
      explains: ['No deployed method serves this verb and path'],
      fixes: ['aws apigateway get-resources --rest-api-id a1b2c3d4e5 --embed methods'],
    },
    {
      name: 'not sent at all',
      ctx: on(route('GET /health'), { status: undefined, notSent: 'path parameter {id} has no value', attempts: [] }),
      explains: ['the request was not sent (path parameter {id} has no value)'],
      evidence: { notSent: 'path parameter {id} has no value' },
    },
    {
      name: 'through a front door, served, MAT: the direct URL answered 200, so the front door changes the path',
      ctx: { ...viaBaseUrl('GET /users', 'https://gw.shop.example/prod'), direct: { url: DIRECT, status: 200, met: true } },
      explains: [
        'The same route answers 200 on the direct URL https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/users: the front door (gw.shop.example) changes the path',
      ],
      fixes: ['`base-url: https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod`'],
      evidence: { direct: { url: DIRECT, status: 200, met: true } },
    },
    {
      name: 'Forbidden through a front door, and Forbidden on the direct URL too: not the front door alone',
      ctx: {
        ...viaBaseUrl('GET /users', 'https://gw.shop.example/prod', undefined, answer(403, 'ForbiddenException', 'Forbidden')),
        direct: { url: DIRECT, status: 403, errorType: 'ForbiddenException', met: false },
      },
      explains: ['got 403 ForbiddenException too: the cause is not the front door alone'],
    },
  ],
});
