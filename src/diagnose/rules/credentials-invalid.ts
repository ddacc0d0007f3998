// The request was signed with credentials AWS does not accept: unknown to the partition, or
// a role session that has run out. Older gateways send these as AccessDeniedException with
// the token message, so the message counts as much as the error type.
import { describeAnswer, gatewayAnswer } from '../answer.ts';
import type { Rule, RuleContext, RuleMatch } from '../rule.ts';

export const EXPIRED_MESSAGE = /security token included in the request is expired/i;
export const INVALID_MESSAGE = /security token included in the request is invalid/i;

/** 'expired' | 'unrecognized' when the answer says the credentials were refused. */
export function refusedCredentials(ctx: RuleContext): 'expired' | 'unrecognized' | undefined {
  const { errorType, message = '' } = ctx.check.classification;
  if (errorType === 'ExpiredTokenException' || (errorType === 'AccessDeniedException' && EXPIRED_MESSAGE.test(message))) return 'expired';
  if (errorType === 'UnrecognizedClientException' || (errorType === 'AccessDeniedException' && INVALID_MESSAGE.test(message))) return 'unrecognized';
  return undefined;
}

export default {
  meta: {
    code: 'credentials-invalid',
    title: 'AWS credentials refused',
    severity: 'error',
    category: 'auth',
  },
  match(ctx): RuleMatch | null {
    const { check } = ctx;
    if (ctx.expectationMet) return null;
    const kind = refusedCredentials(ctx);
    if (!kind) return null;
    const evidence = {
      kind,
      errorType: check.classification.errorType,
      signed: check.sent.signed,
      answer: gatewayAnswer(check),
    };
    if (kind === 'expired') {
      return {
        title: 'AWS session credentials expired',
        explanation: `The request was signed with a role session that had already expired, and the gateway answered ${describeAnswer(check)}.`,
        fix:
          'Run `aws-actions/configure-aws-credentials` again right before this step (a long deploy can outlive the session), ' +
          'or raise its `role-duration-seconds` (and the role\'s MaxSessionDuration).',
        evidence,
      };
    }
    return {
      explanation:
        `The request was signed with an access key AWS does not recognise, and the gateway answered ${describeAnswer(check)}: ` +
        'a deleted or inactive key, temporary credentials (ASIA…) without their AWS_SESSION_TOKEN, or credentials of another partition (aws-cn, aws-us-gov).',
      fix:
        'Use `aws-actions/configure-aws-credentials` with `role-to-assume` instead of stored keys; if you keep stored keys, ' +
        'rotate AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY together and pass AWS_SESSION_TOKEN with temporary ones.',
      evidence,
    };
  },
} satisfies Rule;
