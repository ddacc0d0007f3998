// 429 after every retry: a rate limit (TooManyRequests) or a usage-plan quota
// (LimitExceeded). Says how many attempts were made and what Retry-After asked for.
import { GatewayError, THROTTLING_ERROR_TYPES } from '../../gateway-errors.ts';
import { describeAnswer, gatewayAnswer } from '../answer.ts';
import { answerHeader } from '../predicates.ts';
import type { Rule, RuleMatch } from '../rule.ts';

export default {
  meta: {
    code: 'throttled',
    title: 'Throttled',
    severity: 'error',
    scope: ['check'],
    tier: 'other',
    priority: 20,
  },
  check(e): RuleMatch | null {
    const { errorType } = e.classification;
    if (!(e.status === 429 || (errorType !== undefined && THROTTLING_ERROR_TYPES.has(errorType)))) return null;
    const attempts = e.check.attempts.length;
    const retryAfter = answerHeader(e, 'retry-after');
    const quota = errorType === GatewayError.LimitExceeded;
    const after = retryAfter ? ` (Retry-After: ${retryAfter})` : '';
    return {
      explanation: quota
        ? `The usage plan's quota for the API key is used up: ${describeAnswer(e.answer)} after ${attempts} attempt(s)${after}; it resets at the start of the plan's period.`
        : `The request was still throttled after ${attempts} attempt(s): ${describeAnswer(e.answer)}${after}. The stage, method or usage-plan rate limit was exceeded.`,
      fix: quota
        ? 'Raise the usage plan quota for the smoke-test key, or give the smoke tests a key in their own usage plan (`aws apigateway get-usage --usage-plan-id <plan-id> --key-id <key-id> --start-date … --end-date …` shows what was used).'
        : "Lower `concurrency` or raise `retries`; or raise the throttling rate/burst of the stage, method or the key's usage plan.",
      evidence: {
        attempts,
        ...(retryAfter ? { retryAfter } : {}),
        answer: gatewayAnswer(e.answer),
      },
    };
  },
} satisfies Rule;
