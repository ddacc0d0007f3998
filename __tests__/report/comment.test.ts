// The PR comment is short: verdict, counts, commit, run link, one row per failing cause, no evidence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMENT_MAX_BYTES, COMMENT_ROWS_MAX, commentBody } from '../../src/report/comment.ts';
import type { Check } from '../../src/types.ts';
import { diagnosis, failed, finding, fixFor, passed, report, warned } from './builders.ts';

const bytes = (s: string) => Buffer.byteLength(s);
const RUN = {
  sha: '3f9c2a1e5b7d4c6a8e0f1b2c3d4e5f6a7b8c9d0e',
  url: 'https://github.com/apigw-route-verify/apigw-route-verify/actions/runs/42',
};

/** Table rows (not the header or delimiter). */
function rows(body: string): string[] {
  return body.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Route |'));
}

const sample = {
  ...report(
    [
      passed('GET /health', 2),
      failed('GET /users/{id}', 4, 'route-not-deployed'),
      warned('GET /slow', 5),
      ...['/a', '/b', '/c', '/d'].map((p, i) =>
        failed(`GET ${p}`, 10 + i, 'stage-missing-in-url', {
          diagnosis: diagnosis('stage-missing-in-url', { fix: 'Add /prod to base-url.' }),
        }),
      ),
    ],
    [
      finding('stage-behind-latest', 'warning', { message: 'Stage prod is behind. Redeploy it with this long command.' }),
      finding('undeclared-routes', 'notice'),
    ],
  ),
  run: RUN,
};

test('marker, title, counts with commit and run link, a 3-column table of causes, findings, the full-report link', () => {
  const body = commentBody(sample);
  const lines = body.split('\n');
  assert.equal(lines[0], '<!-- apigw-route-verify a1b2c3d4e5/prod -->');
  assert.equal(lines[1], '## ❌ 5 of 7 routes failed · prod · a1b2c3d4e5');
  assert.match(
    lines[3] ?? '',
    /^\*\*2 passed\*\* · \*\*5 failed\*\* · 2 warnings · 5 answered "Missing Authentication Token" · commit `3f9c2a1` · \[workflow run\]\(https:\/\/github\.com\/apigw-route-verify\/apigw-route-verify\/actions\/runs\/42\)$/,
  );
  assert.ok(body.includes('| Route | Cause | What |\n|---|---|---|'));
  assert.deepEqual(rows(body), [
    '| GET /users/{id} | ❌ [`route-not-deployed`](https://github.com/apigw-route-verify/apigw-route-verify/blob/v1/docs/diagnoses.md#route-not-deployed) | Title of route-not-deployed |',
    '| GET /a, GET /b, GET /c and 1 more | ❌ [`stage-missing-in-url`](https://github.com/apigw-route-verify/apigw-route-verify/blob/v1/docs/diagnoses.md#stage-missing-in-url) | Title of stage-missing-in-url |',
    '| GET /slow | ⚠️ [`flaky`](https://github.com/apigw-route-verify/apigw-route-verify/blob/v1/docs/diagnoses.md#flaky) | Title of flaky |',
  ]);
  assert.match(body, /^\*\*6 routes to look at, 3 causes:\*\*$/m);
  assert.match(body, /^- ⚠️ \[`stage-behind-latest`\]\(\S+\) — Stage prod is behind\.$/m, 'a finding in its first sentence');
  assert.doesNotMatch(body, /undeclared-routes/, 'notices stay in the summary');
  assert.ok(body.trimEnd().endsWith(`Full report: [the job summary of this run](${RUN.url})`));
  for (const row of rows(body)) assert.equal(row.split(/(?<!\\)\|/).length, 5, `three columns: ${row}`);
});

test('no evidence, no reproduce command, no run details, no sections', () => {
  const body = commentBody(sample);
  assert.doesNotMatch(body, /```|<details>|Evidence|curl|REST API|Control-plane calls/);
});

test('a passing run: the verdict, the counts and the link only', () => {
  const body = commentBody({ ...report([passed('GET /health', 2)]), run: RUN });
  assert.equal(
    body,
    [
      '<!-- apigw-route-verify a1b2c3d4e5/prod -->',
      '## ✅ 1 route passed · prod · a1b2c3d4e5',
      '',
      `**1 passed** · **0 failed** · commit \`3f9c2a1\` · [workflow run](${RUN.url})`,
      '',
      `Full report: [the job summary of this run](${RUN.url})`,
      '',
    ].join('\n'),
  );
  assert.doesNotMatch(commentBody(report([passed('GET /health', 2)])), /\]\(|commit/, 'no run known: no link, no commit');
});

function manyFailing(n: number): Check[] {
  return Array.from({ length: n }, (_, i) => failed(`GET /items/${i}/${'x'.repeat(200)}`, i + 2, 'resource-not-found'));
}

test(`rows stop at ${COMMENT_ROWS_MAX}, and the comment says how many causes and routes it did not show`, () => {
  const body = commentBody(report(manyFailing(45)));
  assert.equal(rows(body).length, COMMENT_ROWS_MAX);
  assert.match(body, /^…and 15 more causes not shown \(15 routes\)\.$/m);
});

test('10,000 failing checks: the comment stays under the cap and names the count not shown', () => {
  const body = commentBody({ ...report(manyFailing(10_000)), run: RUN });
  assert.ok(bytes(body) <= COMMENT_MAX_BYTES, `${bytes(body)} bytes`);
  assert.ok(bytes(body) < 20_000, `compact: ${bytes(body)} bytes`);
  assert.equal(rows(body).length, COMMENT_ROWS_MAX);
  assert.match(body, /^…and 9,970 more causes not shown \(9,970 routes\)\.$/m);
  assert.match(body, /^## ❌ 10,000 of 10,000 routes failed · /m);
  assert.ok(body.trimEnd().endsWith(`Full report: [the job summary of this run](${RUN.url})`));
});

test('huge routes and titles: cells are cut, a tight cap drops rows whole and still counts them', () => {
  const huge = Array.from({ length: 30 }, (_, i) =>
    failed(`GET /${i}${'é'.repeat(50_000)}`, i + 2, 'resource-not-found', {
      diagnosis: diagnosis('resource-not-found', { title: 't'.repeat(50_000), fix: fixFor(i) }),
    }),
  );
  const body = commentBody(report(huge));
  assert.ok(bytes(body) <= COMMENT_MAX_BYTES, `${bytes(body)} bytes`);
  assert.equal(rows(body).length, 30);
  const tight = commentBody(report(huge), 3000);
  assert.ok(bytes(tight) <= 3000, `${bytes(tight)} bytes`);
  const shown = rows(tight).length;
  assert.ok(shown < 30, `${shown} rows`);
  assert.ok(tight.includes(`…and ${30 - shown} more causes not shown (${30 - shown} routes).`));
});
