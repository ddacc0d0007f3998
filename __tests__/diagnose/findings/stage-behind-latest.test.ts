import finding from '../../../src/diagnose/rules/stage-behind-latest.ts';
import { blindSnapshot, snapshot } from '../fixtures.ts';
import { findingContext, findingTester } from './finding-tester.ts';

const behind = snapshot({
  stageInfo: { status: 'ok', deploymentId: 'dep111', existingStages: ['prod'] },
  latestDeployment: { id: 'dep222', createdDate: '2026-11-20T10:00:00.000Z' },
});

findingTester(finding, {
  valid: [
    { name: 'the stage is on the newest deployment', ctx: findingContext() },
    { name: 'deployment-check: off', ctx: findingContext({ snapshot: behind, settings: { deploymentCheck: 'off' } }) },
    { name: 'control plane blind', ctx: findingContext({ snapshot: blindSnapshot() }) },
    { name: 'deployments unreadable', ctx: findingContext({ snapshot: snapshot({ ...behind, latestDeployment: undefined }) }) },
    {
      name: "the stage's deployment unknown",
      ctx: findingContext({ snapshot: { ...behind, stageInfo: { status: 'ok', existingStages: ['prod'] } } }),
    },
  ],
  invalid: [
    {
      name: 'behind, deployment-check: warning (the default)',
      ctx: findingContext({ snapshot: behind }),
      says: [
        'Stage prod serves deployment dep111',
        'newest deployment dep222 (created 2026-11-20T10:00:00.000Z)',
        'update-stage --rest-api-id a1b2c3d4e5 --stage-name prod',
        'value=dep222',
        'create-deployment',
      ],
      evidence: {
        stage: 'prod',
        stageDeploymentId: 'dep111',
        latestDeploymentId: 'dep222',
        latestDeploymentDate: '2026-11-20T10:00:00.000Z',
      },
      severity: 'warning',
      source: { file: '.github/apigw-routes.yml', line: 4, column: 10 },
    },
    {
      name: 'deployment-check: error',
      ctx: findingContext({ snapshot: behind, settings: { deploymentCheck: 'error' } }),
      severity: 'error',
    },
    {
      name: 'a newest deployment without a date',
      ctx: findingContext({ snapshot: { ...behind, latestDeployment: { id: 'dep222' } } }),
      doesNotSay: ['created'],
      evidence: { latestDeploymentDate: undefined },
    },
  ],
});
