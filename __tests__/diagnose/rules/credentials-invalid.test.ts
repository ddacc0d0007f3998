import rule from '../../../src/diagnose/rules/credentials-invalid.ts';
import { ruleTester } from '../rule-tester.ts';
import { SIGNED, answer, blind, on, passing } from '../auth-fixtures.ts';

const signed = (status: number, errorType: string, message: string) => ({
  ...answer(status, errorType, message),
  auth: 'iam' as const,
  sent: SIGNED,
});

ruleTester(rule, {
  valid: [
    {
      name: 'IAM denial is not a credentials problem',
      ctx: on(
        'GET /reports',
        signed(
          403,
          'AccessDeniedException',
          'User: arn:aws:sts::123456789012:assumed-role/deploy/ci is not authorized to perform: execute-api:Invoke on resource: x',
        ),
      ),
    },
    { name: 'MAT', ctx: on('GET /reports') },
    {
      name: 'passed',
      ctx: passing(on('GET /reports', signed(403, 'ExpiredTokenException', 'The security token included in the request is expired'))),
    },
  ],
  invalid: [
    {
      name: 'unrecognized access key',
      ctx: on('GET /reports', signed(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.')),
      title: 'AWS credentials refused',
      explains: ['access key AWS does not recognise', 'AWS_SESSION_TOKEN', '403 UnrecognizedClientException'],
      fixes: ['role-to-assume'],
      evidence: { kind: 'unrecognized', errorType: 'UnrecognizedClientException', signed: true },
    },
    {
      name: 'expired session',
      ctx: on('GET /reports', signed(403, 'ExpiredTokenException', 'The security token included in the request is expired')),
      title: 'AWS session credentials expired',
      explains: ['role session that had already expired'],
      fixes: ['configure-aws-credentials` again', 'role-duration-seconds'],
      evidence: { kind: 'expired' },
    },
    {
      name: 'sent as AccessDenied with the invalid-token message',
      ctx: on('GET /reports', signed(403, 'AccessDeniedException', 'The security token included in the request is invalid.')),
      evidence: { kind: 'unrecognized', errorType: 'AccessDeniedException' },
    },
    {
      name: 'blind: the answer alone suffices',
      ctx: blind('GET /reports', signed(403, 'ExpiredTokenException', 'The security token included in the request is expired')),
      evidence: { kind: 'expired' },
    },
  ],
});
