import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiGatewayClient } from '../../src/aws/client.ts';
import { MIN_POLL_MS, waitForDeployment } from '../../src/aws/wait.ts';
import type { WaitOptions } from '../../src/aws/wait.ts';
import { API_ID, REGION, controlPlane, deploymentBody, replyError, stageBody, useIsolatedAws } from './helpers.ts';

const STAGE_PATH = `/restapis/${API_ID}/stages/prod`;
const DEPLOYMENTS_PATH = `/restapis/${API_ID}/deployments`;

useIsolatedAws();
// The clock stands still: time passes only through the recorded sleeps, so a slow machine
// cannot change the "s left" the wait reports.
beforeEach(() => mock.timers.enable({ apis: ['Date'], now: Date.parse('2026-06-01T12:00:00Z') }));
afterEach(() => mock.timers.reset());

/** Runs the wait with a recorded log and a sleep that only records how long it was asked to wait. */
async function run(options: Partial<WaitOptions> & Pick<WaitOptions, 'timeoutSeconds'>) {
  const lines: string[] = [];
  const sleeps: number[] = [];
  const result = await waitForDeployment(createApiGatewayClient(REGION, { maxAttempts: 1 }), {
    restApiId: API_ID,
    stage: 'prod',
    log: (line) => lines.push(line),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });
  return { result, lines, sleeps };
}

describe('waitForDeployment', () => {
  test('polls until the stage is on the expected deployment', async () => {
    const scope = controlPlane()
      .get(STAGE_PATH)
      .reply(200, stageBody('prod', 'def456'))
      .get(STAGE_PATH)
      .reply(200, stageBody('prod', 'abc123'));
    const { result, lines, sleeps } = await run({ expectedDeploymentId: 'abc123', timeoutSeconds: 30 });

    assert.ok(scope.isDone());
    assert.deepEqual(result, { reached: true, polls: 2, target: 'abc123', deploymentId: 'abc123', calls: { GetStage: 2 } });
    assert.deepEqual(lines, [
      'waiting for stage prod to be on deployment abc123: on def456, 30 s left',
      'stage prod is on deployment abc123',
    ]);
    assert.deepEqual(sleeps, [5000]);
  });

  test('without an expected id, waits for the newest deployment', async () => {
    const deployments = { item: [deploymentBody('dep1', 1700000000), deploymentBody('dep2', 1700000600)] };
    const scope = controlPlane()
      .get(STAGE_PATH)
      .reply(200, stageBody('prod', 'dep1'))
      .get(STAGE_PATH)
      .reply(200, stageBody('prod', 'dep2'))
      .get(DEPLOYMENTS_PATH)
      .query({ limit: '500' })
      .times(2)
      .reply(200, deployments);
    const { result, lines, sleeps } = await run({ timeoutSeconds: 60, pollMs: 2000 });

    assert.ok(scope.isDone());
    assert.deepEqual(result, { reached: true, polls: 2, target: 'dep2', deploymentId: 'dep2', calls: { GetStage: 2, GetDeployments: 2 } });
    assert.deepEqual(lines, ['waiting for stage prod to be on deployment dep2: on dep1, 60 s left', 'stage prod is on deployment dep2']);
    assert.deepEqual(sleeps, [2000]);
  });

  test('polls no faster than once a second, whatever pollMs asks', async () => {
    const scope = controlPlane().get(STAGE_PATH).times(3).reply(200, stageBody('prod', 'def456'));
    const { result, sleeps } = await run({ expectedDeploymentId: 'abc123', timeoutSeconds: 2, pollMs: 10 });

    assert.ok(scope.isDone());
    assert.equal(MIN_POLL_MS, 1000);
    assert.deepEqual(sleeps, [1000, 1000]);
    assert.equal(result.polls, 3);
    assert.equal(result.reached, false);
  });

  test('an API without deployments has nothing to wait for', async () => {
    const scope = controlPlane()
      .get(STAGE_PATH)
      .reply(200, { stageName: 'prod' })
      .get(DEPLOYMENTS_PATH)
      .query({ limit: '500' })
      .reply(200, {});
    const { result, sleeps } = await run({ timeoutSeconds: 60 });

    assert.ok(scope.isDone());
    assert.equal(result.reached, false);
    assert.equal(result.error, `REST API ${API_ID} has no deployment to wait for`);
    assert.deepEqual(sleeps, []);
  });

  test('gives up when the time is over, counting down on every poll', async () => {
    const scope = controlPlane().get(STAGE_PATH).times(4).reply(200, stageBody('prod', 'def456'));
    const { result, lines, sleeps } = await run({ expectedDeploymentId: 'abc123', timeoutSeconds: 12 });

    assert.ok(scope.isDone());
    assert.deepEqual(result, { reached: false, polls: 4, target: 'abc123', deploymentId: 'def456', calls: { GetStage: 4 } });
    assert.deepEqual(sleeps, [5000, 5000, 2000], 'the last pause ends at the deadline');
    assert.deepEqual(lines, [
      'waiting for stage prod to be on deployment abc123: on def456, 12 s left',
      'waiting for stage prod to be on deployment abc123: on def456, 7 s left',
      'waiting for stage prod to be on deployment abc123: on def456, 2 s left',
      'gave up waiting for stage prod to be on deployment abc123 after 12 s: still on def456',
    ]);
  });

  test('timeoutSeconds 0 returns at once without a call', async () => {
    const scope = controlPlane().get(STAGE_PATH).reply(200, stageBody('prod', 'abc123'));
    const { result, lines, sleeps } = await run({ expectedDeploymentId: 'abc123', timeoutSeconds: 0 });

    assert.deepEqual(result, { reached: false, polls: 0, target: 'abc123', calls: {} });
    assert.equal(scope.pendingMocks().length, 1, 'GetStage was not called');
    assert.deepEqual(lines, []);
    assert.deepEqual(sleeps, []);
  });

  test('stops at once when the stage does not exist', async () => {
    const scope = controlPlane();
    replyError(scope.get(STAGE_PATH), 404, 'NotFoundException', 'Invalid stage identifier specified');
    const { result, lines, sleeps } = await run({ expectedDeploymentId: 'abc123', timeoutSeconds: 30 });

    assert.ok(scope.isDone());
    assert.equal(result.reached, false);
    assert.equal(result.polls, 1);
    assert.equal(result.error, 'NotFoundException: Invalid stage identifier specified');
    assert.deepEqual(lines, ['stopped waiting for stage prod: NotFoundException: Invalid stage identifier specified']);
    assert.deepEqual(sleeps, []);
  });
});
