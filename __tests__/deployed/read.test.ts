// What `routes: deployed` and `init` read: the stage's deployed methods, or one problem saying
// why not — never an empty list of routes. The real SDK client against nock on loopback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readDeployedStage } from '../../src/deployed/read.ts';
import {
  API_ID,
  REGION,
  controlPlane,
  deploymentBody,
  isolateAwsEnv,
  replyError,
  restApiBody,
  stageBody,
  useIsolatedAws,
} from '../aws/helpers.ts';

useIsolatedAws();

const BASE = `/restapis/${API_ID}`;
const TARGET = { restApiId: API_ID, stage: 'prod', region: REGION };
const OPTIONS = { timeoutMs: 2000, retries: 0, otherwise: 'or set the `routes` input to a routes manifest' };

/** GetRestApi, GetStages (prod on `deploymentId`), GetDeployments, GetAuthorizers and the stage's GetDeployment. */
function controlPlaneWith(stage: Record<string, unknown>, apiSummary?: Record<string, unknown>) {
  const scope = controlPlane();
  scope.get(BASE).reply(200, restApiBody());
  scope.get(`${BASE}/stages`).reply(200, { item: [stage] });
  scope
    .get(`${BASE}/deployments`)
    .query(true)
    .reply(200, { item: [deploymentBody('dep1', 1700000000)] });
  scope.get(`${BASE}/authorizers`).query(true).reply(200, { item: [] });
  if (apiSummary) scope.get(`${BASE}/deployments/dep1`).query({ embed: 'apisummary' }).reply(200, { id: 'dep1', apiSummary });
  return scope;
}

test("the stage's deployed methods and deployment, with the calls made", async () => {
  controlPlaneWith(stageBody('prod', 'dep1'), {
    '/': { GET: { authorizationType: 'NONE', apiKeyRequired: false } },
    '/users/{id}': { GET: { authorizationType: 'AWS_IAM', apiKeyRequired: false } },
  });
  const read = await readDeployedStage(TARGET, OPTIONS);
  assert.equal(read.problem, undefined);
  assert.equal(read.stage?.deploymentId, 'dep1');
  assert.deepEqual(Object.keys(read.stage?.deployed ?? {}), ['/', '/users/{id}']);
  assert.equal(read.stage?.deployed['/users/{id}']?.GET?.authorizationType, 'AWS_IAM');
  assert.equal(read.stage?.calls.GetDeployment, 1);
});

test('no credentials: one problem that says so and what to do, and nothing is sent', async () => {
  const restore = isolateAwsEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined });
  try {
    const scope = controlPlane().get(BASE).reply(200, restApiBody());
    const { problem } = await readDeployedStage(TARGET, OPTIONS);
    assert.match(problem?.message ?? '', /need the API Gateway control plane, and no AWS credentials were found/);
    assert.match(problem?.fix ?? '', /configure-aws-credentials.*AWS_PROFILE.*or set the `routes` input to a routes manifest$/);
    assert.equal(scope.isDone(), false);
  } finally {
    restore();
  }
});

test('denied: the error as AWS gave it, and the permission to grant', async () => {
  replyError(controlPlane().get(BASE), 403, 'AccessDeniedException', 'User: arn:aws:sts::1:assumed-role/ci is not authorized');
  const { problem } = await readDeployedStage(TARGET, OPTIONS);
  assert.match(problem?.message ?? '', /could not be read: GetRestApi: AccessDeniedException: User: .* is not authorized/);
  assert.match(problem?.fix ?? '', /allow `apigateway:GET` on `arn:aws:apigateway:us-east-1::\/restapis\/a1b2c3d4e5\/\*`/);
});

test('a stage on no deployment serves nothing: a problem, not zero routes', async () => {
  const stage: Record<string, unknown> = stageBody('prod', 'dep1');
  delete stage.deploymentId;
  controlPlaneWith(stage);
  const { problem } = await readDeployedStage(TARGET, OPTIONS);
  assert.match(problem?.message ?? '', /stage prod of REST API a1b2c3d4e5 is on no deployment/);
});

test('a deployment without methods: a problem, not zero routes', async () => {
  controlPlaneWith(stageBody('prod', 'dep1'), {});
  const { problem } = await readDeployedStage(TARGET, OPTIONS);
  assert.match(problem?.message ?? '', /deployment dep1 of stage prod serves no method/);
});

test("an unreadable deployment names the deployment and AWS's error", async () => {
  const scope = controlPlaneWith(stageBody('prod', 'dep1'));
  replyError(scope.get(`${BASE}/deployments/dep1`).query({ embed: 'apisummary' }), 500, 'InternalFailure', 'try again');
  const { problem } = await readDeployedStage(TARGET, OPTIONS);
  assert.match(problem?.message ?? '', /could not be read: GetDeployment dep1: .*try again/);
  assert.match(problem?.fix ?? '', /^run it again/);
});
