// The route is in the API's current definition but not in the deployment the stage serves:
// someone changed the API and did not deploy it (or deployed to another stage).
import type { Rule } from '../rule.ts';
import { answeredNoMatch, missAnswer, reachedStage, redeployCommand, requestPath, requestVerb } from '../gateway-miss.ts';
import { servedBy } from '../../routing.ts';

export default {
  meta: { code: 'route-not-deployed', title: 'Route not deployed to the stage', severity: 'error', category: 'routing' },
  match(ctx) {
    const { check, snapshot } = ctx;
    if (!answeredNoMatch(check) || !snapshot.deployed || !snapshot.defined || !reachedStage(ctx)) return null;
    const verb = requestVerb(check);
    const path = requestPath(check);
    if (servedBy(snapshot.deployed, verb, path)) return null;
    const inDefinition = servedBy(snapshot.defined, verb, path);
    if (!inDefinition) return null;

    const definedAs = `${inDefinition.verb} ${inDefinition.resourcePath}`;
    const stageDeployment = snapshot.stageInfo.deploymentId;
    const latest = snapshot.latestDeployment;
    const served = stageDeployment ? `deployment ${stageDeployment}` : 'its deployment';
    const newest = !latest
      ? ''
      : latest.id === stageDeployment
        ? ` That is the newest deployment${dated(latest.createdDate)}: the route was added to the definition after it, so no deployment has it yet.`
        : ` The newest deployment is ${latest.id}${dated(latest.createdDate)}.`;
    return {
      explanation:
        `${verb} ${path} is in the API's current definition${definedAs === `${verb} ${path}` ? '' : ` (${definedAs})`} but not in ${served}, which stage ${snapshot.stage} serves, ` +
        `so the gateway found no method and answered ${missAnswer(check)}.${newest}`,
      fix: `Deploy the current definition to the stage: \`${redeployCommand(snapshot)}\` (or run your IaC's deploy for stage ${snapshot.stage}).`,
      evidence: {
        route: `${verb} ${path}`,
        definedAs,
        stage: snapshot.stage,
        stageDeploymentId: stageDeployment ?? null,
        latestDeploymentId: latest?.id ?? null,
        ...(latest?.createdDate ? { latestDeploymentDate: latest.createdDate } : {}),
      },
    };
  },
} satisfies Rule;

function dated(date: string | undefined): string {
  return date ? ` (created ${date})` : '';
}
