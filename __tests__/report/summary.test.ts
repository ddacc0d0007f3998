import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderSummary, SUMMARY_MAX_BYTES } from '../../src/report/summary.ts';
import type { Check } from '../../src/types.ts';
import { diagnosis, failed, finding, fixFor, passed, report, warned } from './builders.ts';

const bytes = (s: string) => Buffer.byteLength(s);
const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

/** The cells of a markdown table row, split on unescaped pipes (GFM). */
function cells(row: string): string[] {
  return row
    .trim()
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

function rowOf(markdown: string, route: string): string[] {
  const row = markdown.split('\n').find((l) => l.startsWith(`| ${route} |`));
  assert.ok(row, `a table row for ${route}`);
  return cells(row);
}

/** The <details> sections, each as its text. */
function sections(markdown: string): string[] {
  return [...markdown.matchAll(/<details>\n[\s\S]*?\n<\/details>/g)].map((m) => m[0]);
}

const mixed = report(
  [
    passed('GET /health', 2),
    warned('GET /slow', 3),
    failed('GET /users/{id}', 4, 'route-not-deployed', { attempts: 3, durationMs: 41.4 }),
    failed('POST /orders', 6, 'integration-error', { status: 502, errorType: null }),
    { ...passed('GET /admin', 7), outcome: 'skipped', status: null },
  ],
  [finding('stage-behind-latest', 'warning', { message: 'Stage prod is on dep111, the newest deployment is dep222.' })],
  {
    api: {
      restApiId: 'a1b2c3d4e5',
      stage: 'prod',
      region: 'us-east-1',
      baseUrl: 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod',
      stageDeploymentId: 'dep111',
      latestDeploymentId: 'dep222',
    },
  },
);

test('the first line is the verdict, the next the counts', () => {
  const [title, blank, counts] = renderSummary(mixed).split('\n');
  assert.equal(title, '## ❌ 2 of 5 routes failed · prod · a1b2c3d4e5');
  assert.equal(blank, '');
  assert.equal(counts, '**2 passed** · **2 failed** · 2 warnings · 1 answered "Missing Authentication Token" · 1 skipped');
  const pass = renderSummary(report([passed('GET /', 2)])).split('\n');
  assert.equal(pass[0], '## ✅ 1 route passed · prod · a1b2c3d4e5');
  assert.equal(pass[2], '**1 passed** · **0 failed**', 'a passing run does not say "0 answered Missing Authentication Token"');
  // an error finding fails the run although every route answered
  assert.match(
    renderSummary(report([passed('GET /', 2)], [finding('deployment-mismatch', 'error')])),
    /^## ❌ failed: deployment-mismatch · prod · a1b2c3d4e5\n\n\*\*1 passed\*\* · \*\*0 failed\*\*/,
  );
});

test('the API block names the deployments and says when they differ', () => {
  const md = renderSummary(mixed);
  assert.match(md, /- \*\*REST API:\*\* `a1b2c3d4e5`/);
  assert.match(md, /- \*\*Base URL:\*\* `https:\/\/a1b2c3d4e5\.execute-api\.us-east-1\.amazonaws\.com\/prod`/);
  assert.match(md, /- \*\*Stage's deployment:\*\* `dep111`/);
  assert.match(md, /- \*\*Newest deployment:\*\* `dep222` — .*differs from the stage's deployment/);

  const same = renderSummary(report([passed('GET /', 2)]));
  assert.match(same, /- \*\*Newest deployment:\*\* `dep111` \(the stage is on it\)/);
  assert.doesNotMatch(same, /differs/);

  const blind = renderSummary(
    report([passed('GET /', 2)], [], {
      api: { restApiId: 'a1', stage: 'prod', region: 'us-east-1', baseUrl: 'https://x', stageDeploymentId: null, latestDeploymentId: null },
    }),
  );
  assert.match(blind, /- \*\*Stage's deployment:\*\* unknown/);
  assert.match(blind, /- \*\*Newest deployment:\*\* unknown/);
});

test('findings show severity, a docs link on the code and the message', () => {
  assert.match(
    renderSummary(mixed),
    /^- ⚠️ \*\*warning\*\* · \[`stage-behind-latest`\]\(https:\/\/\S+#stage-behind-latest\) — Stage prod is on dep111, the newest deployment is dep222\.$/m,
  );
  assert.doesNotMatch(renderSummary(report([passed('GET /', 2)])), /### Findings/);
});

test('the table has one row per check: route, auth, status with error type, time, result with code', () => {
  const md = renderSummary(mixed);
  assert.deepEqual(cells(md.split('\n').find((l) => l.startsWith('| Route'))!), ['Route', 'Auth', 'Status', 'Time', 'Result']);
  assert.equal(count(md, /^\| (GET|POST) /gm), 5);
  assert.deepEqual(rowOf(md, 'GET /health'), ['GET /health', 'none', '200', '40 ms', '✅ passed']);
  const [, , status, time, result] = rowOf(md, 'GET /users/{id}');
  assert.ok(result !== undefined);
  assert.equal(status, '403 MissingAuthenticationToken');
  assert.equal(time, '41 ms');
  assert.match(result, /^❌ \[`route-not-deployed`\]\(https:\/\/\S+#route-not-deployed\)$/);
  assert.match(rowOf(md, 'GET /slow')[4] ?? '', /^⚠️ \[`flaky`\]/);
  assert.deepEqual(rowOf(md, 'GET /admin').slice(2), ['no response', '40 ms', '⏭️ skipped']);
});

test('one details section per failure or warning, most important first, with everything to act on', () => {
  const md = renderSummary(mixed);
  const found = sections(md);
  assert.equal(found.length, 3);
  assert.ok(found[0] !== undefined && found[1] !== undefined && found[2] !== undefined);
  assert.match(found[0], /<summary>❌ <code>route-not-deployed<\/code> — GET \/users\/\{id\} \(\.github\/apigw-routes\.yml:4\)<\/summary>/);
  assert.match(found[1], /<code>integration-error<\/code> — POST \/orders/);
  assert.match(found[2], /<summary>⚠️ <code>flaky<\/code> — GET \/slow/);

  const first = found[0];
  const d = mixed.checks[2]?.diagnosis;
  assert.ok(d);
  assert.ok(first.includes(d.explanation));
  assert.ok(first.includes(`**Fix:** ${d.fix}`));
  assert.ok(first.includes(`\`\`\`bash\n${d.reproduce}\n\`\`\``), 'a copy-paste bash block');
  const evidence = /```json\n([\s\S]*?)\n```/.exec(first)?.[1];
  assert.ok(evidence !== undefined, 'an evidence block');
  assert.deepEqual(JSON.parse(evidence), d.evidence);
  assert.ok(first.includes(`[Docs: route-not-deployed](${d.docs})`));
  assert.match(first, /· 3 attempts/);
  assert.doesNotMatch(found[1], /attempts/, 'a single attempt is not mentioned');
  // GitHub renders markdown inside <details> only after a blank line
  assert.match(first, /<\/summary>\n\n/);
});

test('a route containing | stays in its cell', () => {
  const md = renderSummary(report([failed('GET /a|b', 2)]));
  const row = md.split('\n').find((l) => l.startsWith('| GET /a'))!;
  assert.equal(row.split(/(?<!\\)\|/).length, 7, 'five cells between six pipes');
  assert.equal(rowOf(md, 'GET /a\\|b')[0], 'GET /a\\|b');
});

test('user data cannot open tags, close the sections or break rows and code blocks', () => {
  const evil: Check = failed('GET /x</details><img src=x>`y`\nnext', 2, 'resource-not-found', {
    url: 'https://x/prod/x%3C/details%3E', // the probe percent-encodes what it sends
    errorType: 'Bad</summary>Exception',
    diagnosis: diagnosis('resource-not-found', {
      explanation: 'No resource </details> matched <b>here</b>; try `GET <id>`.',
      reproduce: "curl -i 'https://x/'\n```\n<script>alert(1)</script>",
    }),
  });
  const md = renderSummary(report([evil, failed('GET /ok', 3)]));
  // two failure sections and the run details block
  assert.equal(count(md, /<details>/g), 3);
  assert.equal(count(md, /<\/details>/g), 3);
  assert.equal(count(md, /<\/summary>/g), 3);
  assert.doesNotMatch(md, /<img|<b>/);
  assert.ok(md.includes('No resource &lt;/details&gt; matched &lt;b&gt;here&lt;/b&gt;; try `GET <id>`.'), 'code spans keep their text');
  const row = md.split('\n').find((l) => l.startsWith('| GET /x'))!;
  assert.equal(row.split(/(?<!\\)\|/).length, 7, 'the newline did not end the row');
  assert.match(md, /<summary>.*GET \/x&lt;\/details&gt;&lt;img src=x&gt;`y` next \(/, 'the summary line is escaped and one line');
  assert.ok(row.includes('\\`y\\`'));
  // the reproduce block's fence is longer than the ``` inside it, so the script stays code
  assert.match(md, /````bash\ncurl -i 'https:\/\/x\/'\n```\n<script>alert\(1\)<\/script>\n````/);
});

function manyFailures(n: number): Check[] {
  const explanation = 'The gateway answered Missing Authentication Token because no deployed resource matches. '.repeat(25);
  return Array.from({ length: n }, (_, i) =>
    // each its own fix: 5,000 causes, not one shared
    failed(`GET /items/${i}`, i + 2, 'resource-not-found', {
      diagnosis: diagnosis('resource-not-found', { explanation, fix: fixFor(i + 2) }),
    }),
  );
}

test('5,000 failures: under 1 MiB, failure sections trimmed first, with a note saying how many', () => {
  const md = renderSummary(report(manyFailures(5000)), { reportFile: '/runner/temp/apigw-route-verify.json' });
  assert.ok(bytes(md) <= SUMMARY_MAX_BYTES && SUMMARY_MAX_BYTES < 1024 * 1024, `${bytes(md)} bytes`);
  assert.equal(count(md, /^\| GET \/items\//gm), 5000, 'every table row is kept');
  const shown = sections(md).length;
  assert.ok(shown > 0 && shown < 5000, `${shown} sections`);
  assert.ok(
    md.includes(`${(5000 - shown).toLocaleString('en-US')} failure sections of 5,000 were left out`),
    'the note counts what was left out',
  );
  assert.ok(md.includes('the JSON report (`/runner/temp/apigw-route-verify.json`) has everything'));
  assert.ok(md.includes('<summary>❌ <code>resource-not-found</code> — GET /items/0 '), 'the first by line comes first');
  assert.ok(md.trimEnd().endsWith('</details>'), 'no section is cut in half');
});

test('a small limit drops every section, then table rows (passing ones first), and says so', () => {
  const checks = [...manyFailures(5000), ...Array.from({ length: 50 }, (_, i) => passed(`GET /ok/${i}`, 6000 + i))];
  const md = renderSummary(report(checks), { maxBytes: 20_000 });
  assert.ok(bytes(md) <= 20_000, `${bytes(md)} bytes`);
  assert.equal(sections(md).length, 0);
  const failedRows = count(md, /^\| GET \/items\//gm);
  assert.equal(count(md, /^\| GET \/ok\//gm), 0, 'passing rows go before failing ones');
  assert.ok(failedRows > 10, `${failedRows} rows`);
  assert.ok(md.includes(`${(5050 - failedRows).toLocaleString('en-US')} checks of 5,050 were left out of the table`));
  assert.match(md, /5,000 failure sections of 5,000 were left out/);
  assert.match(md.split('\n')[0] ?? '', /^## ❌ /, 'the verdict survives');
});

test('never throws on size, whatever the limit', () => {
  for (const maxBytes of [0, 5, 300, 2000]) {
    const md = renderSummary(report(manyFailures(20)), { maxBytes });
    assert.ok(bytes(md) <= maxBytes, `${maxBytes}: ${bytes(md)} bytes`);
  }
});

test('a summary that fits is not trimmed and has no note', () => {
  const md = renderSummary(mixed, { maxBytes: 100_000 });
  assert.doesNotMatch(md, /left out/);
  assert.equal(md, renderSummary(mixed));
});

test('summary: says why the definition (GetResources) was or was not read, Markdown escaped', () => {
  const md = renderSummary({
    ...report([passed('GET /', 2)]),
    definitionRead: 'read before probing: ANY /admin_*x* may use any of 2 <b>CUSTOM</b> authorizers',
  });
  const line = md.split('\n').find((l) => l.startsWith('- **Definition (GetResources):**'));
  assert.ok(line, 'a definition line');
  assert.match(line, /read before probing: ANY \/admin\\_\\\*x\\\* may use any of 2 &lt;b&gt;CUSTOM&lt;\/b&gt; authorizers/);
  assert.equal(
    count(renderSummary(report([passed('GET /', 2)])), /Definition \(GetResources\)/g),
    0,
    'no line when the report does not say',
  );
});

/** The routes of the checks table, top to bottom. */
function tableRoutes(markdown: string): string[] {
  const start = markdown.indexOf('| Route |');
  return markdown
    .slice(start)
    .split('\n')
    .slice(2)
    .filter((l) => l.startsWith('| '))
    .map((l) => cells(l)[0] ?? '');
}

test('the table lists failures first, then warnings, skips and passes, manifest order within each', () => {
  assert.deepEqual(tableRoutes(renderSummary(mixed)), ['GET /users/{id}', 'POST /orders', 'GET /slow', 'GET /admin', 'GET /health']);
});

test('up to 50 checks the table lists them all; past 50 only those that did not pass, and says how many it left out', () => {
  const fifty = [failed('GET /bad', 2), ...Array.from({ length: 49 }, (_, i) => passed(`GET /ok/${i}`, 10 + i))];
  const all = renderSummary(report(fifty));
  assert.equal(tableRoutes(all).length, 50);
  assert.doesNotMatch(all, /passing route/);

  const many = [...fifty, passed('GET /ok/49', 99), warned('GET /slow', 100)];
  const md = renderSummary(report(many));
  assert.deepEqual(tableRoutes(md), ['GET /bad', 'GET /slow']);
  assert.match(md, /^50 passing routes not listed \(see the JSON report\)\.$/m);

  const allPass = renderSummary(report(Array.from({ length: 60 }, (_, i) => passed(`GET /ok/${i}`, 10 + i))));
  assert.doesNotMatch(allPass, /\| Route \|/, 'no table of nothing');
  assert.match(allPass, /^60 passing routes not listed \(see the JSON report\)\.$/m);
});

test('the run details come after the table, folded, with the API, deployments, calls and shard', () => {
  const md = renderSummary({ ...mixed, shard: { index: 2, count: 3, routes: 5 } });
  const table = md.indexOf('### Checks');
  const details = md.indexOf('<details><summary>Run details');
  assert.ok(table > 0 && details > table, 'the table before the details');
  assert.ok(md.indexOf('**REST API:**') > details && md.indexOf('**Control-plane calls:**') > details);
  assert.match(md, /\*\*Shard:\*\* 2 of 3, 5 routes checked by this job\./);
  assert.ok(md.trimEnd().endsWith('</details>'));
  // three lines and the table: the verdict, a blank, the counts, a blank, the table
  assert.equal(md.split('\n')[4], '### Checks');
});

test('the counts line names the commit and links the run when the report has them; escaped', () => {
  const sha = '3f9c2a1e5b7d4c6a8e0f1b2c3d4e5f6a7b8c9d0e';
  const url = 'https://github.com/apigw-route-verify/apigw-route-verify/actions/runs/42';
  const md = renderSummary({ ...mixed, run: { sha, url } });
  assert.match(
    md.split('\n')[2] ?? '',
    / · commit `3f9c2a1` · \[workflow run\]\(https:\/\/github\.com\/apigw-route-verify\/apigw-route-verify\/actions\/runs\/42\)$/,
  );
  assert.doesNotMatch(renderSummary({ ...mixed, run: null }).split('\n')[2] ?? '', /commit|workflow run/);
  assert.doesNotMatch(renderSummary({ ...mixed, run: { sha, url: null } }).split('\n')[2] ?? '', /workflow run/);
});
