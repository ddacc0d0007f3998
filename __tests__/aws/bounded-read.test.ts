// The control-plane read under the run's cancellation: what was aborted is `skipped` (the run
// was cancelled), not an unavailable control plane; nothing is sent once cancelled.
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import nock from 'nock';
import { controlPlaneAttempts, controlPlaneDeadlineMs, createApiGatewayClient } from '../../src/aws/client.ts';
import { readSnapshotBounded } from '../../src/aws/bounded-read.ts';
import { API_ID, REGION, controlPlane, isolateAwsEnv, restApiBody } from './helpers.ts';

const TARGET = { restApiId: API_ID, stage: 'prod', region: REGION };

let restoreEnv: () => void;
beforeEach(() => {
  restoreEnv = isolateAwsEnv();
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
  restoreEnv();
});

test('cancelled before the read: no call is sent, every part is skipped as cancelled', async () => {
  const scope = controlPlane().get(`/restapis/${API_ID}`).reply(200, restApiBody());
  const cancel = new AbortController();
  cancel.abort(new Error('cancelled by SIGTERM'));
  const snapshot = await readSnapshotBounded(createApiGatewayClient(REGION, { maxAttempts: 1, timeoutMs: 1000 }), TARGET, {
    timeoutMs: 1000,
    retries: 0,
    signal: cancel.signal,
  });
  assert.equal(scope.isDone(), false, 'GetRestApi was not sent');
  assert.deepEqual(snapshot.api, { status: 'skipped', error: 'the run was cancelled' });
  for (const read of Object.values(snapshot.parts)) assert.equal(read.status, 'skipped');
});

test('cancelled during the read: no further call is sent, and nothing is called unavailable', async () => {
  const cancel = new AbortController();
  // The control plane answers GetRestApi only after the job was cancelled.
  controlPlane()
    .get(`/restapis/${API_ID}`)
    .reply(() => {
      cancel.abort(new Error('cancelled by SIGINT'));
      return [200, restApiBody()];
    });
  const snapshot = await readSnapshotBounded(createApiGatewayClient(REGION, { maxAttempts: 1, timeoutMs: 1000 }), TARGET, {
    timeoutMs: 1000,
    retries: 0,
    signal: cancel.signal,
  });
  assert.notEqual(snapshot.parts.api.status, 'error');
  assert.deepEqual(
    Object.values(snapshot.parts).filter((r) => r.status === 'error'),
    [],
  );
  assert.equal(snapshot.parts.resources.status, 'skipped');
});

test('attempts and the read deadline follow the timeout and retries inputs', () => {
  assert.equal(controlPlaneAttempts(0), 1);
  assert.equal(controlPlaneAttempts(2), 3);
  assert.equal(controlPlaneDeadlineMs(10_000, 2), 110_000);
  assert.equal(controlPlaneDeadlineMs(1000, 0), 23_000);
});

test('past the deadline: the calls in flight are aborted, and the parts say it was the deadline', async () => {
  controlPlane().get(`/restapis/${API_ID}`).delay(1000).reply(200, restApiBody());
  const snapshot = await readSnapshotBounded(createApiGatewayClient(REGION, { maxAttempts: 1, timeoutMs: 10_000 }), TARGET, {
    timeoutMs: 10_000,
    retries: 0,
    deadlineMs: 50,
  });
  assert.deepEqual(snapshot.parts.api, { status: 'error', error: 'no answer within the control-plane deadline of 0.05 s' });
  assert.deepEqual(snapshot.api, { status: 'error', error: 'no answer within the control-plane deadline of 0.05 s' });
  assert.equal(snapshot.parts.resources.status, 'skipped', 'nothing sent after the deadline');
});
