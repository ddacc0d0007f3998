// A stage with a canary serves `percentTraffic` % of its requests from another deployment. A
// route that one of the two deployments lacks answers only for the share the other one serves:
// a Missing Authentication Token here, a pass there, a "flaky" pass after a retry — none of
// them a fault of the route or the backend. Per check: which deployment could have answered
// (routing tier, so it comes before route-not-deployed and flaky). For the run: the canary, and
// the declared routes that only one of the deployments serves.
import type { CanaryFacts, Evidence } from '../evidence.ts';
import { routeLine } from '../answer.ts';
import { shellQuote } from '../../shell.ts';
import type { Rule, RuleMatch } from '../rule.ts';

/** The share of requests that goes to the deployment lacking the route. */
function missingShare(c: CanaryFacts): number {
  return c.inStable ? c.percentTraffic : 100 - c.percentTraffic;
}

function split(c: CanaryFacts): string {
  return `${c.percentTraffic}% of its requests are served by the canary's deployment ${c.canaryDeploymentId}, the other ${100 - c.percentTraffic}% by the stage's deployment ${c.stableDeploymentId}`;
}

function whoServes(c: CanaryFacts): string {
  return c.inCanary
    ? `only the canary's deployment ${c.canaryDeploymentId} serves it`
    : `only the stage's deployment ${c.stableDeploymentId} serves it; the canary's ${c.canaryDeploymentId} lacks it`;
}

function fixFor(c: CanaryFacts, e: Pick<Evidence, 'settings'>): string {
  const { restApiId, stage, region } = e.settings;
  const base = `aws apigateway update-stage --rest-api-id ${shellQuote(restApiId)} --stage-name ${shellQuote(stage)} --region ${shellQuote(region)}`;
  return c.inCanary
    ? `Promote the canary once it is healthy (\`${base} --patch-operations op=copy,from=/canarySettings/deploymentId,path=/deploymentId op=remove,path=/canarySettings\`), ` +
        'or send the canary 100% of the traffic; until then the stable share of callers gets Missing Authentication Token.'
    : `The canary's release lacks the route: redeploy the canary with it (\`aws apigateway create-deployment … --canary-settings …\`) or remove the canary (\`${base} --patch-operations op=remove,path=/canarySettings\`).`;
}

const onlyOneServes = (e: Evidence): e is Evidence & { canary: CanaryFacts } =>
  e.canary !== undefined && e.canary.inStable !== e.canary.inCanary;

export default {
  meta: {
    code: 'canary-active',
    title: 'A canary serves part of the stage from another deployment',
    severity: 'warning',
    scope: ['check', 'stage'],
    tier: 'routing',
    priority: 35,
    onPassing: true,
    findingGroup: 'deployment',
  },
  check(e): RuleMatch | null {
    if (!onlyOneServes(e)) return null;
    const c = e.canary;
    const evidence = { ...c, missingShare: missingShare(c) };
    if (e.expectationMet) {
      // the deployment that lacks the route serves no request (a 0% or 100% canary): no caller misses it
      if (missingShare(c) === 0) return null;
      return {
        explanation:
          `${routeLine(e.check)} passed, but stage ${e.settings.stage} has a canary: ${split(c)}, and ${whoServes(c)}. ` +
          `About ${missingShare(c)}% of callers get Missing Authentication Token on it` +
          (e.check.attempts.length > 1 ? ' (the failed attempts before the pass were such requests, not a flaky backend).' : '.'),
        fix: fixFor(c, e),
        severity: 'warning',
        evidence,
      };
    }
    if (!e.miss.noMatch) return null;
    const answeredBy = c.inCanary ? `the stage's deployment ${c.stableDeploymentId}` : `the canary's deployment ${c.canaryDeploymentId}`;
    return {
      explanation:
        `Stage ${e.settings.stage} has a canary: ${split(c)}. ${whoServes(c)}, so this request was served by ${answeredBy}, ` +
        `which has no such route, and the gateway answered ${e.miss.phrase}. About ${missingShare(c)}% of requests get this answer` +
        (c.inCanary && c.percentTraffic === 0 ? ' — all of them: the canary serves 0% of the traffic.' : '.'),
      fix: fixFor(c, e),
      severity: 'error',
      evidence,
    };
  },
  stage(run) {
    const canary = run.snapshot.stageInfo.canary;
    if (!canary) return null;
    const { stage } = run.settings;
    const stable = run.snapshot.stageInfo.deploymentId ?? 'unknown';
    const lacking = run.checks.filter(onlyOneServes);
    const canaryOnly = lacking.filter((e) => e.canary.inCanary).map((e) => e.check.route.route);
    const stableOnly = lacking.filter((e) => e.canary.inStable).map((e) => e.check.route.route);
    const read = run.snapshot.canaryDeployed !== undefined;
    const routes = !read
      ? " The canary's deployment could not be read, so which routes it serves is unknown."
      : lacking.length === 0
        ? ' Both deployments serve every declared route.'
        : `${canaryOnly.length > 0 ? ` Only the canary serves: ${canaryOnly.join(', ')}.` : ''}${stableOnly.length > 0 ? ` The canary lacks: ${stableOnly.join(', ')}.` : ''}`;
    return {
      message:
        `Stage ${stage} has a canary: ${canary.percentTraffic}% of its requests are served by deployment ${canary.deploymentId} instead of ${stable}, ` +
        `so a check proves what one of the two deployments answered.${routes}`,
      evidence: {
        canaryDeploymentId: canary.deploymentId,
        stableDeploymentId: stable,
        percentTraffic: canary.percentTraffic,
        canaryRead: read,
        canaryOnly,
        stableOnly,
      },
    };
  },
} satisfies Rule;
