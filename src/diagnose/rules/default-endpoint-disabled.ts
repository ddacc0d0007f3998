// `disableExecuteApiEndpoint` turns the API's default endpoint off: every request to
// `<id>.execute-api.<region>.amazonaws.com` gets 403 Forbidden before any routing, whatever the
// route, the stage or the credentials. Only the custom domains mapped to the API still serve it.
// GetRestApi says so, so the cause is certain when base-url is on the execute-api host. The flag
// takes effect at the next update of a stage (a deployment included): a run that still got real
// answers is warned that the next deploy will turn them into Forbidden.
import { GatewayError } from '../../gateway-errors.ts';
import { describeAnswer, gatewayAnswer } from '../answer.ts';
import { apiKeySource, isForbidden } from '../predicates.ts';
import { parseExecuteApiUrl } from '../paths.ts';
import type { DiagnoseSettings, Evidence } from '../evidence.ts';
import type { Rule, RuleMatch } from '../rule.ts';
import type { Snapshot } from '../../types.ts';

/** base-url is the API's own execute-api host and GetRestApi says that endpoint is off. */
function defaultEndpointOff(snapshot: Snapshot, settings: DiagnoseSettings): boolean {
  const url = parseExecuteApiUrl(settings.baseUrl);
  return snapshot.api.disableExecuteApiEndpoint === true && url !== undefined && url.apiId === settings.restApiId.toLowerCase();
}

/** Through a user's CloudFront distribution, and the direct request to the disabled execute-api host was refused too. */
function originOff(e: Evidence): boolean {
  return (
    e.snapshot.api.disableExecuteApiEndpoint === true &&
    e.cloudFront?.distribution === 'user' &&
    e.direct !== undefined &&
    e.direct.errorType === GatewayError.Forbidden
  );
}

/** How to find the custom domains that still serve the stage (a per-account listing: not read by the action). */
function domainsHint(settings: DiagnoseSettings): string {
  return (
    `Call it through its custom domain: set \`base-url\` to \`https://<domain>/<base path>\` (list the domains with ` +
    `\`aws apigateway get-domain-names --region ${settings.region}\` and each one's mappings with ` +
    `\`aws apigateway get-base-path-mappings --domain-name <domain>\` to find the one mapped to ${settings.restApiId}/${settings.stage}), ` +
    `or turn the default endpoint back on (\`aws apigateway update-rest-api --rest-api-id ${settings.restApiId} --patch-operations op=replace,path=/disableExecuteApiEndpoint,value=false\`, then redeploy).`
  );
}

export default {
  meta: {
    code: 'default-endpoint-disabled',
    title: 'The default execute-api endpoint is disabled',
    severity: 'error',
    scope: ['check', 'stage'],
    tier: 'routing',
    priority: 7,
    findingGroup: 'run-wide',
  },
  check(e): RuleMatch | null {
    const { snapshot, settings } = e;
    if (!isForbidden(e)) return null;
    if (originOff(e)) {
      return {
        explanation:
          `${e.check.route.route} got ${describeAnswer(e.answer)} through a CloudFront distribution of your own, and the same request to the stage's execute-api URL ` +
          `(${e.direct?.url ?? 'the direct URL'}) got 403 Forbidden too: REST API ${settings.restApiId} has its default endpoint disabled (disableExecuteApiEndpoint), ` +
          'so a distribution whose origin is the execute-api host is refused before any route is looked at.',
        fix: `Point the distribution's origin at a custom domain mapped to ${settings.restApiId}/${settings.stage} (its Host is then the domain's, with no origin path for the stage). ${domainsHint(settings)}`,
        evidence: {
          disableExecuteApiEndpoint: true,
          baseUrl: settings.baseUrl,
          distribution: 'user',
          direct: e.direct,
          answer: gatewayAnswer(e.answer),
        },
      };
    }
    if (!defaultEndpointOff(snapshot, settings)) return null;
    return {
      explanation:
        `REST API ${settings.restApiId} has its default endpoint disabled (disableExecuteApiEndpoint is true), so its execute-api host ` +
        `answers 403 Forbidden to every request before any route, stage or credential is looked at; this one got ${describeAnswer(e.answer)}.`,
      fix: domainsHint(settings),
      evidence: { disableExecuteApiEndpoint: true, baseUrl: settings.baseUrl, answer: gatewayAnswer(e.answer) },
    };
  },
  stage(run) {
    const { snapshot, settings } = run;
    if (!defaultEndpointOff(snapshot, settings)) return null;
    const forbidden = run.checks.filter(isForbidden).length;
    const answered = run.checks.filter((e) => e.status !== undefined).length;
    const source = apiKeySource(run, 'restApiId');
    if (forbidden === 0 && answered > 0) {
      // Saved but not in effect yet: AWS applies it at the next update of a stage.
      return {
        severity: 'warning',
        message:
          `REST API ${settings.restApiId} has disableExecuteApiEndpoint set, but its execute-api host still answered (${answered} of ${run.checks.length} requests): ` +
          'the setting takes effect at the next update of a stage (a deployment included), and from then on every request to `base-url` gets 403 Forbidden. ' +
          domainsHint(settings),
        evidence: { disableExecuteApiEndpoint: true, baseUrl: settings.baseUrl, requests: run.checks.length, forbidden, inEffect: false },
        ...(source ? { source } : {}),
      };
    }
    return {
      message:
        `REST API ${settings.restApiId} has its default endpoint disabled (disableExecuteApiEndpoint): its execute-api host answers 403 Forbidden to everything ` +
        `(${forbidden} of ${run.checks.length} requests). ${domainsHint(settings)}`,
      evidence: { disableExecuteApiEndpoint: true, baseUrl: settings.baseUrl, requests: run.checks.length, forbidden, inEffect: true },
      ...(source ? { source } : {}),
    };
  },
} satisfies Rule;
