import rule from '../../../src/diagnose/rules/credentials-missing.ts';
import { route } from '../fixtures.ts';
import { ruleTester } from '../rule-tester.ts';
import { OK, SIGNED, answer, blind, on, passing } from '../auth-fixtures.ts';

ruleTester(rule, {
  valid: [
    {
      name: 'signed with credentials',
      ctx: on('GET /reports', {
        ...answer(403, 'AccessDeniedException', 'User: x is not authorized to perform: execute-api:Invoke'),
        auth: 'iam',
        sent: SIGNED,
      }),
    },
    { name: 'route needs no signature', ctx: on('GET /health', {}, { hasCredentials: false }) },
    { name: 'passed anyway', ctx: passing(on('GET /reports', { ...OK, auth: 'iam' }, { hasCredentials: false })) },
    {
      name: 'blind: auth defaulted to none, so nothing says it needs SigV4',
      ctx: blind('GET /reports', {}, { hasCredentials: false }),
    },
  ],
  invalid: [
    {
      name: 'auto resolved iam, no credentials: sent unsigned, MAT',
      ctx: on('GET /reports', { auth: 'iam', authFrom: 'deployed' }, { hasCredentials: false }),
      explains: [
        'GET /reports needs a SigV4 signature',
        'its method is AWS_IAM',
        'no AWS credentials were available',
        'went out unsigned',
        '403 MissingAuthenticationTokenException',
      ],
      fixes: ['aws-actions/configure-aws-credentials', 'id-token: write', 'execute-api:Invoke'],
      evidence: { auth: 'iam', authFrom: 'deployed', hasCredentials: false, signed: false },
    },
    {
      name: 'declared iam+api-key, not sent at all',
      ctx: on(
        route('GET /audit', { auth: 'iam+api-key' }),
        { auth: 'iam+api-key', authFrom: 'manifest', status: undefined, notSent: 'no AWS credentials to sign with', attempts: [] },
        { hasCredentials: false },
      ),
      explains: ['the manifest declares `auth: iam+api-key`', 'it was not sent'],
      evidence: { notSent: 'no AWS credentials to sign with', auth: 'iam+api-key' },
    },
    {
      name: 'blind, but the manifest says iam: still explained from the answer',
      ctx: blind(route('GET /reports', { auth: 'iam' }), { auth: 'iam', authFrom: 'manifest' }, { hasCredentials: false }),
      explains: ['needs a SigV4 signature'],
      evidence: { hasCredentials: false },
    },
  ],
});
