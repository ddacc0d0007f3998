// Support for the end-to-end tests of authentication, "everything else" diagnoses and secrets:
// readers for what the runner shows (workflow-command annotations, checks by manifest line), a
// JWT maker, and one assertion that ties a check's diagnosis to its annotation on the manifest.
import assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/index.ts';
import { annotationsOf, type ActionRun, type RunOptions, runAction, type WorkflowAnnotation } from '../../emulator/run-action.ts';
import { lineOf } from './support-routing.ts';
import type { Check, Finding, Outcome, Severity } from '../../src/types.ts';

export const ROUTES_FILE = '.github/apigw-routes.yml';

export type Annotation = WorkflowAnnotation;
export { annotationsOf, lineOf };

export function checksOf(run: ActionRun): Check[] {
  assert.ok(run.report, `the action wrote a report (exit ${run.exitCode}); stderr: ${run.stderr}\nstdout: ${run.stdout}`);
  return run.report.checks as unknown as Check[];
}

export function findingsOf(run: ActionRun): Finding[] {
  assert.ok(run.report, 'the action wrote a report');
  return run.report.findings as unknown as Finding[];
}

/** The check declared on the manifest line that contains `needle`. */
export function checkAt(run: ActionRun, manifest: string, needle: string): Check {
  const line = lineOf(manifest, needle);
  const found = checksOf(run).filter((c) => c.source.file === ROUTES_FILE && c.source.line === line);
  assert.equal(found.length, 1, `one check declared at ${ROUTES_FILE}:${line} (${needle})`);
  return found[0]!;
}

export interface Expected {
  route: string;
  code: string;
  severity: Severity;
  outcome: Outcome;
}

/**
 * Asserts the check declared where `needle` is: its route, diagnosis code, severity and outcome,
 * and its annotation — level = severity, on that exact manifest line, titled `<code>: <route>`.
 * Returns the check for assertions on its evidence.
 */
export function assertDiagnosed(run: ActionRun, manifest: string, needle: string, expected: Expected): Check {
  const check = checkAt(run, manifest, needle);
  const line = lineOf(manifest, needle);
  assert.equal(check.route, expected.route);
  assert.ok(check.diagnosis, `${expected.route} has a diagnosis (outcome ${check.outcome}, status ${check.status})`);
  assert.deepEqual(
    { code: check.diagnosis.code, severity: check.diagnosis.severity, outcome: check.outcome },
    { code: expected.code, severity: expected.severity, outcome: expected.outcome },
    `${expected.route}: ${check.diagnosis.explanation}`,
  );
  const title = `${expected.code}: ${expected.route}`;
  const annotations = annotationsOf(run.stdout).filter((a) => a.title === title);
  assert.equal(annotations.length, 1, `one annotation titled "${title}"`);
  const annotation = annotations[0]!;
  assert.deepEqual(
    { level: annotation.level, file: annotation.file, line: annotation.line },
    { level: expected.severity, file: ROUTES_FILE, line },
  );
  return check;
}

/** An unsigned JWT-shaped token (header.payload.signature) with these claims. */
export function makeJwt(claims: Record<string, unknown>, signature = 'c2lnbmF0dXJlLW5vdC12ZXJpZmllZC1ieS10aGUtYWN0aW9u'): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', kid: 'e2e-key' })}.${part(claims)}.${signature}`;
}

/** Runs the bundled action with `manifest` as the routes file, against `emulator`'s API `apiId`/`stage`. */
export function runWithManifest(
  emulator: Emulator,
  manifest: string,
  opts: { apiId: string; stage: string; inputs?: Record<string, string> } & Pick<RunOptions, 'env' | 'credentials'>,
): Promise<ActionRun> {
  return runAction({
    emulator,
    inputs: { 'base-url': emulator.invokeUrl(opts.apiId, opts.stage), 'connect-to': emulator.connectTo, ...opts.inputs },
    files: { [ROUTES_FILE]: manifest },
    ...(opts.env ? { env: opts.env } : {}),
    ...(opts.credentials !== undefined ? { credentials: opts.credentials } : {}),
  });
}

/** The outputs §3 defines for counts and result, to compare in one assertion. */
export function countOutputs(run: ActionRun): Record<string, string | undefined> {
  const o = run.outputs;
  return {
    result: o.result,
    total: o.total,
    passed: o.passed,
    failed: o.failed,
    'missing-authentication-token': o['missing-authentication-token'],
  };
}
