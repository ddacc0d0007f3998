import rule from '../../../src/diagnose/rules/iam-access-denied.ts';
import { route } from '../fixtures.ts';
import { ruleTester } from '../rule-tester.ts';
import { SIGNED, answer, blind, fullSnapshot, on, passing } from '../auth-fixtures.ts';

const ROLE = 'arn:aws:sts::123456789012:assumed-role/deploy/ci';
const denied = (message: string, signed = true) => ({
  ...answer(403, 'AccessDeniedException', message),
  auth: 'iam' as const,
  sent: signed ? SIGNED : { apiKey: false, signed: false, token: false },
});
const POLICY = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'OpenHealth', Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*/GET/health' },
    {
      Sid: 'OfficeOnly',
      Effect: 'Allow',
      Principal: '*',
      Action: 'execute-api:Invoke',
      Resource: 'execute-api:/*/GET/users/*',
      Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } },
    },
    {
      Sid: 'BlockLab',
      Effect: 'Deny',
      Principal: '*',
      Action: 'execute-api:Invoke',
      Resource: 'execute-api:/*/GET/health',
      Condition: { IpAddress: { 'aws:SourceIp': ['198.51.100.0/24'] } },
    },
    {
      Sid: 'VpceOnly',
      Effect: 'Deny',
      Principal: '*',
      Action: 'execute-api:*',
      Resource: 'arn:aws:execute-api:us-east-1:*:a1b2c3d4e5/*/GET/orders',
      Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-0123' } },
    },
    {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::123456789012:role/deploy' },
      Action: 'execute-api:Invoke',
      Resource: 'execute-api:/*/GET/reports',
    },
  ],
};
const withPolicy = (policy: object = POLICY) => ({
  snapshot: fullSnapshot({ api: { status: 'ok' as const, endpointTypes: ['REGIONAL'], hasResourcePolicy: true, policy: policy as never } }),
});
const anonymousOn = (path: string, explicit: boolean) =>
  denied(
    `User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:********9012:a1b2c3d4e5/prod/GET/${path}${explicit ? ' with an explicit deny' : ''}`,
    false,
  );
const noAllow = `User: ${ROLE} is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:********9012:a1b2c3d4e5/prod/GET/reports`;

ruleTester(rule, {
  valid: [
    {
      name: "a Lambda authorizer Deny is the authorizer's",
      ctx: on('GET /partners', denied('User is not authorized to access this resource with an explicit deny', false)),
    },
    {
      name: 'refused credentials are credentials-invalid',
      ctx: on('GET /reports', denied('The security token included in the request is invalid.')),
    },
    { name: 'not AccessDenied', ctx: on('GET /reports', answer(403, 'ForbiddenException', 'Forbidden')) },
    { name: 'passed', ctx: passing(on('GET /reports', denied(noAllow))) },
  ],
  invalid: [
    {
      name: 'the role lacks execute-api:Invoke (account taken from the caller, the resource one is masked)',
      ctx: on('GET /reports', denied(noAllow)),
      explains: [`${ROLE} has no Allow for execute-api:Invoke on arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/reports`],
      fixes: ['"Action": "execute-api:Invoke"', '"Resource": "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/reports"'],
      evidence: {
        caller: ROLE,
        explicitDeny: false,
        hasResourcePolicy: false,
        resource: 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/reports',
      },
    },
    {
      name: 'path parameters become * in the policy ARN, the requested ARN keeps the value',
      ctx: on(
        route('GET /users/{id}', { params: { id: '42' } }),
        denied(`User: ${ROLE} is not authorized to perform: execute-api:Invoke on resource: x`),
      ),
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
      explains: ['An explicit Deny applies', "the API's resource policy"],
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
      ctx: on(
        'GET /health',
        denied(
          'User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:********9012:a1b2c3d4e5/prod/GET/health',
          false,
        ),
      ),
      explains: ["The request was unsigned and the API's resource policy does not allow anonymous callers"],
      fixes: ['Sign the request'],
      evidence: { caller: 'anonymous', resource: 'arn:aws:execute-api:us-east-1:*:a1b2c3d4e5/prod/GET/health' },
    },
    {
      name: "policy: the explicit Deny on the runner's address is quoted, with the runner's IP",
      ctx: on('GET /health', anonymousOn('health', true), { ...withPolicy(), runnerIp: '198.51.100.7' }),
      explains: [
        "The API's resource policy denies anonymous on arn:aws:execute-api:us-east-1:*:a1b2c3d4e5/prod/GET/health explicitly",
        '`{"Sid":"BlockLab","Effect":"Deny","Condition":{"IpAddress":{"aws:SourceIp":["198.51.100.0/24"]}}}`',
        "The runner's public address is 198.51.100.7.",
      ],
      fixes: ['Exempt the runner in that Deny statement', 'create-deployment'],
      evidence: { explicitDeny: true, runnerIp: '198.51.100.7' },
    },
    {
      name: 'policy: a Deny whose IP condition the known runner address does not meet is not the one quoted',
      ctx: on('GET /orders', anonymousOn('orders', true), { ...withPolicy(), runnerIp: '203.0.113.9' }),
      explains: ['"Sid":"VpceOnly"', 'not through a VPC endpoint'],
      fixes: ['through the VPC endpoint'],
      evidence: { denyStatements: ['`{"Sid":"VpceOnly","Effect":"Deny","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-0123"}}}`'] },
    },
    {
      name: 'policy: an Allow list that leaves the runner out is the implicit deny, with what it requires',
      ctx: on(route('GET /users/{id}', { params: { id: '42' } }), anonymousOn('users/42', false), withPolicy()),
      explains: [
        'its Allow for arn:aws:execute-api:us-east-1:*:a1b2c3d4e5/prod/GET/users/* requires aws:SourceIp `203.0.113.0/24`',
        'The denial is implicit',
      ],
      fixes: ['takes effect only when the stage is deployed again'],
      evidence: {
        explicitDeny: false,
        allowStatements: ['`{"Sid":"OfficeOnly","Effect":"Allow","Condition":{"IpAddress":{"aws:SourceIp":["203.0.113.0/24"]}}}`'],
      },
    },
    {
      name: 'policy: a principal list that does not name the signed caller',
      ctx: on('GET /reports', denied(noAllow), withPolicy()),
      explains: [`requires principal \`arn:aws:iam::123456789012:role/deploy\``],
      fixes: [`give ${ROLE} an identity-policy Allow`, '"Action": "execute-api:Invoke"'],
    },
    {
      name: 'policy: no statement covers the route',
      ctx: on(
        'GET /health',
        anonymousOn('health', false),
        withPolicy({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*/POST/*' }] }),
      ),
      explains: ["No Allow statement of the API's resource policy covers arn:aws:execute-api:us-east-1:*:a1b2c3d4e5/prod/GET/health"],
      fixes: ['Add an Allow for execute-api:Invoke'],
    },
    {
      name: 'blind: hasResourcePolicy unknown, still names the ARN',
      ctx: blind('GET /', denied(noAllow)),
      explains: ['arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/'],
    },
  ],
});
