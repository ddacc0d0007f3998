// A method with apiKeyRequired answers a request without x-api-key with 403 Forbidden —
// the same body a WAF or a wrong stage gives, so this rule needs the method (or, blind, a
// route whose auth includes a key that was not sent).
import { describeAnswer, gatewayAnswer, routeLine } from '../answer.ts';
import { authorizerKeyPhrases, isForbidden, keyFromAuthorizer, methodName, needsApiKey } from '../predicates.ts';
import type { Rule, RuleMatch } from '../rule.ts';

export default {
  meta: {
    code: 'api-key-missing',
    title: 'API key required but none sent',
    severity: 'error',
    scope: ['check'],
    tier: 'auth',
    priority: 100,
  },
  check(e): RuleMatch | null {
    const { check, served } = e;
    if (check.sent.apiKey || !isForbidden(e)) return null;
    if (e.hasMethodTable ? !served?.method.apiKeyRequired : !needsApiKey(check.auth)) return null;

    if (keyFromAuthorizer(e)) {
      const { why, fix } = authorizerKeyPhrases(e);
      return {
        explanation: `${served ? `${methodName(served)} requires an API key` : `${check.route.route} needs an API key`}, and the gateway answered ${describeAnswer(e.answer)}. ${why}`,
        fix,
        evidence: {
          ...(served ? { method: methodName(served), apiKeyRequired: true } : {}),
          apiKeySource: 'AUTHORIZER',
          sentApiKey: false,
          answer: gatewayAnswer(e.answer),
        },
      };
    }
    const requires = served
      ? `${methodName(served)} requires an API key (apiKeyRequired)`
      : `${check.route.route} needs an API key (auth \`${check.auth}\`)`;
    const inputEmpty = needsApiKey(check.auth);
    const why = inputEmpty
      ? 'the `api-key` input is empty'
      : `the route's auth \`${check.auth}\` (from ${check.authFrom === 'manifest' ? 'the manifest' : 'the deployed method'}) includes no key`;
    const fix = inputEmpty
      ? "Pass a key that is in a usage plan bound to this stage: `api-key: ${{ secrets.SMOKE_API_KEY }}` under the step's `with:`."
      : `Set \`auth: ${check.auth === 'none' ? 'api-key' : `${check.auth}+api-key`}\` (or remove \`auth\`) at ${routeLine(check)}, and pass \`api-key: \${{ secrets.SMOKE_API_KEY }}\`.`;
    return {
      explanation: `${requires}, and the request carried no x-api-key header because ${why}; the gateway answered ${describeAnswer(e.answer)}.`,
      fix,
      evidence: {
        ...(served ? { method: methodName(served), apiKeyRequired: true } : {}),
        auth: check.auth,
        authFrom: check.authFrom,
        sentApiKey: false,
        answer: gatewayAnswer(e.answer),
      },
    };
  },
} satisfies Rule;
