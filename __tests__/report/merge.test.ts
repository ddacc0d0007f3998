// merge-reports: reading the shards' reports as untrusted files, refusing an incomplete or mixed
// set, and merging a complete one into what one unsharded run reports.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mergeShardReports } from '../../src/report/merge.ts';
import { MAX_REPORT_BYTES, readShardReports } from '../../src/report/shard-files.ts';
import type { Report } from '../../src/types.ts';
import { failed, finding, passed, report, warned } from './builders.ts';

let root: string;
let ws: string;
let n = 0;

before(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'merge-reports-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A fresh workspace per test, with these files in it. */
async function workspace(files: Record<string, string | Report>): Promise<string> {
  ws = path.join(root, `ws${++n}`);
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(ws, rel)), { recursive: true });
    await writeFile(path.join(ws, rel), typeof content === 'string' ? content : JSON.stringify(content));
  }
  await mkdir(ws, { recursive: true });
  return ws;
}

const STAGE_FINDING = finding('stage-behind-latest', 'warning', { message: 'Stage prod serves dep111, not the newest dep222.' });

/** Shard k/3 of a 6-route manifest (lines 7..12), every shard with the same stage finding. */
function shard(index: number, over: Partial<Report> = {}, count = 3): Report {
  const lines = { 1: [9, 12], 2: [7, 11], 3: [8, 10] }[index] ?? [];
  const checks = lines.map((line) =>
    line === 11 ? failed(`GET /r${line}`, line) : line === 12 ? warned(`GET /r${line}`, line) : passed(`GET /r${line}`, line),
  );
  return report(checks, [STAGE_FINDING], { shard: { index, count, routes: checks.length }, durationMs: 1000 * index, ...over });
}

async function mergeFiles(files: Record<string, string | Report>, patterns = ['reports/*.json'], maxBytes?: number) {
  const dir = await workspace(files);
  const read = await readShardReports(patterns, dir, maxBytes ? { maxBytes } : {});
  if (read.problems.length) return { problems: read.problems };
  return mergeShardReports(read.files);
}

const texts = (problems: { message: string }[]) => problems.map((p) => p.message).join('\n');

test('three shards merge into the report one run writes: checks in manifest order, each finding once, totals recomputed', async () => {
  const merged = await mergeFiles({ 'reports/shard-1.json': shard(1), 'reports/shard-2.json': shard(2), 'reports/shard-3.json': shard(3) });
  assert.deepEqual(merged.problems, []);
  const r = merged.report!;
  assert.deepEqual(
    r.checks.map((c) => c.source.line),
    [7, 8, 9, 10, 11, 12],
  );
  assert.deepEqual(
    r.findings.map((f) => f.code),
    ['stage-behind-latest'],
  );
  assert.deepEqual(r.totals, { total: 6, passed: 5, failed: 1, skipped: 0, missingAuthenticationToken: 1 });
  assert.equal(r.result, 'failed');
  assert.deepEqual(r.controlPlaneCalls, { GetStage: 3, GetResources: 3 });
  assert.equal(r.durationMs, 3000);
  assert.equal('shard' in r, false, 'the merged report is of the whole manifest');
});

test('findings of the same code with different messages are all kept, in the order a run reports them', async () => {
  const cancelled = finding('run-cancelled', 'error', { message: 'The run was cancelled: 1 of 2 routes were not checked.' });
  const merged = await mergeFiles({
    'reports/a.json': shard(1, { findings: [STAGE_FINDING] }),
    'reports/b.json': shard(2, { findings: [cancelled, STAGE_FINDING] }),
    'reports/c.json': shard(3, { findings: [{ ...cancelled, message: 'The run was cancelled: 2 of 2 routes were not checked.' }] }),
  });
  assert.deepEqual(
    merged.report!.findings.map((f) => f.code),
    ['run-cancelled', 'run-cancelled', 'stage-behind-latest'],
  );
});

test('a missing shard is an error naming it; the shards found are listed', async () => {
  const merged = await mergeFiles({ 'reports/shard-1.json': shard(1), 'reports/shard-3.json': shard(3) });
  assert.equal(merged.report, undefined);
  assert.match(texts(merged.problems), /shard 2\/3 has no report \(found 1, 3 of 3\)/);
});

test('a duplicate shard is an error naming both files', async () => {
  const merged = await mergeFiles({
    'reports/a.json': shard(1),
    'reports/b.json': shard(2),
    'reports/b-again.json': shard(2),
    'reports/c.json': shard(3),
  });
  assert.match(texts(merged.problems), /shard 2\/3 has 2 reports: `reports\/b-again\.json`, `reports\/b\.json`/);
});

test('shards of another API or stage, or of another split, are refused', async () => {
  const other = shard(2, { api: { ...shard(2).api, restApiId: 'zzzzzzzzzz' } });
  const merged = await mergeFiles({ 'reports/a.json': shard(1), 'reports/b.json': other, 'reports/c.json': shard(3) });
  assert.match(texts(merged.problems), /`reports\/b\.json` is a report of API `zzzzzzzzzz` stage `prod`/);
  const split = await mergeFiles({ 'reports/a.json': shard(1), 'reports/b.json': shard(2, {}, 4), 'reports/c.json': shard(3) });
  assert.match(texts(split.problems), /`reports\/b\.json` is shard 2\/4, but `reports\/a\.json` is shard 1\/3/);
});

test('shards that saw different deployments are refused', async () => {
  const moved = shard(3, { api: { ...shard(3).api, stageDeploymentId: 'dep999' } });
  const merged = await mergeFiles({ 'reports/a.json': shard(1), 'reports/b.json': shard(2), 'reports/c.json': moved });
  assert.match(
    texts(merged.problems),
    /saw different deployments: shard 1\/3 \(`reports\/a\.json`\) saw the stage's deployment `dep111`, shard 3\/3 \(`reports\/c\.json`\) saw `dep999`/,
  );
});

test('a route checked by two shards is refused: they did not split one manifest', async () => {
  const overlapping = shard(2, { checks: [passed('GET /r9', 9), ...shard(2).checks], shard: { index: 2, count: 3, routes: 3 } });
  const merged = await mergeFiles({ 'reports/a.json': shard(1), 'reports/b.json': overlapping, 'reports/c.json': shard(3) });
  assert.match(
    texts(merged.problems),
    /the route at \.github\/apigw-routes\.yml:9 is checked by both shard 1\/3 \(`reports\/a\.json`\) and shard 2\/3 \(`reports\/b\.json`\)/,
  );
});

test('an empty shard (no routes, no deployment read) merges', async () => {
  const empty = shard(2, {
    checks: [],
    findings: [],
    shard: { index: 2, count: 3, routes: 0 },
    api: { ...shard(2).api, stageDeploymentId: null, latestDeploymentId: null },
  });
  const merged = await mergeFiles({ 'reports/a.json': shard(1), 'reports/b.json': empty, 'reports/c.json': shard(3) });
  assert.deepEqual(merged.problems, []);
  assert.equal(merged.report!.checks.length, 4);
  assert.equal(merged.report!.api.stageDeploymentId, 'dep111');
});

test('a report of another version, or not from a sharded run, or not JSON, is refused naming the file and the field', async () => {
  const cases: [string | Record<string, unknown>, RegExp][] = [
    [{ ...shard(1), version: 2 }, /`reports\/a\.json` is not a shard report of apigw-route-verify: version must be 1/],
    [{ ...shard(1), shard: undefined }, /shard must be present/],
    ['{"version": 1', /it is not JSON/],
    [{ ...shard(1), shard: { index: 1, count: 3, routes: 5 } }, /shard\.routes must be the number of checks \(2\)/],
    [
      { ...shard(1), checks: [{ ...shard(1).checks[0], outcome: 'great' }] },
      /checks\[0\]\.outcome must be one of passed, failed, warning, skipped/,
    ],
    [{ ...shard(1), findings: [{ ...STAGE_FINDING, code: 'pwned' }] }, /findings\[0\]\.code must be a diagnosis code/],
    [{ ...shard(1), controlPlaneCalls: { 'Get\nStage': 1 } }, /controlPlaneCalls must be an object of AWS operation names/],
    [{ ...shard(1), shard: { index: 4, count: 3, routes: 2 } }, /shard\.index must be at most shard\.count/],
    [
      { ...shard(1), checks: [{ ...shard(1).checks[0], route: `GET /${'x'.repeat(9000)}` }, shard(1).checks[1]] },
      /checks\[0\]\.route must be at most 8192 bytes/,
    ],
    [{ ...shard(1), findings: Array(101).fill(STAGE_FINDING) }, /findings must be at most 100/],
  ];
  for (const [content, message] of cases) {
    const merged = await mergeFiles({ 'reports/a.json': typeof content === 'string' ? content : JSON.stringify(content) });
    assert.match(texts(merged.problems), message);
  }
});

test('what a report says is rebuilt: docs links come from the code, unknown fields are dropped', async () => {
  const evil = shard(2);
  evil.checks[0] = failed('GET /r7', 7, 'route-not-deployed');
  evil.checks[0].diagnosis!.docs = 'javascript:alert(1)';
  evil.findings[0] = { ...STAGE_FINDING, docs: 'https://evil.example/' };
  const merged = await mergeFiles({
    'reports/a.json': shard(1),
    'reports/b.json': { ...evil, extra: 'smuggled', api: { ...evil.api, token: 'x' } } as unknown as Report,
    'reports/c.json': shard(3),
  });
  const r = merged.report!;
  assert.ok(!JSON.stringify(r).includes('evil.example') && !JSON.stringify(r).includes('javascript:'));
  const [check] = r.checks;
  assert.ok(check?.diagnosis);
  assert.match(check.diagnosis.docs, /docs\/diagnoses\.md#route-not-deployed$/);
  assert.equal('extra' in r || 'token' in r.api, false);
});

test('a report over the size limit is refused unread', async () => {
  const dir = await workspace({});
  await mkdir(path.join(dir, 'reports'));
  const big = path.join(dir, 'reports', 'big.json');
  await writeFile(big, '');
  await truncate(big, MAX_REPORT_BYTES + 1); // sparse: nothing is written
  const read = await readShardReports(['reports/*.json'], dir);
  assert.equal(MAX_REPORT_BYTES, 64 * 1024 * 1024);
  assert.match(
    texts(read.problems),
    new RegExp(`\`reports/big\\.json\` .*${MAX_REPORT_BYTES + 1} bytes, over the ${MAX_REPORT_BYTES}-byte limit`),
  );
  const small = await mergeFiles({ 'reports/a.json': shard(1) }, ['reports/*.json'], 100);
  assert.match(texts(small.problems), /over the 100-byte limit/);
});

test('paths outside the workspace are refused, symbolic links out of it too', async () => {
  await writeFile(path.join(root, 'outside.json'), JSON.stringify(shard(1)));
  const dir = await workspace({ 'reports/a.json': shard(1) });
  await symlink(path.join(root, 'outside.json'), path.join(dir, 'reports', 'link.json'));
  for (const pattern of ['../outside.json', path.join(root, 'outside.json'), '/etc/*', 'reports/../../*.json']) {
    const read = await readShardReports([pattern], dir);
    assert.match(texts(read.problems), /outside the workspace/, pattern);
    assert.equal(read.files.length, 0, pattern);
  }
  const linked = await readShardReports(['reports/*.json'], dir);
  assert.match(texts(linked.problems), /`reports\/link\.json` leads outside the workspace/);
  const inside = await readShardReports([path.join(dir, 'reports', 'a.json')], dir);
  assert.deepEqual(inside.problems, []);
  assert.equal(inside.files[0]?.name, 'reports/a.json');
});

test('a pattern that matches nothing, or no pattern, is an error', async () => {
  const dir = await workspace({ 'reports/a.json': shard(1) });
  assert.match(
    texts((await readShardReports(['reports/*.json', 'other/*.json'], dir)).problems),
    /`other\/\*\.json` matches no report file/,
  );
  assert.match(texts((await readShardReports([], dir)).problems), /`merge-reports` is empty/);
});

test("a shard's run is checked like the rest and not carried into the merge (the merging job links its own run)", async () => {
  const RUN = {
    sha: '3f9c2a1e5b7d4c6a8e0f1b2c3d4e5f6a7b8c9d0e',
    url: 'https://github.com/apigw-route-verify/apigw-route-verify/actions/runs/7',
  };
  const merged = await mergeFiles({
    'reports/shard-1.json': shard(1, { run: RUN }),
    'reports/shard-2.json': shard(2, { run: null }),
    'reports/shard-3.json': shard(3),
  });
  assert.deepEqual(merged.problems, []);
  assert.equal(merged.report && 'run' in merged.report, false);

  const bad: [Report['run'] | Record<string, unknown>, RegExp][] = [
    [{ sha: 'main', url: null }, /run\.sha must be a commit id/],
    [{ sha: null, url: 'http://evil.example/a/b/actions/runs/1' }, /run\.url must be the https URL of a workflow run or null/],
    [{ sha: null, url: 'https://github.com/a/b/actions/runs/1)[x](https://evil.example' }, /run\.url must be/],
    ['yes' as unknown as Record<string, unknown>, /run must be an object/],
  ];
  for (const [run, message] of bad) {
    const refused = await mergeFiles({ 'reports/a.json': { ...shard(1), run } as Report });
    assert.match(texts(refused.problems), message);
  }
});
