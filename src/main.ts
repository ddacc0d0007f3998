// The action's entry: reads inputs, wires the stages, writes outputs, summary, annotations
// and the JSON report. The only module that talks to @actions/core's input/output functions.
//
// A cancelled job (GitHub sends SIGINT, then SIGTERM ~7.5 s later, then kills) aborts one
// AbortController: no new request starts, the ones in flight are dropped, and what is known is
// written — routes not reached are `skipped` — before a prompt non-zero exit. Each writer
// (report, outputs, summary, comment, annotations) fails alone, as a warning.
import * as core from '@actions/core';
import { controlPlaneAttempts, createApiGatewayClient, resolveCredentials } from './aws/client.ts';
import { INPUT_NAMES, resolveSettings, routesPath, withDefaults, type RawInputs } from './inputs.ts';
import { formatProblem, loadManifest } from './manifest/index.ts';
import { verify } from './pipeline.ts';
import { emitAnnotations, planAnnotations } from './report/annotations.ts';
import { writeJsonReport } from './report/json.ts';
import { exitFailed, outputsOf } from './report/outputs.ts';
import { redactor } from './report/redact.ts';
import { renderSummary } from './report/summary.ts';
import type { FailOn, Settings } from './settings.ts';
import type { Check, InputProblem, Report } from './types.ts';

function readInputs(): RawInputs {
  const raw: Partial<RawInputs> = {};
  for (const name of INPUT_NAMES) raw[name] = core.getInput(name);
  return withDefaults(raw);
}

/** Every secret the run knows, masked in the log before anything is printed. */
function secretsOf(raw: RawInputs, env: NodeJS.ProcessEnv): string[] {
  const secrets = [raw['api-key'], raw['authorizer-token'], raw['github-token'], env.AWS_SECRET_ACCESS_KEY ?? '', env.AWS_SESSION_TOKEN ?? ''];
  const nonEmpty = secrets.filter((s) => s.length > 0);
  for (const s of nonEmpty) core.setSecret(s);
  return nonEmpty;
}

const annotationSink = {
  error: (m: string, p: core.AnnotationProperties) => core.error(m, p),
  warning: (m: string, p: core.AnnotationProperties) => core.warning(m, p),
  notice: (m: string, p: core.AnnotationProperties) => core.notice(m, p),
};

/** After a cancellation signal, the longest the action takes to write what it knows and exit. */
export const CANCEL_EXIT_MS = 2000;

/** The run's cancellation: SIGINT/SIGTERM abort it, and a backstop ends the process regardless. */
function cancellation(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals): void => {
    if (controller.signal.aborted) return;
    core.warning(`Received ${name}: the job is being cancelled. Stopping the requests and writing what is known.`, {
      title: 'apigw-route-verify: cancelled',
    });
    controller.abort(new Error(`cancelled by ${name}`));
    // unref: a run that finishes writing exits on its own; one stuck in a write does not outlive this.
    setTimeout(() => process.exit(1), CANCEL_EXIT_MS).unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** Runs one writer; its failure is a warning and never stops the others. Returns whether it worked. */
async function write(what: string, redact: (text: string) => string, writer: () => unknown): Promise<boolean> {
  try {
    await writer();
    return true;
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    // The JSON report's own error already says what it could not write, and where.
    const message = /^could not write/i.test(why) ? `${why[0].toUpperCase()}${why.slice(1)}` : `Could not write the ${what}: ${why}`;
    core.warning(redact(message), { title: `apigw-route-verify: ${what}` });
    return false;
  }
}

/** The job summary, unless the runner gave no file for it (not an error: there is nowhere to write). */
async function writeSummary(markdown: string, env: NodeJS.ProcessEnv): Promise<void> {
  if (!env.GITHUB_STEP_SUMMARY) {
    core.info('No job summary: GITHUB_STEP_SUMMARY is not set.');
    return;
  }
  try {
    await core.summary.addRaw(markdown).write({ overwrite: false });
  } finally {
    core.summary.emptyBuffer();
  }
}

/** Bad input: annotate each problem where it is, verify nothing, fail. */
async function failOnInput(problems: InputProblem[], failOn: string, summary: boolean, env: NodeJS.ProcessEnv): Promise<void> {
  for (const p of problems) {
    core.error(`${p.message} — ${p.fix}`, {
      title: 'apigw-route-verify: invalid input',
      file: p.source?.file,
      startLine: p.source?.line,
      startColumn: p.source?.column,
    });
  }
  const lines = problems.map((p) => `- ${formatProblem(p)}`);
  const same = (text: string) => text;
  if (summary) {
    await write('job summary', same, () =>
      writeSummary(`## ❌ apigw-route-verify: invalid input, no request was sent\n\n${lines.join('\n')}\n`, env),
    );
  }
  await write('outputs', same, () => {
    core.setOutput('result', 'failed');
    core.setOutput('total', '0');
    core.setOutput('passed', '0');
    core.setOutput('failed', '0');
    core.setOutput('missing-authentication-token', '0');
  });
  const message = `invalid input, no request was sent:\n${lines.join('\n')}`;
  if (failOn === 'never') core.error(message);
  else core.setFailed(message);
}

/** The whole pull-request comment (listing pages, then one write) gets this many `timeout`s. */
const COMMENT_TIMEOUTS = 3;

/** The sticky pull-request comment. Its failure never changes the verdict. */
async function comment(report: Report, settings: Settings, redact: (text: string) => string, cancelled: AbortSignal): Promise<void> {
  try {
    const { upsertComment } = await import('./report/comment.ts');
    const signal = AbortSignal.any([cancelled, AbortSignal.timeout(COMMENT_TIMEOUTS * settings.timeoutMs)]);
    const result = await upsertComment(report, { mode: settings.comment, token: settings.githubToken, redact, signal });
    core.info(result.action === 'skipped' ? `No pull-request comment: ${result.reason}.` : `Pull-request comment ${result.action}: ${result.url}`);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    const status = (err as { status?: unknown }).status;
    const fix =
      status === 401 || status === 403 || status === 404
        ? 'The job needs `permissions: pull-requests: write`.'
        : cancelled.aborted
          ? 'The run was cancelled while it was being written.'
          : /timeout|timed out|abort/i.test(why)
            ? `The GitHub API did not answer in time (${(COMMENT_TIMEOUTS * settings.timeoutMs) / 1000} s for the whole comment); the verdict stands without it.`
            : 'The verdict stands without it.';
    core.warning(redact(`Could not write the pull-request comment (${why}). ${fix}`), {
      title: 'apigw-route-verify: comment',
    });
  }
}

function logCheck(c: Check): void {
  const mark = { passed: '✓', warning: '!', failed: '✗', skipped: '-' }[c.outcome];
  const answer = c.status === null ? 'no answer' : `${c.status}${c.errorType ? ` ${c.errorType.replace(/Exception$/, '')}` : ''}`;
  const why = c.diagnosis ? ` → ${c.diagnosis.code}` : '';
  core.info(`${mark} ${c.route.padEnd(32)} ${answer.padEnd(34)} ${String(c.durationMs).padStart(5)} ms${why}`);
}

/** One line: the verdict, and why the step fails when it does. */
export function verdictLine(report: Report, failOn: FailOn): string {
  const t = report.totals;
  const mat = t.missingAuthenticationToken ? `, ${t.missingAuthenticationToken} answered "Missing Authentication Token"` : '';
  const count = (severity: string) =>
    report.checks.filter((c) => c.diagnosis?.severity === severity).length + report.findings.filter((f) => f.severity === severity).length;
  const answered = `${t.passed} of ${t.total} routes answered as expected${mat}`;
  if (report.result === 'passed' && failOn === 'warning' && exitFailed(report, failOn)) {
    return `failing on ${count('warning')} warning(s) because fail-on is warning: ${answered}`;
  }
  const verdict = `${report.result}: ${answered}`;
  const errors = count('error');
  return errors ? `${verdict}; ${errors} error(s)` : verdict;
}

/** What the summary says first when the run was cancelled. */
function cancelledNote(report: Report): string {
  const skipped = report.checks.filter((c) => c.outcome === 'skipped').length;
  return `> ⏹️ **The run was cancelled**: ${skipped} of ${report.checks.length} routes were not checked (skipped: cancelled before it was checked).\n\n`;
}

export async function run(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Promise<void> {
  const raw = readInputs();
  const redact = redactor(secretsOf(raw, env));
  const cancel = cancellation();
  try {
    const ws = { cwd, env };

    const routes = routesPath(raw, ws);
    const loaded = await loadManifest(routes.absolute, routes.display);
    if (!loaded.manifest) return await failOnInput(loaded.problems, raw['fail-on'], raw.summary !== 'false', env);
    const { settings, problems } = resolveSettings(raw, loaded.manifest, ws);
    if (problems.length) return await failOnInput(problems, settings.failOn, settings.summary, env);
    const manifest = loaded.manifest;

    core.info(`Verifying ${manifest.routes.length} routes of ${settings.restApiId} stage ${settings.stage} (${settings.region}) at ${settings.baseUrl}`);
    const client = createApiGatewayClient(settings.region, {
      timeoutMs: settings.timeoutMs,
      maxAttempts: controlPlaneAttempts(settings.retries),
    });
    // A broken credential source (a role that cannot be assumed) is reported, not fatal: the smoke
    // requests still tell a lot, and the diagnoses say what was missing.
    const credentials = await resolveCredentials(client).catch((err: unknown) => {
      core.warning(redact(`AWS credentials could not be loaded: ${err instanceof Error ? err.message : String(err)}`), { title: 'apigw-route-verify: credentials' });
      return undefined;
    });
    if (!credentials) core.info('No AWS credentials: the control plane cannot be read and IAM routes are sent unsigned.');

    const { report } = await verify(settings, manifest, { client, credentials, log: (line) => core.info(line), signal: cancel.signal });
    client.destroy();
    const cancelled = cancel.signal.aborted;

    for (const check of report.checks) logCheck(check);
    for (const f of report.findings) core.info(`${f.severity}: ${f.code}: ${redact(f.message)}`);

    // Nothing leaves the process unredacted: a last line of defence behind masking.
    const safe = JSON.parse(redact(JSON.stringify(report))) as Report;
    // A cancelled run proved nothing about the routes it did not reach.
    if (cancelled) safe.result = 'failed';
    const reported = await write('JSON report', redact, () => writeJsonReport(settings.reportFile, safe));
    await write('outputs', redact, () => {
      const outputs = outputsOf(safe, reported ? settings.reportFile : '');
      if (cancelled) outputs.result = 'failed';
      for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);
    });
    if (settings.summary) {
      const markdown = `${cancelled ? cancelledNote(safe) : ''}${renderSummary(safe, { reportFile: reported ? settings.reportFile : '' })}`;
      await write('job summary', redact, () => writeSummary(redact(markdown), env));
    }
    if (settings.comment !== 'off') {
      if (cancelled) core.info('No pull-request comment: the run was cancelled.');
      else await comment(safe, settings, redact, cancel.signal);
    }
    const failing = cancelled || exitFailed(safe, settings.failOn);
    await write('annotations', redact, () => emitAnnotations(planAnnotations(safe, { reservedErrors: failing ? 1 : 0 }), annotationSink));

    const line = verdictLine(safe, settings.failOn);
    if (cancelled) core.setFailed(`cancelled: ${line}`);
    else if (failing) core.setFailed(line);
    else core.info(line);
    // Whatever an aborted call left behind (a socket, a timer), the cancelled job ends now.
    if (cancelled) process.exit(1);
  } catch (err) {
    core.setFailed(redact(`apigw-route-verify failed unexpectedly: ${err instanceof Error ? err.message : String(err)}`));
  } finally {
    cancel.dispose();
  }
}
