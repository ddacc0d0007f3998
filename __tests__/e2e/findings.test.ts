// End-to-end: the bundled action against the emulator, for the stage-level findings about
// deployments (stage-behind-latest, deployment-mismatch, undeclared-routes), wait-for-deployment
// and how fail-on turns severities into the step's exit status.
// (api-not-found and stage-not-found findings are asserted with their checks in routing.test.ts.)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Emulator } from '../../emulator/index.ts';
import type { ResourcesModel } from '../../emulator/model.ts';
import type { ActionRun } from '../../emulator/run-action.ts';
import {
  annotationTitled,
  annotationsOf,
  assertAnnotatedAt,
  checkOf,
  findingOf,
  findingsWith,
  lineOf,
  oneApiModel,
  outputsWithoutReportFile,
  reportOf,
  runManifest,
  titledAnnotations,
  verdict,
  withEmulator,
} from './support-routing.ts';

const API = 'fd1abc2def';

// Release 1 is what prod serves; release 2 (the newest) added GET /status.
const RELEASE_1: ResourcesModel = {
  '/health': { GET: {}, OPTIONS: {} },
  '/users': { GET: {}, POST: {} },
  '/files/{proxy+}': { ANY: {} },
};
const RELEASE_2: ResourcesModel = { ...RELEASE_1, '/status': { GET: {} } };

/** prod on release 1 while release 2 is the newest deployment. */
const behindModel = () =>
  oneApiModel({
    id: API,
    resources: RELEASE_2,
    deployments: [
      { id: 'dep0001', resources: RELEASE_1 },
      { id: 'dep0002', resources: RELEASE_2 },
    ],
    stages: { prod: 'dep0001' },
  });

// Every route answers on release 1. POST /users is deployed but not declared; OPTIONS /health
// (a preflight) never counts; /files/{proxy+} is covered by the route it serves.
const MANIFEST = `version: 1
api:
  rest-api-id: ${API}
  stage: prod
  region: us-east-1
routes:
  - GET /health
  - GET /users
  - GET /files/reports/2026.csv
`;
const STAGE_LINE = lineOf(MANIFEST, 'stage: prod');

const run = (inputs: Record<string, string> = {}, model = behindModel()) =>
  withEmulator(model, (emulator) => runManifest(emulator, MANIFEST, { apiId: API, stage: 'prod', inputs }));

/** All three routes answered: the run's verdict comes from the findings alone. */
function assertChecksPassed(r: ActionRun, deployments: { stage: string; latest: string }, result: 'passed' | 'failed'): void {
  for (const route of ['GET /health', 'GET /users', 'GET /files/reports/2026.csv']) {
    assert.deepEqual(verdict(checkOf(r, route)), { code: null, severity: null, outcome: 'passed' }, route);
  }
  assert.deepEqual(outputsWithoutReportFile(r), {
    result,
    total: '3',
    passed: '3',
    failed: '0',
    'missing-authentication-token': '0',
    'stage-deployment-id': deployments.stage,
    'latest-deployment-id': deployments.latest,
  });
}

const BEHIND = { stage: 'dep0001', latest: 'dep0002' };

describe('stage-level findings', { concurrency: true }, () => {
  test('stage-behind-latest (deployment-check: warning, the default): a warning on the stage line, result passed, exit 0', async () => {
    const r = await run();
    const finding = findingOf(r, 'stage-behind-latest');
    assert.equal(finding.severity, 'warning');
    assert.deepEqual(
      { stage: finding.evidence.stageDeploymentId, latest: finding.evidence.latestDeploymentId },
      { stage: 'dep0001', latest: 'dep0002' },
    );
    assertAnnotatedAt(r, 'stage-behind-latest', 'warning', STAGE_LINE);
    assertChecksPassed(r, BEHIND, 'passed');
    assert.equal(r.exitCode, 0);
  });

  test('stage-behind-latest (deployment-check: error): an error on the stage line, result failed, exit 1', async () => {
    const r = await run({ 'deployment-check': 'error' });
    assert.equal(findingOf(r, 'stage-behind-latest').severity, 'error');
    assertAnnotatedAt(r, 'stage-behind-latest', 'error', STAGE_LINE);
    assertChecksPassed(r, BEHIND, 'failed');
    assert.equal(r.exitCode, 1);
  });

  test('stage-behind-latest (deployment-check: off): no finding, no annotation, even with fail-on: warning', async () => {
    const r = await run({ 'deployment-check': 'off', 'fail-on': 'warning' });
    assert.deepEqual(findingsWith(r, 'stage-behind-latest'), []);
    assert.deepEqual(titledAnnotations(r, 'warning'), []);
    assert.deepEqual(titledAnnotations(r, 'error'), []);
    // The outputs still say where the stage is: off silences the finding, not the facts.
    assertChecksPassed(r, BEHIND, 'passed');
    // The undeclared-routes notice is there and, being a notice, fails nothing.
    assert.equal(findingOf(r, 'undeclared-routes').severity, 'notice');
    assert.equal(r.exitCode, 0);
  });

  test('undeclared-routes: a notice that lists deployed methods no route covers, preflights and used proxies left out', async () => {
    const r = await run();
    const finding = findingOf(r, 'undeclared-routes');
    assert.equal(finding.severity, 'notice');
    assert.deepEqual(finding.evidence, { routes: ['POST /users'], count: 1 });
    assert.equal(annotationTitled(r, 'undeclared-routes').level, 'notice');
  });

  test('deployment-mismatch: expected-deployment-id is the newest, the stage is not on it: an error on the stage line', async () => {
    const r = await run({ 'expected-deployment-id': 'dep0002' });
    const finding = findingOf(r, 'deployment-mismatch');
    assert.equal(finding.severity, 'error');
    assert.deepEqual(finding.evidence, {
      stage: 'prod',
      stageDeploymentId: 'dep0001',
      expectedDeploymentId: 'dep0002',
      latestDeploymentId: 'dep0002',
    });
    assertAnnotatedAt(r, 'deployment-mismatch', 'error', STAGE_LINE);
    // The stage is behind as well: deployment-check still governs that one.
    assert.equal(findingOf(r, 'stage-behind-latest').severity, 'warning');
    assertChecksPassed(r, BEHIND, 'failed');
    assert.equal(r.exitCode, 1);
  });

  test('deployment-mismatch is silent when the stage is on the expected deployment', async () => {
    const r = await run({ 'expected-deployment-id': 'dep0001', 'deployment-check': 'off' });
    assert.deepEqual(findingsWith(r, 'deployment-mismatch'), []);
    assertChecksPassed(r, BEHIND, 'passed');
    assert.equal(r.exitCode, 0);
  });
});

describe('fail-on decides the exit status only', { concurrency: true }, () => {
  // The stage is behind: deployment-check makes that a warning or an error; nothing else is wrong.
  const CASES: { deploymentCheck: string; failOn: string; result: 'passed' | 'failed'; exitCode: number }[] = [
    { deploymentCheck: 'warning', failOn: 'error', result: 'passed', exitCode: 0 },
    { deploymentCheck: 'warning', failOn: 'warning', result: 'passed', exitCode: 1 },
    { deploymentCheck: 'warning', failOn: 'never', result: 'passed', exitCode: 0 },
    { deploymentCheck: 'error', failOn: 'error', result: 'failed', exitCode: 1 },
    { deploymentCheck: 'error', failOn: 'warning', result: 'failed', exitCode: 1 },
    { deploymentCheck: 'error', failOn: 'never', result: 'failed', exitCode: 0 },
  ];
  for (const c of CASES) {
    test(`deployment-check: ${c.deploymentCheck}, fail-on: ${c.failOn} → result ${c.result}, exit ${c.exitCode}`, async () => {
      const r = await run({ 'deployment-check': c.deploymentCheck, 'fail-on': c.failOn });
      assert.equal(findingOf(r, 'stage-behind-latest').severity, c.deploymentCheck);
      assert.equal(r.outputs.result, c.result);
      assert.equal(r.exitCode, c.exitCode);
    });
  }

  test('a step failed by fail-on: warning says why in its failure line', async () => {
    const r = await run({ 'fail-on': 'warning' });
    assert.equal(r.exitCode, 1);
    const failure = annotationsOf(r.stdout).find((a) => a.level === 'error' && a.title === undefined);
    assert.ok(failure, 'the step has a failure line');
    assert.doesNotMatch(failure.message, /^passed/);
    assert.match(failure.message, /warning/);
  });
});

describe('wait-for-deployment', { concurrency: true }, () => {
  /**
   * Deploys the current definition to prod as `id` once the action has polled the stage and the
   * deployments once. `stop()` ends the watch and says whether the deploy happened.
   */
  function deployAfterFirstPoll(emulator: Emulator, id: string): { stop: () => boolean } {
    let deployed = false;
    let delay: NodeJS.Timeout | undefined;
    const watch = setInterval(() => {
      const calls = emulator.state.controlCalls;
      if (!calls.GetStage || !calls.GetDeployments) return;
      clearInterval(watch);
      // A moment for the first poll's answers to be on their way before the stage moves.
      delay = setTimeout(() => {
        emulator.state.deploy(API, { stage: 'prod', id });
        deployed = true;
      }, 300);
    }, 50);
    return {
      stop: () => {
        clearInterval(watch);
        clearTimeout(delay);
        return deployed;
      },
    };
  }

  const manifestWithStatus = `${MANIFEST}  - GET /status\n`;

  test('polls until the stage is on the newest deployment, then checks that deployment', async () => {
    const r = await withEmulator(behindModel(), async (emulator) => {
      const deployer = deployAfterFirstPoll(emulator, 'dep0003');
      const result = await runManifest(emulator, manifestWithStatus, {
        apiId: API,
        stage: 'prod',
        inputs: { 'wait-for-deployment': '10' },
      });
      assert.ok(deployer.stop(), `the action never polled the stage (GetStage) while waiting:\n${result.stdout}`);
      return result;
    });
    assert.match(r.stdout, /^waiting for stage prod to be on deployment dep0002: on dep0001, \d+ s left$/m);
    assert.match(r.stdout, /^stage prod is on deployment dep0003$/m);
    // GET /status exists only since release 2: it answers because the checks ran after the wait.
    assert.deepEqual(verdict(checkOf(r, 'GET /status')), { code: null, severity: null, outcome: 'passed' });
    assert.deepEqual(findingsWith(r, 'stage-behind-latest'), []);
    assert.equal(outputsWithoutReportFile(r)['stage-deployment-id'], 'dep0003');
    assert.equal(outputsWithoutReportFile(r)['latest-deployment-id'], 'dep0003');
    assert.equal(r.outputs.result, 'passed');
    assert.equal(r.exitCode, 0);
  });

  test('gives up after wait-for-deployment seconds and reports what the stage serves', async () => {
    const r = await withEmulator(behindModel(), (emulator) =>
      runManifest(emulator, manifestWithStatus, { apiId: API, stage: 'prod', inputs: { 'wait-for-deployment': '1' } }),
    );
    assert.match(r.stdout, /^gave up waiting for stage prod to be on deployment dep0002 after 1 s: still on dep0001$/m);
    assert.equal(checkOf(r, 'GET /status').diagnosis?.code, 'route-not-deployed');
    assert.equal(findingOf(r, 'stage-behind-latest').severity, 'warning');
    assert.equal(reportOf(r).api.stageDeploymentId, 'dep0001');
    assert.equal(r.exitCode, 1);
  });
});
