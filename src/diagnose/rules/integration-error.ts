// 502 "Internal server error" / 504 "Endpoint request timed out": the gateway matched the
// route and authorized the caller, then the integration failed. Not a routing problem — the
// request id leads to the stage's execution log entry.
import { GatewayError } from '../../gateway-errors.ts';
import { requestIdOf, shellCommand } from '../../shell.ts';
import { describeAnswer, gatewayAnswer } from '../answer.ts';
import type { Evidence } from '../evidence.ts';
import { answerHeader } from '../predicates.ts';
import type { Rule, RuleMatch } from '../rule.ts';

const INTEGRATION_ERROR_TYPE = GatewayError.InternalServerError;

function kindOf(e: Evidence): 'timeout' | 'failure' | undefined {
  const { status, classification } = e;
  const message = classification.message ?? '';
  // Any other error type (an authorizer's configuration error says "Internal server error" too) is something else.
  if (classification.errorType !== undefined && classification.errorType !== INTEGRATION_ERROR_TYPE) return undefined;
  const known =
    classification.errorType === INTEGRATION_ERROR_TYPE || /^(Internal server error|Endpoint request timed out)$/.test(message.trim());
  // A bare 502/504 is a failed backend too (a proxy in front of it, a stripped header).
  if (!known && status !== 502 && status !== 504) return undefined;
  return status === 504 || /timed out/i.test(message) ? 'timeout' : 'failure';
}

export default {
  meta: {
    code: 'integration-error',
    title: 'The route matched; its backend failed',
    severity: 'error',
    scope: ['check'],
    tier: 'other',
    priority: 10,
  },
  check(e): RuleMatch | null {
    const { check } = e;
    const kind = kindOf(e);
    if (!kind) return null;
    const { restApiId, stage } = e.settings;
    // Pasted into a shell: every word quoted, and a request id only when it is one.
    const requestId = e.answer.kind === 'answered' ? requestIdOf(e.answer.headers) : undefined;
    const logs = shellCommand([
      ...['aws', 'logs', 'filter-log-events', '--log-group-name', `API-Gateway-Execution-Logs_${restApiId}/${stage}`],
      ...(requestId ? ['--filter-pattern', `"${requestId}"`] : []),
    ]);
    const apigwId = answerHeader(e, 'x-amz-apigw-id');
    const backend =
      kind === 'timeout'
        ? 'the backend did not answer within the integration timeout (29 s by default)'
        : 'the integration failed (a Lambda error or a malformed proxy response, an unreachable HTTP backend, or a mapping error)';
    return {
      explanation: `The gateway matched ${check.route.route} and authorized the request, but ${backend}: it answered ${describeAnswer(e.answer)}. This is the backend, not routing or authentication.`,
      fix:
        `Look the request up in the stage's execution logs (enable them on the stage if needed): \`${logs}\`; ` +
        (kind === 'timeout'
          ? 'then speed up the backend or raise the integration timeout.'
          : "for a Lambda proxy integration, check the function's own logs and that it returns {statusCode, headers, body}."),
      evidence: {
        kind,
        ...gatewayAnswer(e.answer),
        ...(apigwId ? { apigwId } : {}),
      },
    };
  },
} satisfies Rule;
