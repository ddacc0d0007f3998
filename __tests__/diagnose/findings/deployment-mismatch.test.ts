import finding from '../../../src/diagnose/rules/deployment-mismatch.ts';
import { blindSnapshot, snapshot } from '../fixtures.ts';
import { findingContext, findingTester } from './finding-tester.ts';

const onDep111 = (latest = 'dep222') =>
  snapshot({ stageInfo: { status: 'ok', deploymentId: 'dep111', existingStages: ['prod'] }, latestDeployment: { id: latest } });

findingTester(finding, {
  valid: [
    { name: 'no expected-deployment-id', ctx: findingContext({ snapshot: onDep111() }) },
    {
      name: 'the stage is on the expected deployment',
      ctx: findingContext({ snapshot: onDep111(), settings: { expectedDeploymentId: 'dep111' } }),
    },
    {
      name: "control plane blind: the stage's deployment is unknown",
      ctx: findingContext({ snapshot: blindSnapshot(), settings: { expectedDeploymentId: 'dep333' } }),
    },
  ],
  invalid: [
    {
      name: 'the deploy made the newest deployment, the stage was not moved',
      ctx: findingContext({ snapshot: onDep111(), settings: { expectedDeploymentId: 'dep222' } }),
      says: [
        'Stage prod serves deployment dep111, not dep222',
        'dep222 is the newest deployment',
        'update-stage',
        'value=dep222',
        'wait-for-deployment',
      ],
      evidence: { stage: 'prod', stageDeploymentId: 'dep111', expectedDeploymentId: 'dep222', latestDeploymentId: 'dep222' },
      severity: 'error',
      source: { file: '.github/apigw-routes.yml', line: 4, column: 10 },
    },
    {
      name: 'the stage is on the newest: the expected id is not it',
      ctx: findingContext({ snapshot: onDep111('dep111'), settings: { expectedDeploymentId: 'dep333' } }),
      says: ['The stage is on the newest deployment; dep333 is not it'],
    },
    {
      name: 'neither is the newest',
      ctx: findingContext({ snapshot: onDep111('dep444'), settings: { expectedDeploymentId: 'dep333' } }),
      says: ['The newest deployment is dep444'],
    },
    {
      name: 'already waiting for the deployment: no advice to wait',
      ctx: findingContext({ snapshot: onDep111(), settings: { expectedDeploymentId: 'dep222', waitForDeploymentSeconds: 60 } }),
      doesNotSay: ['wait-for-deployment'],
    },
  ],
});
