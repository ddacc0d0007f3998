// A PRIVATE API answers only through an interface VPC endpoint. From a GitHub-hosted runner
// every request fails (403 Forbidden or no answer at all). A runner inside the VPC reaches
// it — and then the requests got real answers, which this finding takes as proof enough.
import type { ProbeResult } from '../../types.ts';
import { apiKeySource } from '../finding-source.ts';
import type { FindingRule } from '../finding-rule.ts';
import { vpcEndpointUrl } from '../rules/private-api.ts';

/** The request reached the API: any answer except the Forbidden a private API gives outside its VPC endpoint. */
const reachedApi = (p: ProbeResult) => p.status !== undefined && p.classification.errorType !== 'ForbiddenException';

export default {
  meta: { code: 'private-api', title: 'The API is PRIVATE', severity: 'error' },
  detect(ctx) {
    const { snapshot, settings } = ctx;
    if (!snapshot.api.endpointTypes?.includes('PRIVATE')) return null;
    if (ctx.probes.some(reachedApi)) return null;
    const vpceUrl = vpcEndpointUrl(settings);
    const source = apiKeySource(ctx, 'restApiId');
    const answered = ctx.probes.filter((p) => p.status !== undefined).length;
    return {
      message:
        `REST API ${settings.restApiId} is PRIVATE: it answers only through an interface VPC endpoint, not from a public runner ` +
        `(${answered === 0 ? 'no request got an answer' : `${answered} of ${ctx.probes.length} requests got 403 Forbidden`}). ` +
        `Run this job on a self-hosted runner inside the VPC (with private DNS on the execute-api endpoint), or set \`base-url\` to the VPC endpoint URL \`${vpceUrl}\`.`,
      evidence: { endpointTypes: snapshot.api.endpointTypes, baseUrl: settings.baseUrl, requests: ctx.probes.length, answered },
      ...(source ? { source } : {}),
    };
  },
} satisfies FindingRule;
