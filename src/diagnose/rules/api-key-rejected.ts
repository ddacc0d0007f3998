// A key was sent to a method that requires one, and the gateway still said Forbidden: API
// Gateway accepts a key only when it is enabled and in a usage plan that lists this API and
// stage. The key itself never appears; the fix says how to check its plans.
import { describeAnswer, gatewayAnswer } from '../answer.ts';
import { authorizerKeyPhrases, isForbidden, keyFromAuthorizer, methodName } from '../predicates.ts';
import type { Rule, RuleMatch } from '../rule.ts';

export default {
  meta: { code: 'api-key-rejected', title: 'API key refused', severity: 'error', scope: ['check'], tier: 'auth', priority: 110 },
  check(e): RuleMatch | null {
    const { served } = e;
    if (!e.check.sent.apiKey || !isForbidden(e)) return null;
    // A method without apiKeyRequired ignores x-api-key: its Forbidden has another cause.
    if (e.hasMethodTable && !served?.method.apiKeyRequired) return null;

    if (keyFromAuthorizer(e)) {
      const { why, fix } = authorizerKeyPhrases(e);
      return {
        explanation: `${served ? `${methodName(served)} requires an API key; ` : ''}the request sent one in x-api-key and the gateway answered ${describeAnswer(e.answer)}. ${why}`,
        fix,
        evidence: {
          ...(served ? { method: methodName(served), apiKeyRequired: true } : {}),
          apiKeySource: 'AUTHORIZER',
          sentApiKey: true,
          answer: gatewayAnswer(e.answer),
        },
      };
    }
    const { restApiId, stage } = e.settings;
    const apiStage = `${restApiId}:${stage}`;
    return {
      explanation:
        `${served ? `${methodName(served)} requires an API key; ` : ''}the request sent one in x-api-key and the gateway answered ${describeAnswer(e.answer)}. ` +
        `A key is accepted only when it is enabled and belongs to a usage plan that includes ${apiStage}; otherwise the value is wrong (e.g. the key's id instead of its value, or a key of another account or region).`,
      fix:
        `List the key's usage plans with \`aws apigateway get-usage-plans --key-id <key-id>\`; add the stage with ` +
        `\`aws apigateway update-usage-plan --usage-plan-id <plan-id> --patch-operations op=add,path=/apiStages,value=${apiStage}\`, ` +
        'or the key to a plan with `aws apigateway create-usage-plan-key --usage-plan-id <plan-id> --key-id <key-id> --key-type API_KEY`; ' +
        'check that it is enabled and that the `api-key` secret holds the key value.',
      evidence: {
        ...(served ? { method: methodName(served), apiKeyRequired: true } : {}),
        sentApiKey: true,
        apiStage,
        answer: gatewayAnswer(e.answer),
      },
    };
  },
} satisfies Rule;
