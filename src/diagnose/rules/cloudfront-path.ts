// A user's CloudFront distribution in front of the gateway forwards the whole request path and
// puts the origin path before it: a behavior's path pattern is never stripped, so `/api/*` with
// origin path `/prod` sends `/api/users` to the gateway as `/prod/api/users`. When the same
// request to the stage's direct execute-api URL (the one follow-up) passed, the path CloudFront
// sent is what failed. API Gateway's own edge distribution (an EDGE API) changes nothing and is
// told apart: it answers on the execute-api host or on a custom domain mapped to the API.
import { describeAnswer } from '../answer.ts';
import type { Evidence } from '../evidence.ts';
import type { Rule, RuleMatch } from '../rule.ts';

function pathOf(url: string): string | undefined {
  try {
    return new URL(url).pathname;
  } catch {
    return undefined;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export default {
  meta: {
    code: 'cloudfront-path',
    title: 'CloudFront forwards a path the stage does not serve',
    severity: 'error',
    scope: ['check'],
    tier: 'routing',
    priority: 27,
  },
  check(e: Evidence): RuleMatch | null {
    if (e.cloudFront?.distribution !== 'user' || !e.miss.noMatchOrForbidden || e.direct?.met !== true) return null;
    const requestPath = pathOf(e.check.url);
    if (requestPath === undefined) return null;
    const prefix = (pathOf(e.settings.baseUrl) ?? '').replace(/\/+$/, '');
    const { stage } = e.settings;
    const originPath = `/${stage}`;
    const gatewaySaw = `${originPath}${requestPath}`;
    const host = hostOf(e.settings.baseUrl);
    const served = e.request.path;
    const explanation =
      `${e.check.route.route} got ${describeAnswer(e.answer)} through the CloudFront distribution at ${host} (a distribution of your own: ` +
      `the answer carries CloudFront's Via/X-Amz-Cf-Id and the host is neither the execute-api host nor a custom domain mapped to ${e.settings.restApiId}), ` +
      `but the same request to the stage's direct URL (${e.direct.url}) passed. CloudFront forwards the whole request path and puts the origin path before it; ` +
      (prefix
        ? `a behavior's path pattern (here likely \`${prefix}/*\`) is not stripped, so with origin path ${originPath} the gateway saw ${gatewaySaw}: stage ${stage} was asked for ${requestPath}, and it serves ${served}.`
        : `with origin path ${originPath} the gateway saw ${gatewaySaw}; without an origin path it took the first segment of ${requestPath} as the stage.`);
    const fix = prefix
      ? `Make the path the gateway sees ${originPath}${served}: point the \`${prefix}/*\` behavior at a custom domain with a base-path mapping \`${prefix.slice(1)}\` → ${e.settings.restApiId}/${stage} ` +
        `(API Gateway strips a base path; no origin path then), or strip \`${prefix}\` in a CloudFront Function on viewer request, or create the API's resources under ${prefix} (so ${requestPath} exists on the stage).`
      : `Set the origin path of the behavior to ${originPath} so the gateway sees ${originPath}${served}.`;
    return {
      explanation,
      fix,
      evidence: {
        distribution: 'user',
        host,
        requestPath,
        ...(prefix ? { pathPattern: `${prefix}/*` } : {}),
        originPathAssumed: originPath,
        gatewaySaw,
        stageServes: served,
        direct: e.direct,
      },
    };
  },
} satisfies Rule;
