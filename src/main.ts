// The action's entry: reads inputs, wires the stages, writes outputs, summary, annotations
// and the JSON report. The only module that talks to @actions/core's input/output functions.
import * as core from '@actions/core';
import { INPUT_NAMES, resolveSettings, routesPath, withDefaults, type RawInputs } from './inputs.ts';
import { formatProblem, loadManifest } from './manifest/index.ts';
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

/** Bad input: annotate each problem where it is, verify nothing, fail. */
async function failOnInput(problems: InputProblem[], failOn: string, summary: boolean): Promise<void> {
  for (const p of problems) {
    core.error(`${p.message} — ${p.fix}`, {
      title: 'apigw-route-verify: invalid input',
      file: p.source?.file,
      startLine: p.source?.line,
      startColumn: p.source?.column,
    });
  }
  const lines = problems.map((p) => `- ${formatProblem(p)}`);
  if (summary) {
    await core.summary
      .addRaw(`## ❌ apigw-route-verify: invalid input, no request was sent\n\n${lines.join('\n')}\n`)
      .write();
  }
  core.setOutput('result', 'failed');
  core.setOutput('total', '0');
  core.setOutput('passed', '0');
  core.setOutput('failed', '0');
  core.setOutput('missing-authentication-token', '0');
  const message = `invalid input, no request was sent:\n${lines.join('\n')}`;
  if (failOn === 'never') core.error(message);
  else core.setFailed(message);
}

/** The sticky pull-request comment. Its failure never changes the verdict. */
async function comment(report: Report, settings: Settings, redact: (text: string) => string): Promise<void> {
  try {
    const { upsertComment } = await import('./report/comment.ts');
    const result = await upsertComment(report, { mode: settings.comment, token: settings.githubToken, redact });
    core.info(result.action === 'skipped' ? `No pull-request comment: ${result.reason}.` : `Pull-request comment ${result.action}: ${result.url}`);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    core.warning(redact(`Could not write the pull-request comment (${why}). The job needs \`permissions: pull-requests: write\`.`), {
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

export async function run(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Promise<void> {
  const raw = readInputs();
  const redact = redactor(secretsOf(raw, env));
  try {
    const ws = { cwd, env };

    const routes = routesPath(raw, ws);
    const loaded = await loadManifest(routes.absolute, routes.display);
    if (!loaded.manifest) return await failOnInput(loaded.problems, raw['fail-on'], raw.summary !== 'false');
    const { settings, problems } = resolveSettings(raw, loaded.manifest, ws);
    if (problems.length) return await failOnInput(problems, settings.failOn, settings.summary);
    const manifest = loaded.manifest;

    core.info(`Verifying ${manifest.routes.length} routes of ${settings.restApiId} stage ${settings.stage} (${settings.region}) at ${settings.baseUrl}`);
    // Loaded only now: bad input fails fast without the AWS SDK and the pipeline.
    const [{ createApiGatewayClient, resolveCredentials }, { verify }] = await Promise.all([import('./aws/client.ts'), import('./pipeline.ts')]);
    const client = createApiGatewayClient(settings.region);
    // A broken credential source (a role that cannot be assumed) is reported, not fatal: the smoke
    // requests still tell a lot, and the diagnoses say what was missing.
    const credentials = await resolveCredentials(client).catch((err: unknown) => {
      core.warning(redact(`AWS credentials could not be loaded: ${err instanceof Error ? err.message : String(err)}`), { title: 'apigw-route-verify: credentials' });
      return undefined;
    });
    if (!credentials) core.info('No AWS credentials: the control plane cannot be read and IAM routes are sent unsigned.');

    const { report } = await verify(settings, manifest, { client, credentials, log: (line) => core.info(line) });
    client.destroy();

    for (const check of report.checks) logCheck(check);
    for (const f of report.findings) core.info(`${f.severity}: ${f.code}: ${redact(f.message)}`);

    // Nothing leaves the process unredacted: a last line of defence behind masking.
    const safe = JSON.parse(redact(JSON.stringify(report))) as Report;
    await writeJsonReport(settings.reportFile, safe);
    for (const [name, value] of Object.entries(outputsOf(safe, settings.reportFile))) core.setOutput(name, value);
    if (settings.summary) await core.summary.addRaw(redact(renderSummary(safe, { reportFile: settings.reportFile }))).write();
    if (settings.comment !== 'off') await comment(safe, settings, redact);
    const failing = exitFailed(safe, settings.failOn);
    emitAnnotations(planAnnotations(safe, { reservedErrors: failing ? 1 : 0 }), annotationSink);

    const line = verdictLine(safe, settings.failOn);
    if (failing) core.setFailed(line);
    else core.info(line);
  } catch (err) {
    core.setFailed(redact(`apigw-route-verify failed unexpectedly: ${err instanceof Error ? err.message : String(err)}`));
  }
}
