// End-to-end: the bundled action against the emulator's "shop" API with a base URL that lacks
// the stage. Both routes fail for that one reason: ONE annotation names both, and the summary
// names the commit and links the run the runner's GITHUB_* variables describe — only when they
// are well-formed. Needs the bundle (npm test builds it).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { type Emulator, startEmulator } from '../../emulator/index.ts';
import { type ActionRun, annotationsOf, runAction } from '../../emulator/run-action.ts';
import { SHOP_API_ID, STAGELESS_MANIFEST, shopModel } from '../../emulator/scenarios/shop.ts';
import { MANIFEST_PATH, lineOf, reportOf } from './support-routing.ts';

const SHA = '3f9c2a1e5b7d4c6a8e0f1b2c3d4e5f6a7b8c9d0e';
const GITHUB_RUN = {
  GITHUB_SHA: SHA,
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'apigw-route-verify/apigw-route-verify',
  GITHUB_RUN_ID: '9876543210',
  GITHUB_RUN_ATTEMPT: '2',
};
const RUN_URL = 'https://github.com/apigw-route-verify/apigw-route-verify/actions/runs/9876543210/attempts/2';

describe('a base URL without the stage: one cause for every route', () => {
  let emulator: Emulator;
  let run: ActionRun;
  let forged: ActionRun;

  before(async () => {
    emulator = await startEmulator(shopModel({ stageOnNewest: true }));
    const stageless = (env: Record<string, string>) =>
      runAction({
        emulator,
        inputs: { 'base-url': emulator.invokeUrl(SHOP_API_ID), 'connect-to': emulator.connectTo },
        files: { [MANIFEST_PATH]: STAGELESS_MANIFEST },
        env,
      });
    run = await stageless(GITHUB_RUN);
    forged = await stageless({
      ...GITHUB_RUN,
      GITHUB_SERVER_URL: 'http://evil.example',
      GITHUB_REPOSITORY: 'x/y)[z](https://evil.example',
    });
  });

  after(() => emulator?.close());

  test('both routes are diagnosed stage-missing-in-url, and ONE annotation names both', () => {
    const checks = reportOf(run).checks;
    assert.deepEqual(
      checks.map((c) => [c.route, c.diagnosis?.code]),
      [
        ['GET /health', 'stage-missing-in-url'],
        ['GET /users/{id}', 'stage-missing-in-url'],
      ],
    );
    const annotations = annotationsOf(run.stdout).filter((a) => a.title?.startsWith('stage-missing-in-url'));
    assert.equal(annotations.length, 1, JSON.stringify(annotationsOf(run.stdout).map((a) => a.title)));
    const [one] = annotations;
    assert.ok(one);
    assert.equal(one.title, 'stage-missing-in-url: GET /health and 1 more route');
    assert.deepEqual([one.level, one.file, one.line], ['error', MANIFEST_PATH, lineOf(STAGELESS_MANIFEST, '- GET /health')]);
    assert.match(
      one.message,
      new RegExp(`Same cause and fix on 1 more route: GET /users/\\{id\\} \\(line ${lineOf(STAGELESS_MANIFEST, 'GET /users/{id}')}\\)`),
    );
  });

  test('the summary: a one-line verdict, the counts with the commit and the run link, one section for the cause', () => {
    const lines = run.summary.split('\n');
    assert.equal(lines[0], `## ❌ 2 of 2 routes failed · prod · ${SHOP_API_ID}`);
    assert.ok(lines[2]?.includes(`commit \`${SHA.slice(0, 7)}\``), lines[2]);
    assert.ok(lines[2]?.includes(`[workflow run](${RUN_URL})`), lines[2]);
    assert.equal(run.summary.match(/<summary>❌ <code>stage-missing-in-url<\/code>/g)?.length, 1);
    assert.match(run.summary, /<summary>❌ <code>stage-missing-in-url<\/code> — 2 routes: GET \/health, GET \/users\/\{id\}<\/summary>/);
    assert.deepEqual(reportOf(run).run, { sha: SHA, url: RUN_URL });
  });

  test('a run URL from an http server or a malformed repository is not linked; the commit still is', () => {
    // docs links fall back to github.com too (src/docs.ts)
    assert.doesNotMatch(forged.summary, /evil|workflow run/);
    assert.ok(forged.summary.split('\n')[2]?.includes(`commit \`${SHA.slice(0, 7)}\``));
    assert.deepEqual(reportOf(forged).run, { sha: SHA, url: null });
  });
});
