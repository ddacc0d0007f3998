// A PRIVATE API answers only through an interface VPC endpoint: from a public runner every
// request gets 403 Forbidden, whatever the route. The control plane's endpoint type says so.
import { describeAnswer, gatewayAnswer } from '../answer.ts';
import type { Rule, RuleMatch } from '../rule.ts';
import { isForbidden } from './api-key-missing.ts';

/** The invoke URL through an interface VPC endpoint, with the endpoint id left to fill in. */
export function vpcEndpointUrl(s: { restApiId: string; region: string; stage: string }): string {
  return `https://${s.restApiId}-<vpce-id>.execute-api.${s.region}.vpce.amazonaws.com/${s.stage}`;
}

export default {
  meta: {
    code: 'private-api',
    title: 'The API is PRIVATE: not reachable from this runner',
    severity: 'error',
    category: 'auth',
  },
  match(ctx): RuleMatch | null {
    const { check, snapshot, settings } = ctx;
    if (ctx.expectationMet || !isForbidden(ctx) || !snapshot.api.endpointTypes?.includes('PRIVATE')) return null;
    const vpceUrl = vpcEndpointUrl(settings);
    return {
      explanation:
        `REST API ${settings.restApiId} has endpoint type PRIVATE, so it answers only requests that come through an interface VPC endpoint; ` +
        `this one came from outside and got ${describeAnswer(check)}.`,
      fix: `Run the job on a self-hosted runner inside the VPC (private DNS enabled on the execute-api endpoint), or set \`base-url\` to ${vpceUrl}.`,
      evidence: { endpointTypes: snapshot.api.endpointTypes, baseUrl: settings.baseUrl, answer: gatewayAnswer(check) },
    };
  },
} satisfies Rule;
