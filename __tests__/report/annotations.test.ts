import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ANNOTATION_MAX_BYTES, emitAnnotations, planAnnotations } from '../../src/report/annotations.ts';
import type { Annotation } from '../../src/report/annotations.ts';
import { diagnosis, failed, finding, MANIFEST, passed, report, warned } from './builders.ts';

const titles = (list: Annotation[]) => list.map((a) => a.title);

test('orders errors, then warnings, then notices; invalidating findings, then MAT answers, then by line', () => {
  const r = report(
    [
      passed('GET /health', 2),
      warned('GET /slow', 3),
      failed('GET /orders', 4, 'integration-error', { status: 502, errorType: null }),
      failed('GET /users/{id}', 9),
      failed('GET /users', 5),
      { ...passed('GET /skipped', 11), outcome: 'skipped' },
    ],
    [
      finding('undeclared-routes', 'notice'),
      finding('stage-behind-latest', 'warning'),
      finding('control-plane-denied', 'warning', { source: { file: MANIFEST, line: 1 } }),
      finding('stage-not-found', 'error', { source: { file: MANIFEST, line: 3 } }),
    ],
  );
  assert.deepEqual(titles(planAnnotations(r)), [
    'stage-not-found',
    'route-not-deployed: GET /users',
    'route-not-deployed: GET /users/{id}',
    'integration-error: GET /orders',
    'stage-behind-latest',
    'control-plane-denied',
    'flaky: GET /slow',
    'undeclared-routes',
  ]);
});

test('a check annotation sits on its route line and reads title, explanation, fix and docs', () => {
  const check = failed('GET /users/{id}', 12, 'route-not-deployed', { source: { file: MANIFEST, line: 12, column: 5 } });
  const [a] = planAnnotations(report([check]));
  const d = check.diagnosis!;
  assert.deepEqual(a, {
    level: 'error',
    title: 'route-not-deployed: GET /users/{id}',
    message: `${d.title}\n${d.explanation}\nFix: ${d.fix}\nDocs: ${d.docs}`,
    file: MANIFEST,
    startLine: 12,
    startColumn: 5,
  });
});

test('a finding without a source is a job-level annotation; its severity is its level', () => {
  const [a] = planAnnotations(report([], [finding('control-plane-denied', 'warning')]));
  assert.ok(a);
  assert.equal(a.level, 'warning');
  assert.equal(a.title, 'control-plane-denied');
  assert.equal(a.file, undefined);
  assert.match(a.message, /^Message of control-plane-denied\.\nDocs: https:\/\/.+#control-plane-denied$/);
});

test('the warning case of a diagnosis is a warning annotation, a failure without diagnosis an error', () => {
  const r = report([
    failed('GET /a', 2, 'auth-mismatch', { outcome: 'warning', diagnosis: diagnosis('auth-mismatch', { severity: 'warning' }) }),
    failed('GET /b', 3, 'x', { diagnosis: null }),
  ]);
  const list = planAnnotations(r);
  assert.deepEqual(
    list.map((a) => [a.level, a.title]),
    [
      ['error', 'failed: GET /b'],
      ['warning', 'auth-mismatch: GET /a'],
    ],
  );
});

test('25 errors and 3 warnings: 9 errors + "16 more errors", then the 3 warnings', () => {
  const errors = Array.from({ length: 25 }, (_, i) =>
    // the 5 last ones answered MAT: they must come first although their lines are higher
    failed(`GET /r${i}`, 10 + i, i >= 20 ? 'route-not-deployed' : 'integration-error', {
      errorType: i >= 20 ? 'MissingAuthenticationTokenException' : null,
    }),
  );
  const warnings = [warned('GET /w1', 100), warned('GET /w2', 101), warned('GET /w3', 102)];
  const list = planAnnotations(report([...warnings, ...errors]));

  assert.equal(list.length, 13);
  const errs = list.filter((a) => a.level === 'error');
  assert.equal(errs.length, 10);
  assert.deepEqual(
    errs.slice(0, 9).map((a) => a.startLine),
    [30, 31, 32, 33, 34, 10, 11, 12, 13],
  );
  assert.deepEqual(errs[9], {
    level: 'error',
    title: 'apigw-route-verify: 16 more errors',
    message: '16 more errors are listed in the job summary (and in the JSON report). GitHub shows at most 10 error annotations per step.',
    file: MANIFEST,
    startLine: 1,
  });
  assert.deepEqual(
    list.slice(10).map((a) => a.title),
    ['flaky: GET /w1', 'flaky: GET /w2', 'flaky: GET /w3'],
  );
});

test('exactly 10 of a level are all kept; 11 become 9 + "2 more"', () => {
  const notices = (n: number) => Array.from({ length: n }, (_, i) => finding(`undeclared-routes`, 'notice', { message: `n${i}` }));
  assert.equal(planAnnotations(report([], notices(10))).length, 10);
  const eleven = planAnnotations(report([passed('GET /', 4)], notices(11)));
  assert.equal(eleven.length, 10);
  assert.ok(eleven[9]);
  assert.equal(eleven[9].title, 'apigw-route-verify: 2 more notices');
  assert.equal(eleven[9].file, MANIFEST, 'the routes file is taken from the checks');
  assert.equal(planAnnotations(report([], notices(11)), { manifestFile: 'routes.json' })[9]?.file, 'routes.json');
  const jobLevel = planAnnotations(report([], notices(11)))[9];
  assert.ok(jobLevel);
  assert.equal(jobLevel.file, undefined, 'no file known: job-level');
});

test('messages stay compact: a huge explanation is cut, the fix and docs survive', () => {
  const long = failed('GET /a', 2, 'resource-not-found', {
    diagnosis: diagnosis('resource-not-found', { explanation: 'é'.repeat(10_000), fix: 'Add the resource.' }),
  });
  const huge = failed('GET /b', 3, 'resource-not-found', {
    diagnosis: diagnosis('resource-not-found', { explanation: 'x'.repeat(10_000), fix: 'y'.repeat(10_000) }),
  });
  const [a, b] = planAnnotations(report([long, huge]));
  assert.ok(a && b);
  for (const annotation of [a, b]) {
    assert.ok(Buffer.byteLength(annotation.message) <= ANNOTATION_MAX_BYTES, `${Buffer.byteLength(annotation.message)} bytes`);
    assert.ok(annotation.message.startsWith('Title of resource-not-found\n'));
  }
  assert.match(a.message, /é…\nFix: Add the resource\.\nDocs: https:\/\/\S+#resource-not-found$/);
  assert.match(b.message, /^Title of resource-not-found\nx{900,}…\nFix: y+…/);
});

test('passing checks and skips without a diagnosis are not annotated', () => {
  assert.deepEqual(planAnnotations(report([passed('GET /', 2), { ...passed('GET /x', 3), outcome: 'skipped' }])), []);
});

test('emitAnnotations calls the sink of each level with core-shaped properties', () => {
  const calls: unknown[][] = [];
  const sink = {
    error: (m: string, p?: object) => calls.push(['error', m, p]),
    warning: (m: string, p?: object) => calls.push(['warning', m, p]),
    notice: (m: string, p?: object) => calls.push(['notice', m, p]),
  };
  emitAnnotations(
    [
      { level: 'error', title: 't1', message: 'm1', file: 'f.yml', startLine: 3, startColumn: 5 },
      { level: 'notice', title: 't2', message: 'm2' },
    ],
    sink,
  );
  assert.deepEqual(calls, [
    ['error', 'm1', { title: 't1', file: 'f.yml', startLine: 3, startColumn: 5 }],
    ['notice', 'm2', { title: 't2' }],
  ]);
});

test('a failing step reserves one error slot for its own failure line', () => {
  const eleven = report(Array.from({ length: 11 }, (_, i) => failed(`GET /r${i}`, i + 2)));
  const planned = planAnnotations(eleven, { reservedErrors: 1 });
  const errors = planned.filter((a) => a.level === 'error');
  assert.equal(errors.length, 9);
  assert.ok(errors[8]);
  assert.match(errors[8].title, /3 more errors/);
  const nine = planAnnotations(report(Array.from({ length: 9 }, (_, i) => failed(`GET /r${i}`, i + 2))), { reservedErrors: 1 });
  assert.equal(nine.filter((a) => a.level === 'error').length, 9);
  assert.ok(nine.every((a) => !/more errors/.test(a.title)));
});
