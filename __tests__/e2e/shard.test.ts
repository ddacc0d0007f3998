// End-to-end: the bundled action split into 3 shards against the emulator's "shop" API, then its
// merge-reports mode over their reports (no emulator, no AWS credentials), must give the verdict,
// totals, outputs, findings and summary of one unsharded run. Needs the bundle (npm test builds it).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { type Emulator, startEmulator } from '../../emulator/index.ts';
import { type ActionRun, annotationsOf, runAction } from '../../emulator/run-action.ts';
import { DEMO_MANIFEST, SHOP_API_ID, shopModel } from '../../emulator/scenarios/shop.ts';
import { shardOf } from '../../src/shard.ts';
import type { Report } from '../../src/types.ts';
import { MANIFEST_PATH, outputsWithoutReportFile, reportOf } from './support-routing.ts';

const SHARDS = 3;

/**
 * The summary without what differs between two runs of the same verdict: times, call counts,
 * request ids, and why each run read the definition (a shard counts its own failing checks).
 */
function stableSummary(summary: string): string {
  return summary
    .split('\n')
    .filter((line) => !line.startsWith('- **Control-plane calls:**') && !line.startsWith('- **Definition (GetResources):**'))
    .join('\n')
    .replace(/\| \d+ ms \|/g, '| _ ms |')
    .replace(/· \d+ ms/g, '· _ ms')
    .replace(/"requestId": "[^"]*"/g, '"requestId": "_"');
}

/** What a check concluded, without its timing. */
const conclusion = (c: Report['checks'][number]) => ({
  route: c.route,
  line: c.source.line,
  status: c.status,
  outcome: c.outcome,
  code: c.diagnosis?.code ?? null,
});
const annotationKeys = (run: ActionRun) =>
  annotationsOf(run.stdout)
    .map((a) => `${a.level} ${a.title} ${a.file ?? ''}:${a.line ?? ''}`)
    .sort();

describe('a sharded run merged equals one unsharded run', () => {
  let emulator: Emulator;
  let single: ActionRun;
  let shards: ActionRun[];
  let merged: ActionRun;

  before(async () => {
    emulator = await startEmulator(shopModel({ stageOnNewest: false }));
    const run = (inputs: Record<string, string> = {}) =>
      runAction({
        emulator,
        inputs: { 'base-url': emulator.invokeUrl(SHOP_API_ID, 'prod'), 'connect-to': emulator.connectTo, ...inputs },
        files: { [MANIFEST_PATH]: DEMO_MANIFEST },
      });
    [single, ...shards] = await Promise.all([run(), ...Array.from({ length: SHARDS }, (_, i) => run({ shard: `${i + 1}/${SHARDS}` }))]);
    const files: Record<string, string> = {};
    shards.forEach((s, i) => {
      assert.ok(s.reportText, `shard ${i + 1} wrote its report; exit ${s.exitCode}\n${s.stdout}\n${s.stderr}`);
      files[`reports/apigw-route-verify-${i + 1}.json`] = s.reportText;
    });
    // The merging job: no emulator, no AWS credentials, no manifest.
    merged = await runAction({ inputs: { 'merge-reports': 'reports/*.json' }, files, credentials: false });
  });

  after(async () => {
    await emulator?.close();
  });

  test('each shard checked its own routes, which together are every route once', () => {
    const single_ = reportOf(single);
    const routes = shards.flatMap((s, i) => {
      const r = reportOf(s);
      assert.deepEqual(r.shard, { index: i + 1, count: SHARDS, routes: r.checks.length });
      return r.checks.map((c) => c.source.line);
    });
    assert.deepEqual(
      routes.sort((a, b) => a - b),
      single_.checks.map((c) => c.source.line),
    );
    assert.ok(shards.filter((s) => reportOf(s).checks.length > 0).length >= 2, 'the routes are spread over several shards');
  });

  test('every shard that checked routes computed the stage findings over the whole manifest', () => {
    const expected = reportOf(single).findings.map((f) => `${f.code}: ${f.message}`);
    assert.ok(
      expected.some((f) => f.startsWith('undeclared-routes')) && expected.some((f) => f.startsWith('stage-behind-latest')),
      expected.join('\n'),
    );
    for (const s of shards.filter((x) => reportOf(x).checks.length > 0)) {
      assert.deepEqual(
        reportOf(s).findings.map((f) => `${f.code}: ${f.message}`),
        expected,
      );
    }
  });

  test('the merge gives the verdict, totals, outputs and exit status of the unsharded run', () => {
    assert.equal(merged.exitCode, single.exitCode, merged.stdout);
    assert.equal(single.exitCode, 1, 'the demo fails: the comparison covers a failing verdict');
    assert.deepEqual(outputsWithoutReportFile(merged), outputsWithoutReportFile(single));
    const m = reportOf(merged);
    const s = reportOf(single);
    assert.equal(m.result, s.result);
    assert.deepEqual(m.totals, s.totals);
    assert.equal(m.shard, undefined);
  });

  test('the merged report has every check in manifest order and each finding once', () => {
    const m = reportOf(merged);
    const s = reportOf(single);
    assert.deepEqual(m.checks.map(conclusion), s.checks.map(conclusion));
    assert.deepEqual(m.findings, s.findings);
    assert.deepEqual(m.api, s.api);
  });

  test("the merged job summary and annotations are the unsharded run's", () => {
    assert.equal(stableSummary(merged.summary), stableSummary(single.summary));
    assert.deepEqual(annotationKeys(merged), annotationKeys(single));
  });

  test('a set with a shard missing is refused, naming it', async () => {
    const [one, , three] = shards;
    assert.ok(one?.reportText !== undefined && three?.reportText !== undefined);
    const files = { 'reports/1.json': one.reportText, 'reports/3.json': three.reportText };
    const partial = await runAction({ inputs: { 'merge-reports': 'reports/1.json\nreports/3.json' }, files, credentials: false });
    assert.equal(partial.exitCode, 1);
    assert.equal(partial.outputs.result, 'failed');
    assert.match(partial.stdout, /shard 2\/3 has no report \(found 1, 3 of 3\)/);
    assert.match(partial.summary, /shard 2\/3 has no report/);
  });
});

test('a shard with no routes passes with a notice, without AWS access; shards never comment', async () => {
  const manifest = `version: 1
api: { rest-api-id: ${SHOP_API_ID}, stage: prod, region: us-east-1 }
routes:
  - GET /health
`;
  const count = 8;
  const own = shardOf({ method: 'GET', path: '/health', params: {}, query: {} }, count);
  const index = own === 1 ? 2 : 1;
  const run = await runAction({
    inputs: { shard: `${index}/${count}`, comment: 'always' },
    files: { [MANIFEST_PATH]: manifest },
    credentials: false,
  });
  assert.equal(run.exitCode, 0, run.stdout);
  const notice = annotationsOf(run.stdout).find((a) => a.title === 'apigw-route-verify: empty shard');
  assert.equal(notice?.level, 'notice');
  assert.match(notice?.message ?? '', new RegExp(`Shard ${index}/${count} has none of the 1 routes`));
  assert.deepEqual(reportOf(run).shard, { index, count, routes: 0 });
  assert.equal(run.outputs.result, 'passed');
  assert.equal(run.outputs.total, '0');
  assert.match(run.stdout, /No pull-request comment from a shard: set `comment` on the job that merges the reports/);
});
