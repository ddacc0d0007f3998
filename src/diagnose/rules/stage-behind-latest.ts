// The stage does not serve the newest deployment: a later deploy did not reach it (or was
// made for another stage). Its severity is the deployment-check input's; `off` silences it.
import { apiKeySource, redeployCommand } from '../predicates.ts';
import type { Rule } from '../rule.ts';

export default {
  meta: {
    code: 'stage-behind-latest',
    title: 'Stage is not on the newest deployment',
    severity: 'warning',
    scope: ['stage'],
    tier: 'routing',
    priority: 110,
    findingGroup: 'deployment',
  },
  stage(run) {
    const { snapshot, settings } = run;
    if (settings.deploymentCheck === 'off') return null;
    const current = snapshot.stageInfo.deploymentId;
    const latest = snapshot.latestDeployment;
    if (!current || !latest || current === latest.id) return null;
    const latestDate = latest.createdDate ? ` (created ${latest.createdDate})` : '';
    const source = apiKeySource(run, 'stage');
    return {
      severity: settings.deploymentCheck,
      message:
        `Stage ${snapshot.stage} serves deployment ${current}, an older one than the newest deployment ${latest.id}${latestDate}: ` +
        `routes added since are not live on it. Point the stage at the newest deployment with ` +
        `\`aws apigateway update-stage --rest-api-id ${snapshot.restApiId} --stage-name ${snapshot.stage} --region ${snapshot.region} ` +
        `--patch-operations op=replace,path=/deploymentId,value=${latest.id}\`, or deploy the current definition: \`${redeployCommand(snapshot)}\`.`,
      evidence: {
        stage: snapshot.stage,
        stageDeploymentId: current,
        latestDeploymentId: latest.id,
        ...(latest.createdDate ? { latestDeploymentDate: latest.createdDate } : {}),
      },
      ...(source ? { source } : {}),
    };
  },
} satisfies Rule;
