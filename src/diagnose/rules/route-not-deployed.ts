// The route is in the API's current definition but not in the deployment the stage serves:
// someone changed the API and did not deploy it (or deployed to another stage).
import { redeployCommand } from '../predicates.ts';
import type { Rule } from '../rule.ts';

export default {
  meta: {
    code: 'route-not-deployed',
    title: 'Route not deployed to the stage',
    severity: 'error',
    scope: ['check'],
    tier: 'routing',
    priority: 40,
  },
  check(e) {
    const { snapshot } = e;
    if (!e.miss.noMatch || !e.reachedStage || e.deployed.state !== 'none' || e.defined.state !== 'served') return null;
    const { verb, path } = e.request;
    const inDefinition = e.defined.by;

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
        `so the gateway found no method and answered ${e.miss.phrase}.${newest}`,
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
