// GetRestApi said NotFound: every request of the run will miss, whatever the routes say.
import type { FindingRule } from '../finding-rule.ts';
import { apiKeySource } from '../finding-source.ts';

export default {
  meta: { code: 'api-not-found', title: 'REST API not found', severity: 'error' },
  detect(ctx) {
    const { snapshot } = ctx;
    if (snapshot.api.status !== 'not-found') return null;
    const source = apiKeySource(ctx, 'restApiId');
    return {
      message:
        `REST API ${snapshot.restApiId} was not found in ${snapshot.region}: the API id is wrong, the region is wrong, or the credentials ` +
        `belong to another AWS account than the one that owns the API. List the APIs with ` +
        `\`aws apigateway get-rest-apis --region ${snapshot.region} --query "items[].[id,name]"\` and set rest-api-id and region to the API's.`,
      evidence: { restApiId: snapshot.restApiId, region: snapshot.region, ...(snapshot.api.error ? { controlPlane: snapshot.api.error } : {}) },
      ...(source ? { source } : {}),
    };
  },
} satisfies FindingRule;
