// A method with apiKeyRequired answers a request without x-api-key with 403 Forbidden —
// the same body a WAF or a wrong stage gives, so this rule needs the method (or, blind, a
// route whose auth includes a key that was not sent).
import { describeAnswer, gatewayAnswer, routeLine } from '../answer.ts';
import type { Rule, RuleContext, RuleMatch } from '../rule.ts';
import { hasMethodTable, methodName, needsApiKey, servedMethod } from '../served.ts';

/** 403 Forbidden from the gateway (header or body), or a bare 403 whose sender is unknown. */
export function isForbidden(ctx: RuleContext): boolean {
  const { errorType } = ctx.check.classification;
  return errorType === 'ForbiddenException' || (errorType === undefined && ctx.check.status === 403);
}

export default {
  meta: {
    code: 'api-key-missing',
    title: 'API key required but none sent',
    severity: 'error',
    category: 'auth',
  },
  match(ctx): RuleMatch | null {
    const { check } = ctx;
    if (ctx.expectationMet || check.sent.apiKey || !isForbidden(ctx)) return null;
    const served = servedMethod(ctx);
    if (hasMethodTable(ctx) ? !served?.method.apiKeyRequired : !needsApiKey(check.auth)) return null;

    const requires = served ? `${methodName(served)} requires an API key (apiKeyRequired)` : `${check.route.route} needs an API key (auth \`${check.auth}\`)`;
    const inputEmpty = needsApiKey(check.auth);
    const why = inputEmpty
      ? 'the `api-key` input is empty'
      : `the route's auth \`${check.auth}\` (from ${check.authFrom === 'manifest' ? 'the manifest' : 'the deployed method'}) includes no key`;
    const fix = inputEmpty
      ? 'Pass a key that is in a usage plan bound to this stage: `api-key: ${{ secrets.SMOKE_API_KEY }}` under the step\'s `with:`.'
      : `Set \`auth: ${check.auth === 'none' ? 'api-key' : `${check.auth}+api-key`}\` (or remove \`auth\`) at ${routeLine(check)}, and pass \`api-key: \${{ secrets.SMOKE_API_KEY }}\`.`;
    return {
      explanation: `${requires}, and the request carried no x-api-key header because ${why}; the gateway answered ${describeAnswer(check)}.`,
      fix,
      evidence: {
        ...(served ? { method: methodName(served), apiKeyRequired: true } : {}),
        auth: check.auth,
        authFrom: check.authFrom,
        sentApiKey: false,
        answer: gatewayAnswer(check),
      },
    };
  },
} satisfies Rule;
