// A route that needs SigV4 went out unsigned (or not at all) because the action had no AWS
// credentials: the gateway's MAT is then about the runner, not the route.
import { describeAnswer, gatewayAnswer } from '../answer.ts';
import type { Rule, RuleMatch } from '../rule.ts';
import { needsSigV4 } from '../served.ts';

export const CREDENTIALS_FIX =
  'Add `aws-actions/configure-aws-credentials` (with `role-to-assume` and `aws-region`) before this step and give the job ' +
  '`permissions: { id-token: write }`; the role needs `execute-api:Invoke` on the API.';

export default {
  meta: {
    code: 'credentials-missing',
    title: 'No AWS credentials to sign an AWS_IAM route',
    severity: 'error',
    category: 'auth',
  },
  match(ctx): RuleMatch | null {
    const { check } = ctx;
    if (ctx.expectationMet || !needsSigV4(check.auth)) return null;
    if (ctx.hasCredentials && check.sent.signed) return null;

    const why =
      check.authFrom === 'manifest' ? `the manifest declares \`auth: ${check.auth}\`` : `its method is AWS_IAM (auth \`${check.auth}\` from the deployed stage)`;
    const what = ctx.hasCredentials
      ? 'AWS credentials were found but the request was not signed'
      : 'no AWS credentials were available to the action (no AWS_ACCESS_KEY_ID / role session in the environment)';
    const sent = check.status === undefined && check.notSent ? 'it was not sent' : `it went out unsigned and got ${describeAnswer(check)}`;
    return {
      explanation: `${check.route.route} needs a SigV4 signature — ${why} — but ${what}, so ${sent}.`,
      fix: CREDENTIALS_FIX,
      evidence: {
        auth: check.auth,
        authFrom: check.authFrom,
        hasCredentials: ctx.hasCredentials,
        signed: check.sent.signed,
        ...(check.notSent ? { notSent: check.notSent } : {}),
        answer: gatewayAnswer(check),
      },
    };
  },
} satisfies Rule;
