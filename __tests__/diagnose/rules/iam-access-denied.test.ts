import rule from '../../../src/diagnose/rules/iam-access-denied.ts';
import { route } from '../fixtures.ts';
import { ruleTester } from '../rule-tester.ts';
import { SIGNED, answer, blind, fullSnapshot, on, passing } from '../auth-fixtures.ts';

const ROLE = 'arn:aws:sts::123456789012:assumed-role/deploy/ci';
const denied = (message: string, signed = true) => ({ ...answer(403, 'AccessDeniedException', message), auth: 'iam' as const, sent: signed ? SIGNED : { apiKey: false, signed: false, token: false } });
const noAllow = `User: ${ROLE} is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:********9012:a1b2c3d4e5/prod/GET/reports`;

ruleTester(rule, {
  valid: [
    { name: 'a Lambda authorizer Deny is the authorizer\'s', ctx: on('GET /partners', denied('User is not authorized to access this resource with an explicit deny', false)) },
    { name: 'refused credentials are credentials-invalid', ctx: on('GET /reports', denied('The security token included in the request is invalid.')) },
    { name: 'not AccessDenied', ctx: on('GET /reports', answer(403, 'ForbiddenException', 'Forbidden')) },
    { name: 'passed', ctx: passing(on('GET /reports', denied(noAllow))) },
  ],
  invalid: [
    {
      name: 'the role lacks execute-api:Invoke (account taken from the caller, the resource one is masked)',
      ctx: on('GET /reports', denied(noAllow)),
      explains: [`${ROLE} has no Allow for execute-api:Invoke on arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/reports`],
      fixes: ['"Action": "execute-api:Invoke"', '"Resource": "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/reports"'],
      evidence: { caller: ROLE, explicitDeny: false, hasResourcePolicy: false, resource: 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/reports' },
    },
    {
      name: 'path parameters become * in the policy ARN, the requested ARN keeps the value',
      ctx: on(route('GET /users/{id}', { params: { id: '42' } }), denied(`User: ${ROLE} is not authorized to perform: execute-api:Invoke on resource: x`)),
      evidence: {
        resource: 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/users/*',
        requested: 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/users/42',
      },
    },
    {
      name: 'explicit deny with a resource policy',
      ctx: on('GET /reports', denied(`${noAllow} with an explicit deny`), {
        snapshot: fullSnapshot({ api: { status: 'ok', endpointTypes: ['REGIONAL'], hasResourcePolicy: true } }),
      }),
      explains: ["An explicit Deny applies", "the API's resource policy"],
      fixes: ['aws apigateway get-rest-api --rest-api-id a1b2c3d4e5 --query policy', 'create-deployment'],
      evidence: { explicitDeny: true, hasResourcePolicy: true },
    },
    {
      name: 'explicit deny without a resource policy: a boundary or SCP',
      ctx: on('GET /reports', denied(`${noAllow} with an explicit deny`)),
      explains: ['permissions boundary or an SCP'],
    },
    {
      name: 'anonymous caller refused by the resource policy on an open method',
      ctx: on('GET /health', denied('User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:********9012:a1b2c3d4e5/prod/GET/health', false)),
      explains: ["The request was unsigned and the API's resource policy does not allow anonymous callers"],
      fixes: ['Sign the request'],
      evidence: { caller: 'anonymous', resource: 'arn:aws:execute-api:us-east-1:*:a1b2c3d4e5/prod/GET/health' },
    },
    {
      name: 'blind: hasResourcePolicy unknown, still names the ARN',
      ctx: blind('GET /', denied(noAllow)),
      explains: ['arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/'],
    },
  ],
});
