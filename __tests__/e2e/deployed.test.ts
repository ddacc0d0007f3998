// End-to-end: `routes: deployed` — no manifest; the bundled action checks every method of the
// stage's deployment of the emulator's "shop" API. Needs the bundle (npm test builds it).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { type Emulator, startEmulator } from '../../emulator/index.ts';
import { annotationsOf, runAction, type ActionRun } from '../../emulator/run-action.ts';
import { SHOP_API_ID, SHOP_API_KEY, shopModel } from '../../emulator/scenarios/shop.ts';
import { reportOf } from './support-routing.ts';

describe('routes: deployed', () => {
  let emulator: Emulator;
  let stale: Emulator;
  const inputs = (e: Emulator, extra: Record<string, string> = {}) => ({
    routes: 'deployed',
    'rest-api-id': SHOP_API_ID,
    stage: 'prod',
    region: 'us-east-1',
    'base-url': e.invokeUrl(SHOP_API_ID, 'prod'),
    'connect-to': e.connectTo,
    'api-key': SHOP_API_KEY,
    ...extra,
  });

  before(async () => {
    [emulator, stale] = await Promise.all([
      startEmulator(shopModel({ stageOnNewest: true })),
      startEmulator(shopModel({ stageOnNewest: false })),
    ]);
  });
  after(async () => {
    await Promise.all([emulator?.close(), stale?.close()]);
  });

  test('checks every deployed method, with auth as deployed, and passes on a healthy stage', async () => {
    const run = await runAction({ emulator, inputs: inputs(emulator) });
    const report = reportOf(run);
    assert.equal(run.exitCode, 0, run.stdout);
    assert.deepEqual(
      report.checks.map((c) => [c.route, c.auth, c.outcome]),
      [
        ['GET /', 'none', 'passed'],
        ['GET /health', 'none', 'passed'],
        ['GET /invoices', 'none', 'passed'],
        ['POST /orders', 'api-key', 'passed'],
        ['GET /reports', 'iam', 'passed'],
        ['GET /users', 'none', 'passed'],
        ['GET /users/{id}', 'none', 'passed'],
      ],
    );
    assert.ok(report.checks.find((c) => c.route === 'GET /users/{id}')?.url.endsWith('/prod/users/smoke'));
    assert.ok(report.checks.every((c) => c.source.file === ''));
    assert.equal(report.routesFrom, 'deployed');
    assert.match(run.summary, /\*\*Routes:\*\* every method deployed on the stage \(`routes: deployed`/);
    assert.equal(run.outputs.result, 'passed');
    // the routes' read is counted with the run's: GetDeployment once for the routes, once for the checks
    assert.equal(report.controlPlaneCalls.GetDeployment, 2);
  });

  test("reads the stage's deployment, not the current definition: a method added since is not checked", async () => {
    const run = await runAction({ emulator: stale, inputs: inputs(stale) });
    const routes = reportOf(run).checks.map((c) => c.route);
    assert.equal(routes.length, 6);
    assert.ok(!routes.includes('GET /invoices'), routes.join(', '));
  });

  test('with wait-for-deployment, the routes are those of the deployment waited for', async () => {
    const moving = await startEmulator(shopModel({ stageOnNewest: false }));
    // the stage moves to a new deployment (with /invoices) once the action has polled it
    const watch = setInterval(() => {
      if (!moving.state.controlCalls.GetStage) return;
      clearInterval(watch);
      moving.state.deploy(SHOP_API_ID, { stage: 'prod', id: 'd3wait' });
    }, 50);
    try {
      const run = await runAction({
        emulator: moving,
        inputs: inputs(moving, { 'wait-for-deployment': '20', 'expected-deployment-id': 'd3wait' }),
      });
      assert.equal(run.exitCode, 0, run.stdout);
      assert.ok(reportOf(run).checks.some((c) => c.route === 'GET /invoices'));
      assert.equal(run.outputs['stage-deployment-id'], 'd3wait');
    } finally {
      clearInterval(watch);
      await moving.close();
    }
  });

  test('a failure is annotated without a file, and its summary section says where the route came from', async () => {
    // no api-key: POST /orders is refused by the gateway
    const run = await runAction({ emulator, inputs: inputs(emulator, { 'api-key': '' }) });
    assert.equal(run.exitCode, 1);
    const failed = reportOf(run).checks.filter((c) => c.outcome === 'failed');
    assert.deepEqual(
      failed.map((c) => c.route),
      ['POST /orders'],
    );
    const annotations = annotationsOf(run.stdout).filter((a) => a.title?.includes('POST /orders'));
    assert.equal(annotations.length, 1);
    assert.equal(annotations[0]?.file, undefined);
    assert.equal(annotations[0]?.line, undefined);
    assert.match(run.summary, /POST \/orders \(deployed\)/);
  });

  test('without AWS credentials the run fails and says why, it does not pass with no routes', async () => {
    const run = await runAction({ emulator, inputs: inputs(emulator), credentials: false });
    assert.equal(run.exitCode, 1);
    assert.equal(run.outputs.result, 'failed');
    assert.equal(run.outputs.total, '0');
    assert.match(run.stdout, /::error::.*no AWS credentials were found/);
  });

  test('rest-api-id and stage must be inputs', async () => {
    const run = await runAction({ emulator, inputs: inputs(emulator, { 'rest-api-id': '', stage: '' }) });
    assert.equal(run.exitCode, 1);
    assert.match(run.stdout, /`routes: deployed` needs the `rest-api-id` input/);
    assert.match(run.summary, /needs the \\`stage\\` input/);
  });

  test('an unknown stage is named, with the stages there are', async () => {
    const run = await runAction({ emulator, inputs: inputs(emulator, { stage: 'prd' }) });
    assert.equal(run.exitCode, 1);
    assert.equal(run.outputs.total, '0');
    assert.match(run.stdout, /::error::.*stage prd .*could not be read.*stages: prod/);
  });

  test('shards of the deployed routes are every route once, and merge into one verdict', async () => {
    const shards = await Promise.all([1, 2].map((k) => runAction({ emulator, inputs: inputs(emulator, { shard: `${k}/2` }) })));
    const routes = shards.flatMap((s) => reportOf(s).checks.map((c) => c.route));
    assert.equal(routes.length, 7);
    assert.equal(new Set(routes).size, 7);
    const files: Record<string, string> = {};
    shards.forEach((s: ActionRun, i) => (files[`reports/${i + 1}.json`] = s.reportText ?? ''));
    const merged = await runAction({ inputs: { 'merge-reports': 'reports/*.json' }, files, credentials: false });
    assert.equal(merged.exitCode, 0, merged.stdout);
    assert.equal(reportOf(merged).checks.length, 7);
    assert.equal(reportOf(merged).routesFrom, 'deployed');
  });
});
