// The deploy step said which deployment it made (expected-deployment-id); the stage serves another.
import { apiKeySource } from '../predicates.ts';
import type { Rule } from '../rule.ts';

export default {
  meta: {
    code: 'deployment-mismatch',
    title: 'Stage is not on the expected deployment',
    severity: 'error',
    scope: ['stage'],
    tier: 'routing',
    priority: 100,
    findingGroup: 'deployment',
  },
  stage(run) {
    const { snapshot, settings } = run;
    const expected = settings.expectedDeploymentId;
    const current = snapshot.stageInfo.deploymentId;
    if (!expected || !current || current === expected) return null;
    const latest = snapshot.latestDeployment;
    const latestNote = !latest
      ? ''
      : latest.id === expected
        ? ` ${expected} is the newest deployment: the stage was not moved to it.`
        : latest.id === current
          ? ` The stage is on the newest deployment; ${expected} is not it — check which id the deploy step passes.`
          : ` The newest deployment is ${latest.id}.`;
    const wait = settings.waitForDeploymentSeconds > 0 ? '' : ' If the stage update is still in progress, set wait-for-deployment.';
    const source = apiKeySource(run, 'stage');
    return {
      message:
        `Stage ${snapshot.stage} serves deployment ${current}, not ${expected} (expected-deployment-id).${latestNote} ` +
        `Move the stage with \`aws apigateway update-stage --rest-api-id ${snapshot.restApiId} --stage-name ${snapshot.stage} --region ${snapshot.region} ` +
        `--patch-operations op=replace,path=/deploymentId,value=${expected}\`.${wait}`,
      evidence: {
        stage: snapshot.stage,
        stageDeploymentId: current,
        expectedDeploymentId: expected,
        latestDeploymentId: latest?.id ?? null,
      },
      ...(source ? { source } : {}),
    };
  },
} satisfies Rule;
