// 502 "Internal server error" / 504 "Endpoint request timed out": the gateway matched the
// route and authorized the caller, then the integration failed. Not a routing problem — the
// request id leads to the stage's execution log entry.
import { INTEGRATION_ERROR_TYPE } from '../../probe/classify.ts';
import { describeAnswer, gatewayAnswer } from '../answer.ts';
import type { Rule, RuleContext, RuleMatch } from '../rule.ts';

function kindOf(ctx: RuleContext): 'timeout' | 'failure' | undefined {
  const { status, classification } = ctx.check;
  const message = classification.message ?? '';
  // Any other error type (an authorizer's configuration error says "Internal server error" too) is something else.
  if (classification.errorType !== undefined && classification.errorType !== INTEGRATION_ERROR_TYPE) return undefined;
  const known = classification.errorType === INTEGRATION_ERROR_TYPE || /^(Internal server error|Endpoint request timed out)$/.test(message.trim());
  // A bare 502/504 is a failed backend too (a proxy in front of it, a stripped header).
  if (!known && status !== 502 && status !== 504) return undefined;
  return status === 504 || /timed out/i.test(message) ? 'timeout' : 'failure';
}

export default {
  meta: {
    code: 'integration-error',
    title: 'The route matched; its backend failed',
    severity: 'error',
    category: 'other',
  },
  match(ctx): RuleMatch | null {
    const { check } = ctx;
    if (ctx.expectationMet) return null;
    const kind = kindOf(ctx);
    if (!kind) return null;
    const { restApiId, stage } = ctx.settings;
    const requestId = check.headers['x-amzn-requestid'];
    const logs =
      `aws logs filter-log-events --log-group-name 'API-Gateway-Execution-Logs_${restApiId}/${stage}'` +
      (requestId ? ` --filter-pattern '"${requestId}"'` : '');
    const backend =
      kind === 'timeout'
        ? 'the backend did not answer within the integration timeout (29 s by default)'
        : 'the integration failed (a Lambda error or a malformed proxy response, an unreachable HTTP backend, or a mapping error)';
    return {
      explanation: `The gateway matched ${check.route.route} and authorized the request, but ${backend}: it answered ${describeAnswer(check)}. This is the backend, not routing or authentication.`,
      fix:
        `Look the request up in the stage's execution logs (enable them on the stage if needed): \`${logs}\`; ` +
        (kind === 'timeout'
          ? 'then speed up the backend or raise the integration timeout.'
          : 'for a Lambda proxy integration, check the function\'s own logs and that it returns {statusCode, headers, body}.'),
      evidence: {
        kind,
        ...gatewayAnswer(check),
        ...(check.headers['x-amz-apigw-id'] ? { apigwId: check.headers['x-amz-apigw-id'] } : {}),
      },
    };
  },
} satisfies Rule;
