// The request was signed with credentials AWS does not accept: unknown to the partition, or
// a role session that has run out. Older gateways send these as AccessDeniedException with
// the token message, so the message counts as much as the error type.
import { describeAnswer, gatewayAnswer } from '../answer.ts';
import { refusedCredentials } from '../predicates.ts';
import type { Rule, RuleMatch } from '../rule.ts';

export default {
  meta: { code: 'credentials-invalid', title: 'AWS credentials refused', severity: 'error', scope: ['check'], tier: 'auth', priority: 80 },
  check(e): RuleMatch | null {
    const kind = refusedCredentials(e);
    if (!kind) return null;
    const evidence = {
      kind,
      errorType: e.classification.errorType,
      signed: e.check.sent.signed,
      answer: gatewayAnswer(e.answer),
    };
    if (kind === 'expired') {
      return {
        title: 'AWS session credentials expired',
        explanation: `The request was signed with a role session that had already expired, and the gateway answered ${describeAnswer(e.answer)}.`,
        fix:
          'Run `aws-actions/configure-aws-credentials` again right before this step (a long deploy can outlive the session), ' +
          "or raise its `role-duration-seconds` (and the role's MaxSessionDuration).",
        evidence,
      };
    }
    return {
      explanation:
        `The request was signed with an access key AWS does not recognise, and the gateway answered ${describeAnswer(e.answer)}: ` +
        'a deleted or inactive key, temporary credentials (ASIA…) without their AWS_SESSION_TOKEN, or credentials of another partition (aws-cn, aws-us-gov).',
      fix:
        'Use `aws-actions/configure-aws-credentials` with `role-to-assume` instead of stored keys; if you keep stored keys, ' +
        'rotate AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY together and pass AWS_SESSION_TOKEN with temporary ones.',
      evidence,
    };
  },
} satisfies Rule;
