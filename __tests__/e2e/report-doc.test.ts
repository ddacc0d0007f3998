// docs/report.md stays honest: every field of a real JSON report — written by the bundled action
// against the emulator's "shop" API, whose demo manifest yields passes, failures with diagnoses
// and findings with and without a manifest line — is documented in its Fields table, every
// documented field occurs, and the Outputs table names exactly the outputs of action.yml and
// of a real run. Needs `npm run build` (it runs dist/index.js).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { parse as parseYamlValue } from 'yaml';
import { type Emulator, startEmulator } from '../../emulator/index.ts';
import { type ActionRun, runAction } from '../../emulator/run-action.ts';
import { DEMO_MANIFEST, SHOP_API_ID, shopModel } from '../../emulator/scenarios/shop.ts';

const ROOT = new URL('../../', import.meta.url);

/** Objects whose keys are data (evidence facts, operation names), not fields of the format. */
const OPEN_OBJECTS = new Set(['findings[].evidence', 'checks[].diagnosis.evidence', 'controlPlaneCalls']);

/** Every field path of a JSON value: `api.stage`, `checks[].diagnosis.code` … */
function fieldPaths(value: unknown, path = '', into = new Set<string>()): Set<string> {
  if (OPEN_OBJECTS.has(path)) return into;
  if (Array.isArray(value)) {
    for (const item of value) fieldPaths(item, `${path}[]`, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      into.add(childPath);
      fieldPaths(child, childPath, into);
    }
  }
  return into;
}

/** The first-column `code` names of the table under `## heading` in docs/report.md. */
function documentedNames(doc: string, heading: string): string[] {
  const start = doc.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `docs/report.md has a "## ${heading}" section`);
  const end = doc.indexOf('\n## ', start + 1);
  const section = doc.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/^\| `([^`]+)` \|/gm)].map(([, name = '']) => name);
}

let emulator: Emulator;
let run: ActionRun;
let doc: string;

before(async () => {
  doc = await readFile(new URL('docs/report.md', ROOT), 'utf8');
  emulator = await startEmulator(shopModel({ stageOnNewest: false }));
  run = await runAction({
    emulator,
    inputs: { 'base-url': emulator.invokeUrl(SHOP_API_ID, 'prod'), 'connect-to': emulator.connectTo },
    files: { '.github/apigw-routes.yml': DEMO_MANIFEST },
    // as on GitHub: the report names the commit and links the run
    env: {
      GITHUB_SHA: '3f9c2a1e5b7d4c6a8e0f1b2c3d4e5f6a7b8c9d0e',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'apigw-route-verify/apigw-route-verify',
      GITHUB_RUN_ID: '42',
    },
  });
});

after(async () => {
  await emulator?.close();
  if (run) await rm(run.workspace, { recursive: true, force: true });
});

test('the run wrote a report with passes, diagnosed failures and findings with and without a manifest line', () => {
  assert.ok(run.report, `a report was written; exit ${run.exitCode}\n${run.stderr}`);
  const { checks, findings } = run.report;
  assert.ok(checks.some((c) => c.diagnosis === null) && checks.some((c) => c.diagnosis !== null));
  assert.ok(findings.some((f) => 'source' in f) && findings.some((f) => !('source' in f)));
});

test('every field of a real report is documented in the Fields table of docs/report.md', () => {
  const documented = new Set(documentedNames(doc, 'Fields'));
  const missing = [...fieldPaths(run.report)].filter((path) => !documented.has(path));
  assert.deepEqual(missing, [], 'fields of the report that docs/report.md does not document');
});

/** Fields only a cancelled run has; __tests__/e2e/faults.test.ts proves them on one. */
const ONLY_WHEN_CANCELLED = ['checks[].reason'];

test('every field the Fields table documents occurs in a real report', () => {
  const seen = fieldPaths(run.report);
  const invented = documentedNames(doc, 'Fields').filter((path) => !seen.has(path) && !ONLY_WHEN_CANCELLED.includes(path));
  assert.deepEqual(invented, [], 'documented fields the report does not have');
});

test('the Outputs table names exactly the outputs of action.yml and of a real run', async () => {
  const action = parseYamlValue(await readFile(new URL('action.yml', ROOT), 'utf8')) as { outputs: Record<string, unknown> };
  const documented = documentedNames(doc, 'Outputs').sort();
  assert.deepEqual(documented, Object.keys(action.outputs).sort(), 'docs/report.md and action.yml');
  assert.deepEqual(documented, Object.keys(run.outputs).sort(), 'docs/report.md and the outputs a run sets');
});

test('the outputs are counted from the report as docs/report.md says', () => {
  assert.ok(run.report);
  const checks = run.report.checks as { outcome: string; errorType: string | null }[];
  const count = (keep: (c: (typeof checks)[number]) => boolean) => String(checks.filter(keep).length);
  assert.deepEqual(
    {
      total: run.outputs.total,
      passed: run.outputs.passed,
      failed: run.outputs.failed,
      mat: run.outputs['missing-authentication-token'],
      result: run.outputs.result,
    },
    {
      total: String(checks.length),
      passed: count((c) => c.outcome === 'passed' || c.outcome === 'warning'),
      failed: count((c) => c.outcome === 'failed'),
      mat: count((c) => c.errorType === 'MissingAuthenticationTokenException'),
      result: run.report.result,
    },
  );
  assert.equal(run.outputs['report-file'], run.reportFile);
});
