// Runs the bundled action (dist/index.js) the way the GitHub runner does: a child process on
// Node 24 with INPUT_* variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, and the AWS
// environment pointed at an emulator. Used by the end-to-end tests, `npm run demo` and the bench.
// Each run has its own workspace in the temp folder, removed when the run is over unless kept.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Emulator } from './index.ts';
import { parseOutputFile } from '../src/cli/output-file.ts';
import { assertNoSecretLeaked } from './secret-scan.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The bundle to run: `npm test` builds one into a temp folder and names it in APIGW_DIST_ENTRY; otherwise the committed dist/. */
export const DIST_ENTRY = process.env.APIGW_DIST_ENTRY || path.join(ROOT, 'dist', 'index.js');

/** Credentials the scenarios' emulators know. Test values, never real ones. */
export const TEST_CREDENTIALS = {
  accessKeyId: 'AKIAEMULATOR00000001',
  secretAccessKey: 'emulator-secret-key/DoNotUseOutsideTests0001',
  sessionToken: 'emulator-session-token-FwoGZXIvYXdzEJr0001',
};

export interface ActionRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  /** the GITHUB_OUTPUT file as the action wrote it */
  outputFileText: string;
  summary: string;
  /** the JSON report, parsed; undefined when none was written */
  report?: (Record<string, unknown> & { checks: Record<string, unknown>[]; findings: Record<string, unknown>[] }) | undefined;
  /** the JSON report file as the action wrote it; undefined when none was written */
  reportText?: string | undefined;
  /** where the report was written (gone with the workspace unless kept) */
  reportFile: string;
  /** removed after the run unless kept (RunOptions.keepWorkspace or APIGW_KEEP_WORKSPACE=1) */
  workspace: string;
  durationMs: number;
}

export interface RunOptions {
  emulator?: Emulator;
  /** action inputs by their action.yml names */
  inputs: Record<string, string>;
  /** files to create in the workspace, by relative path */
  files?: Record<string, string>;
  /** extra environment, or `undefined` values to remove */
  env?: Record<string, string | undefined>;
  /** send AWS credentials (default true) */
  credentials?: boolean;
  /** called with the running action, e.g. to send it a signal as the runner does on cancel */
  onSpawn?: (child: ChildProcess) => void;
  /** leave the workspace in place for the caller to look at and remove; APIGW_KEEP_WORKSPACE=1 keeps every one (for debugging) */
  keepWorkspace?: boolean;
}

export interface WorkflowAnnotation {
  level: 'error' | 'warning' | 'notice';
  title?: string;
  file?: string;
  line?: number;
  col?: number;
  message: string;
}

/** Reverses @actions/core's escaping of workflow-command properties and data. */
function unescapeCommand(text: string, isProperty: boolean): string {
  let out = text.replace(/%0D/g, '\r').replace(/%0A/g, '\n');
  if (isProperty) out = out.replace(/%3A/g, ':').replace(/%2C/g, ',');
  return out.replace(/%25/g, '%');
}

/** Every `::error|warning|notice props::message` workflow command in stdout: the annotations the runner makes. */
export function annotationsOf(stdout: string): WorkflowAnnotation[] {
  const found: WorkflowAnnotation[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const annotation: WorkflowAnnotation = { level: m[1] as WorkflowAnnotation['level'], message: unescapeCommand(m[3] ?? '', false) };
    for (const pair of (m[2] ?? '').split(',').filter(Boolean)) {
      const at = pair.indexOf('=');
      const key = pair.slice(0, at);
      const value = unescapeCommand(pair.slice(at + 1), true);
      if (key === 'title') annotation.title = value;
      else if (key === 'file') annotation.file = value;
      else if (key === 'line') annotation.line = Number(value);
      else if (key === 'col') annotation.col = Number(value);
    }
    found.push(annotation);
  }
  return found;
}

export { parseOutputFile } from '../src/cli/output-file.ts';

export async function runAction(opts: RunOptions): Promise<ActionRun> {
  const workspace = await mkdtemp(path.join(os.tmpdir(), 'apigw-action-'));
  try {
    return await runIn(workspace, opts);
  } finally {
    if (!(opts.keepWorkspace || process.env.APIGW_KEEP_WORKSPACE === '1')) await rm(workspace, { recursive: true, force: true });
  }
}

async function runIn(workspace: string, opts: RunOptions): Promise<ActionRun> {
  const runnerTemp = path.join(workspace, '_temp');
  const outputFile = path.join(workspace, '_github_output');
  const summaryFile = path.join(workspace, '_step_summary');
  await Promise.all([writeFile(outputFile, ''), writeFile(summaryFile, '')]);
  for (const [rel, content] of Object.entries(opts.files ?? {})) {
    const file = path.join(workspace, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }

  // Start from a clean environment: nothing of the developer's AWS setup may leak in.
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: workspace,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: runnerTemp,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: path.join(workspace, '_no_aws_config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(workspace, '_no_aws_credentials'),
    // The caller's temp folder: whatever the action leaves there is seen by `npm test`'s check.
    TMPDIR: os.tmpdir(),
    // The emulator moves a stage at once: tests need not wait the default 5 s between polls.
    APIGW_WAIT_POLL_MS: '1000',
  };
  if (opts.emulator) env.AWS_ENDPOINT_URL_API_GATEWAY = opts.emulator.controlUrl;
  if (opts.credentials !== false) {
    env.AWS_ACCESS_KEY_ID = TEST_CREDENTIALS.accessKeyId;
    env.AWS_SECRET_ACCESS_KEY = TEST_CREDENTIALS.secretAccessKey;
    env.AWS_SESSION_TOKEN = TEST_CREDENTIALS.sessionToken;
  }
  for (const [name, value] of Object.entries(opts.inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  for (const [name, value] of Object.entries(opts.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }

  const started = performance.now();
  const child = spawn(process.execPath, [DIST_ENTRY], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  opts.onSpawn?.(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exitCode = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  const durationMs = performance.now() - started;

  const outputFileText = await readFile(outputFile, 'utf8');
  const outputs = parseOutputFile(outputFileText);
  const summary = await readFile(summaryFile, 'utf8');
  const reportFile = outputs['report-file'] ?? path.join(runnerTemp, 'apigw-route-verify.json');
  const reportText = await readFile(reportFile, 'utf8').catch(() => undefined);
  const report = reportText === undefined ? undefined : (JSON.parse(reportText) as ActionRun['report']);
  return assertNoSecretLeaked(
    { exitCode, stdout, stderr, outputs, outputFileText, summary, report, reportText, reportFile, workspace, durationMs },
    opts,
  );
}
