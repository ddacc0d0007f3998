// Support for the end-to-end tests of routing diagnoses and stage-level findings: small API
// models, a runner that puts a manifest in the workspace and points the bundled action at the
// emulator, and readers for what the runner shows (annotations, checks, findings).
import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../emulator/index.ts';
import type { DeploymentModel, EmulatorModel, ResourcesModel } from '../../emulator/model.ts';
import { annotationsOf, runAction, TEST_CREDENTIALS, type ActionRun, type WorkflowAnnotation } from '../../emulator/run-action.ts';
export { annotationsOf, type WorkflowAnnotation };
import type { Check, Finding, Report } from '../../src/types.ts';

export const MANIFEST_PATH = '.github/apigw-routes.yml';
export const REGION = 'us-east-1';
/** The test credentials as an identity the emulator accepts (the action signs nothing here, but reads the control plane). */
export const IDENTITY = { ...TEST_CREDENTIALS, arn: 'arn:aws:sts::123456789012:assumed-role/deploy/ci' };

export interface ApiSpec {
  id: string;
  /** the current definition (GetResources) */
  resources: ResourcesModel;
  /** deployments, oldest first; dates are spread one day apart in 2024, so `deploy()` at test time is newer */
  deployments: { id: string; resources: ResourcesModel }[];
  /** stage name → deployment id */
  stages: Record<string, string>;
}

/** An emulator model with one REGIONAL REST API. */
export function oneApiModel(spec: ApiSpec): EmulatorModel {
  const deployments: DeploymentModel[] = spec.deployments.map((d, i) => ({
    id: d.id,
    createdDate: new Date(Date.UTC(2024, 0, 1 + i, 9)).toISOString(),
    resources: d.resources,
  }));
  return {
    region: REGION,
    apis: [
      {
        id: spec.id,
        name: `e2e-${spec.id}`,
        endpointType: 'REGIONAL',
        resources: spec.resources,
        deployments,
        stages: Object.entries(spec.stages).map(([name, deploymentId]) => ({ name, deploymentId })),
      },
    ],
    identities: [IDENTITY],
  };
}

/** Starts an emulator for `model`, runs `fn`, always closes it. */
export async function withEmulator<T>(model: EmulatorModel, fn: (emulator: Emulator) => Promise<T>): Promise<T> {
  const emulator = await startEmulator(model);
  try {
    return await fn(emulator);
  } finally {
    await emulator.close();
  }
}

/**
 * Runs dist/index.js with `manifest` at MANIFEST_PATH. `base-url` defaults to the emulator's
 * invoke URL of `apiId`/`stage`; `connect-to` always sends the execute-api host to the emulator.
 */
export function runManifest(
  emulator: Emulator,
  manifest: string,
  opts: { apiId: string; stage?: string; inputs?: Record<string, string> },
): Promise<ActionRun> {
  return runAction({
    emulator,
    inputs: {
      'base-url': emulator.invokeUrl(opts.apiId, opts.stage),
      'connect-to': emulator.connectTo,
      ...opts.inputs,
    },
    files: { [MANIFEST_PATH]: manifest },
  });
}

/**
 * The 1-based line of the only line of `text` that contains `needle` (or matches it): found
 * independently of the action's YAML parser, and fails when it is not exactly one line.
 */
export function lineOf(text: string, needle: string | RegExp): number {
  const lines = text.split('\n');
  const hits = lines.flatMap((line, i) => ((typeof needle === 'string' ? line.includes(needle) : needle.test(line)) ? [i + 1] : []));
  assert.equal(hits.length, 1, `expected exactly one manifest line matching ${String(needle)}, found ${hits.length}`);
  return hits[0]!;
}

/** The one annotation titled `title`; fails (listing what there is) when there is not exactly one. */
export function annotationTitled(run: ActionRun, title: string): WorkflowAnnotation {
  const all = annotationsOf(run.stdout);
  const hits = all.filter((a) => a.title === title);
  assert.equal(
    hits.length,
    1,
    `expected one annotation titled ${JSON.stringify(title)}; titles: ${JSON.stringify(all.map((a) => a.title))}`,
  );
  return hits[0]!;
}

/** The JSON report, typed as the action writes it (src/types.ts Report). */
export function reportOf(run: ActionRun): Report {
  assert.ok(run.report, `no JSON report was written; exit ${run.exitCode}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  return run.report as unknown as Report;
}

/** The check of manifest route `route` ("GET /users/{id}"). */
export function checkOf(run: ActionRun, route: string): Check {
  const checks = reportOf(run).checks;
  const check = checks.find((c) => c.route === route);
  assert.ok(check, `no check for ${route}; checks: ${JSON.stringify(checks.map((c) => c.route))}`);
  return check;
}

/** The evidence of the check's diagnosis; fails when the check has no diagnosis. */
export function evidenceOf(run: ActionRun, route: string): Record<string, unknown> {
  const diagnosis = checkOf(run, route).diagnosis;
  assert.ok(diagnosis, `${route} has no diagnosis`);
  return diagnosis.evidence;
}

/** The findings with `code` (usually zero or one). */
export function findingsWith(run: ActionRun, code: string): Finding[] {
  return reportOf(run).findings.filter((f) => f.code === code);
}

export function findingOf(run: ActionRun, code: string): Finding {
  const all = reportOf(run).findings;
  const hits = all.filter((f) => f.code === code);
  assert.equal(hits.length, 1, `expected one ${code} finding; findings: ${JSON.stringify(all.map((f) => f.code))}`);
  return hits[0]!;
}

/** The outputs of §3 that do not depend on the temp directory. */
export function outputsWithoutReportFile(run: ActionRun): Record<string, string> {
  const { 'report-file': _reportFile, ...rest } = run.outputs;
  return rest;
}

/** What a check says, in one object, so a failing assertion shows everything at once. */
export function verdict(check: Check): { code: string | null; severity: string | null; outcome: string } {
  return { code: check.diagnosis?.code ?? null, severity: check.diagnosis?.severity ?? null, outcome: check.outcome };
}

/** The annotation titled `title` is at `level` on line `line` of the manifest. */
export function assertAnnotatedAt(run: ActionRun, title: string, level: WorkflowAnnotation['level'], line: number): WorkflowAnnotation {
  const annotation = annotationTitled(run, title);
  assert.deepEqual(
    { level: annotation.level, file: annotation.file, line: annotation.line },
    { level, file: MANIFEST_PATH, line },
    `annotation ${title}`,
  );
  return annotation;
}

/** Annotations of `level` that carry a title: the action's own, not the step's failure line. */
export function titledAnnotations(run: ActionRun, level: WorkflowAnnotation['level']): WorkflowAnnotation[] {
  return annotationsOf(run.stdout).filter((a) => a.level === level && a.title !== undefined);
}

/** A manifest naming the API and stage, with `routes` (YAML list lines) under `routes:`. */
export const manifestFor = (apiId: string, stage: string, routes: string) => `version: 1
api:
  rest-api-id: ${apiId}
  stage: ${stage}
  region: us-east-1
routes:
${routes}`;
