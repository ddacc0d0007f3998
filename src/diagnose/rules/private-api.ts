// A PRIVATE API answers only through an interface VPC endpoint: from a public runner every
// request gets 403 Forbidden (or no answer at all), whatever the route. The control plane's
// endpoint type says so. A runner inside the VPC reaches it — and then the requests got real
// answers, which the run-wide finding takes as proof enough.
import { GatewayError } from '../../gateway-errors.ts';
import { describeAnswer, gatewayAnswer } from '../answer.ts';
import type { Evidence } from '../evidence.ts';
import { apiKeySource, isForbidden, vpcEndpointUrl } from '../predicates.ts';
import type { Rule, RuleMatch } from '../rule.ts';

/** The request reached the API: any answer except the Forbidden a private API gives outside its VPC endpoint. */
const reachedApi = (e: Evidence) => e.status !== undefined && e.classification.errorType !== GatewayError.Forbidden;

export default {
  meta: {
    code: 'private-api',
    title: 'The API is PRIVATE: not reachable from this runner',
    severity: 'error',
    scope: ['check', 'stage'],
    tier: 'auth',
    priority: 10,
    findingGroup: 'run-wide',
  },
  check(e): RuleMatch | null {
    const { snapshot, settings } = e;
    if (!isForbidden(e) || !snapshot.api.endpointTypes?.includes('PRIVATE')) return null;
    const vpceUrl = vpcEndpointUrl(settings);
    return {
      explanation:
        `REST API ${settings.restApiId} has endpoint type PRIVATE, so it answers only requests that come through an interface VPC endpoint; ` +
        `this one came from outside and got ${describeAnswer(e.answer)}.`,
      fix: `Run the job on a self-hosted runner inside the VPC (private DNS enabled on the execute-api endpoint), or set \`base-url\` to ${vpceUrl}.`,
      evidence: { endpointTypes: snapshot.api.endpointTypes, baseUrl: settings.baseUrl, answer: gatewayAnswer(e.answer) },
    };
  },
  stage(run) {
    const { snapshot, settings } = run;
    if (!snapshot.api.endpointTypes?.includes('PRIVATE')) return null;
    if (run.checks.some(reachedApi)) return null;
    const vpceUrl = vpcEndpointUrl(settings);
    const source = apiKeySource(run, 'restApiId');
    const answered = run.checks.filter((e) => e.status !== undefined).length;
    return {
      message:
        `REST API ${settings.restApiId} is PRIVATE: it answers only through an interface VPC endpoint, not from a public runner ` +
        `(${answered === 0 ? 'no request got an answer' : `${answered} of ${run.checks.length} requests got 403 Forbidden`}). ` +
        `Run this job on a self-hosted runner inside the VPC (with private DNS on the execute-api endpoint), or set \`base-url\` to the VPC endpoint URL \`${vpceUrl}\`.`,
      evidence: { endpointTypes: snapshot.api.endpointTypes, baseUrl: settings.baseUrl, requests: run.checks.length, answered },
      ...(source ? { source } : {}),
    };
  },
} satisfies Rule;
