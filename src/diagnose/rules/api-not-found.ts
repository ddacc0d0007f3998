// The API id the action was given does not exist where it looked: the gateway has nothing
// to route to, so every request gets MAT (or Forbidden behind a custom domain).
import type { Rule } from '../rule.ts';
import { answeredMatOrForbidden } from '../gateway-miss.ts';
import { parseExecuteApiUrl } from '../paths.ts';

export default {
  meta: { code: 'api-not-found', title: 'REST API not found', severity: 'error', category: 'routing' },
  match(ctx) {
    const { snapshot, check } = ctx;
    if (snapshot.api.status !== 'not-found' || !answeredMatOrForbidden(check)) return null;
    const { restApiId, region } = snapshot;
    // The URL's host may name the API the requests really went to.
    const host = parseExecuteApiUrl(check.url);
    const urlNamesOther = host && (host.apiId !== restApiId.toLowerCase() || host.region !== region.toLowerCase());
    const hostNote = urlNamesOther ? ` The request URL names API ${host.apiId} in ${host.region}.` : '';
    return {
      explanation:
        `GetRestApi found no REST API ${restApiId} in ${region}, and the gateway answered ${check.classification.errorType}: ` +
        `either the API id is wrong or the region is — or the credentials belong to another AWS account than the one that owns the API.${hostNote}`,
      fix:
        `List the APIs the credentials can see with \`aws apigateway get-rest-apis --region ${region} --query "items[].[id,name]"\` ` +
        `(and in the region the API was deployed to), then set \`rest-api-id\` and \`region\` to the API's.`,
      evidence: {
        restApiId,
        region,
        ...(snapshot.api.error ? { controlPlane: snapshot.api.error } : {}),
        errorType: check.classification.errorType,
        ...(urlNamesOther ? { urlApiId: host.apiId, urlRegion: host.region } : {}),
      },
    };
  },
} satisfies Rule;
