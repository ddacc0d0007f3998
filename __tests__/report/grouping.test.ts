// One entry per cause: same code + same fix (route-specific part blanked for run-wide codes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { registry } from '../../src/diagnose/registry.ts';
import { planAnnotations } from '../../src/report/annotations.ts';
import { causeKey, groupByCause, RUN_WIDE_CHECK_CODES, withoutRoute } from '../../src/report/grouping.ts';
import { checksByImportance } from '../../src/report/importance.ts';
import { renderSummary } from '../../src/report/summary.ts';
import type { Check } from '../../src/types.ts';
import { diagnosis, failed, MANIFEST, report } from './builders.ts';

const BASE = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod';

/** A failed check whose diagnosis is `code` with `fix`. */
function withFix(route: string, line: number, code: string, fix: string, over: Partial<Check> = {}): Check {
  return failed(route, line, code, { diagnosis: diagnosis(code, { fix }), ...over });
}

/** The routes of each cause, in order. */
function causes(checks: Check[]): string[][] {
  return groupByCause(checksByImportance(checks), BASE).map((c) => c.checks.map((x) => x.route));
}

const SAME_FIX = 'Add the stage to base-url: `base-url: https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod`.';

const cases: { name: string; checks: Check[]; expected: string[][] }[] = [
  {
    name: 'same code and same fix: one cause',
    checks: [withFix('GET /a', 2, 'route-not-deployed', 'Redeploy.'), withFix('GET /b', 3, 'route-not-deployed', 'Redeploy.')],
    expected: [['GET /a', 'GET /b']],
  },
  {
    name: 'same code, different fix: two causes',
    checks: [withFix('GET /a', 2, 'resource-not-found', 'Rename to /x.'), withFix('GET /b', 3, 'resource-not-found', 'Rename to /y.')],
    expected: [['GET /a'], ['GET /b']],
  },
  {
    name: 'same fix, different code: two causes',
    checks: [withFix('GET /a', 2, 'route-not-deployed', 'Redeploy.'), withFix('GET /b', 3, 'method-not-defined', 'Redeploy.')],
    expected: [['GET /a'], ['GET /b']],
  },
  {
    name: 'same code and fix at different severities: two causes',
    checks: [
      withFix('GET /a', 2, 'auth-mismatch', 'Set auth.'),
      withFix('GET /b', 3, 'auth-mismatch', 'Set auth.', {
        outcome: 'warning',
        diagnosis: diagnosis('auth-mismatch', { severity: 'warning', fix: 'Set auth.' }),
      }),
    ],
    expected: [['GET /a'], ['GET /b']],
  },
  {
    name: 'a run-wide code whose fix quotes the route path: one cause',
    checks: [
      withFix('GET /health', 7, 'cloudfront-path', 'Make the path the gateway sees /prod/health: strip `/api`.'),
      withFix('GET /users/{id}', 8, 'cloudfront-path', 'Make the path the gateway sees /prod/users/42: strip `/api`.', {
        url: `${BASE}/users/42`,
      }),
    ],
    expected: [['GET /health', 'GET /users/{id}']],
  },
  {
    name: 'a route-local code whose fix differs only by the route: two causes (two resources to add)',
    checks: [
      withFix('GET /a', 2, 'resource-not-found', 'Add the resource /a.'),
      withFix('GET /b', 3, 'resource-not-found', 'Add the resource /b.'),
    ],
    expected: [['GET /a'], ['GET /b']],
  },
  {
    name: 'a check without a diagnosis is its own entry',
    checks: [failed('GET /a', 2, 'x', { diagnosis: null }), failed('GET /b', 3, 'x', { diagnosis: null })],
    expected: [['GET /a'], ['GET /b']],
  },
  {
    name: 'the cause sits where its most important check is; others keep their order',
    checks: [
      withFix('GET /z', 2, 'integration-error', 'Fix the Lambda.', { errorType: null, status: 502 }),
      withFix('GET /a', 3, 'stage-missing-in-url', SAME_FIX, { url: 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/a' }),
      withFix('GET /b', 4, 'stage-missing-in-url', SAME_FIX, { url: 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/b' }),
    ],
    // MAT answers come before other errors
    expected: [['GET /a', 'GET /b'], ['GET /z']],
  },
];

for (const { name, checks, expected } of cases) {
  test(`grouping: ${name}`, () => assert.deepEqual(causes(checks), expected));
}

test('withoutRoute blanks the route, its URL and request path, but not a longer path that starts the same', () => {
  const check = failed('GET /users', 2, 'cloudfront-path', { url: `${BASE}/users?x=1` });
  const blanked = withoutRoute('See /prod/users: GET /users, not /users/{id} nor /usersX; the URL was ' + check.url, check, BASE);
  assert.doesNotMatch(blanked, /\/users(?![/X])/);
  assert.match(blanked, /\/users\/\{id\}/);
  assert.match(blanked, /\/usersX/);
  // the root path is never blanked: it would blank every slash
  const root = failed('GET /', 2, 'cloudfront-path', { url: `${BASE}/` });
  assert.equal(withoutRoute('a/b/c', root, BASE), 'a/b/c');
});

test('causeKey: the run-wide fix is compared without the route, a route-local one verbatim', () => {
  const a = withFix('GET /a', 2, 'cloudfront-path', 'Serve /prod/a.', { url: `${BASE}/a` });
  const b = withFix('GET /b', 3, 'cloudfront-path', 'Serve /prod/b.', { url: `${BASE}/b` });
  assert.equal(causeKey(a, 'error', BASE), causeKey(b, 'error', BASE));
  const c = withFix('GET /a', 2, 'route-not-deployed', 'Serve /prod/a.', { url: `${BASE}/a` });
  const d = withFix('GET /b', 3, 'route-not-deployed', 'Serve /prod/b.', { url: `${BASE}/b` });
  assert.notEqual(causeKey(c, 'error', BASE), causeKey(d, 'error', BASE));
});

test('every run-wide code is a check code of the registry', () => {
  const checkCodes = new Set(registry.filter((r) => r.check).map((r) => r.meta.code));
  assert.deepEqual(
    [...RUN_WIDE_CHECK_CODES].filter((code) => !checkCodes.has(code)),
    [],
  );
});

const stageless = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    withFix(`GET /r${i}`, 10 + i, 'stage-missing-in-url', SAME_FIX, {
      url: `https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/r${i}`,
    }),
  );

test('a shared cause is ONE annotation on its first route, naming the others (capped)', () => {
  const two = planAnnotations(report(stageless(2)));
  assert.equal(two.length, 1);
  assert.equal(two[0]?.title, 'stage-missing-in-url: GET /r0 and 1 more route');
  assert.deepEqual([two[0]?.file, two[0]?.startLine], [MANIFEST, 10]);
  assert.match(two[0]?.message ?? '', /^Title of stage-missing-in-url\nSame cause and fix on 1 more route: GET \/r1 \(line 11\)\.\n/);
  assert.ok(two[0]?.message.includes(`Fix: ${SAME_FIX}`));

  const many = planAnnotations(report(stageless(40)));
  assert.equal(many.length, 1, 'one annotation, not 40');
  assert.equal(many[0]?.title, 'stage-missing-in-url: GET /r0 and 39 more routes');
  const named = many[0]?.message.match(/GET \/r\d+ \(line \d+\)/g) ?? [];
  assert.equal(named.length, 10, 'ten of the others named');
  assert.match(many[0]?.message ?? '', /, and 29 more \(see the job summary\)\./);
});

test('a group of one is a plain entry: the usual annotation title and summary section', () => {
  const [one] = planAnnotations(report(stageless(1)));
  assert.equal(one?.title, 'stage-missing-in-url: GET /r0');
  assert.doesNotMatch(one?.message ?? '', /Same cause/);
  const md = renderSummary(report(stageless(1)));
  assert.match(md, /<summary>❌ <code>stage-missing-in-url<\/code> — GET \/r0 \(\.github\/apigw-routes\.yml:10\)<\/summary>/);
  assert.doesNotMatch(md, /One cause, one fix/);
});

test('a shared cause is ONE summary section listing its routes; distinct fixes keep their own', () => {
  const checks = [...stageless(5), withFix('GET /other', 30, 'resource-not-found', 'Add the resource /other.')];
  const md = renderSummary(report(checks));
  const sections = [...md.matchAll(/<details>\n<summary>(.*)<\/summary>/g)].map((m) => m[1]);
  assert.deepEqual(sections, [
    '❌ <code>stage-missing-in-url</code> — 5 routes: GET /r0, GET /r1, GET /r2 and 2 more',
    '❌ <code>resource-not-found</code> — GET /other (.github/apigw-routes.yml:30)',
  ]);
  assert.match(md, /^### Failures and warnings \(6, 2 causes\)$/m);
  for (let i = 0; i < 5; i++)
    assert.ok(md.includes(`- \`GET /r${i}\` (.github/apigw-routes.yml:${10 + i}) → 403 MissingAuthenticationToken`));
  assert.equal(md.split(`**Fix:** ${SAME_FIX}`).length - 1, 1, 'the shared fix is written once');
  // the table still has one row per route
  for (let i = 0; i < 5; i++) assert.match(md, new RegExp(`^\\| GET /r${i} \\|`, 'm'));
});
