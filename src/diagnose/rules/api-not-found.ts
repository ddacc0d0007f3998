// The API id the action was given does not exist where it looked: the gateway has nothing
// to route to, so every request gets MAT (or Forbidden behind a custom domain). Reported
// once for the run, and on every check it explains.
import { parseExecuteApiUrl } from '../paths.ts';
import { apiKeySource } from '../predicates.ts';
import type { Rule } from '../rule.ts';

export default {
  meta: {
    code: 'api-not-found',
    title: 'REST API not found',
    severity: 'error',
    scope: ['check', 'stage'],
    tier: 'routing',
    priority: 10,
    findingGroup: 'run-wide',
  },
  check(e) {
    const { snapshot, check } = e;
    if (snapshot.api.status !== 'not-found' || !e.miss.noMatchOrForbidden) return null;
    const { restApiId, region } = snapshot;
    const { errorType } = e.classification;
    // The URL's host may name the API the requests really went to.
    const host = parseExecuteApiUrl(check.url);
    const urlNamesOther = host && (host.apiId !== restApiId.toLowerCase() || host.region !== region.toLowerCase());
    const hostNote = urlNamesOther ? ` The request URL names API ${host.apiId} in ${host.region}.` : '';
    return {
      explanation:
        `GetRestApi found no REST API ${restApiId} in ${region}, and the gateway answered ${errorType}: ` +
        `either the API id is wrong or the region is — or the credentials belong to another AWS account than the one that owns the API.${hostNote}`,
      fix:
        `List the APIs the credentials can see with \`aws apigateway get-rest-apis --region ${region} --query "items[].[id,name]"\` ` +
        `(and in the region the API was deployed to), then set \`rest-api-id\` and \`region\` to the API's.`,
      evidence: {
        restApiId,
        region,
        ...(snapshot.api.error ? { controlPlane: snapshot.api.error } : {}),
        errorType,
        ...(urlNamesOther ? { urlApiId: host.apiId, urlRegion: host.region } : {}),
      },
    };
  },
  stage(run) {
    const { snapshot } = run;
    if (snapshot.api.status !== 'not-found') return null;
    const source = apiKeySource(run, 'restApiId');
    return {
      message:
        `REST API ${snapshot.restApiId} was not found in ${snapshot.region}: the API id is wrong, the region is wrong, or the credentials ` +
        `belong to another AWS account than the one that owns the API. List the APIs with ` +
        `\`aws apigateway get-rest-apis --region ${snapshot.region} --query "items[].[id,name]"\` and set rest-api-id and region to the API's.`,
      evidence: {
        restApiId: snapshot.restApiId,
        region: snapshot.region,
        ...(snapshot.api.error ? { controlPlane: snapshot.api.error } : {}),
      },
      ...(source ? { source } : {}),
    };
  },
} satisfies Rule;
