// The action's entry: reads inputs, wires the stages, writes outputs, summary, annotations
// and the JSON report. The only module that talks to @actions/core's input/output functions.
import * as core from '@actions/core';
import { createApiGatewayClient, resolveCredentials } from './aws/client.ts';
import { domainMapsToApi } from './aws/domain.ts';
import { INPUT_NAMES, resolveSettings, routesPath, untrustedHostProblem, withDefaults, type RawInputs } from './inputs.ts';
import { formatProblem, loadManifest } from './manifest/index.ts';
import { verify } from './pipeline.ts';
import { emitAnnotations, planAnnotations } from './report/annotations.ts';
import { writeJsonReport } from './report/json.ts';
import { exitFailed, outputsOf } from './report/outputs.ts';
import { logLine } from './report/log.ts';
import { escapeProse } from './report/markdown.ts';
import { renderSummary } from './report/summary.ts';
import { Secrets } from './secrets.ts';
import type { AwsCredentials, FailOn, Settings } from './settings.ts';
import type { Check, InputProblem, Report } from './types.ts';

function readInputs(): RawInputs {
  const raw: Partial<RawInputs> = {};
  for (const name of INPUT_NAMES) raw[name] = core.getInput(name);
  return withDefaults(raw);
}

/**
 * The boundary: everything this process publishes — log lines, annotations, the summary, the
 * PR comment, outputs, the JSON report — passes through here, redacted once, on its way out.
 */
interface Out {
  secrets: Secrets;
  info(line: string): void;
  annotate(level: 'error' | 'warning' | 'notice', message: string, properties: core.AnnotationProperties): void;
  fail(message: string): void;
}

function boundary(secrets: Secrets): Out {
  const r = (text: string) => secrets.redact(text);
  return {
    secrets,
    info: (line) => core.info(logLine(r(line))),
    // core escapes the message and every property (%, CR, LF, and `:`/`,` in properties)
    annotate: (level, message, p) =>
      core[level](r(message), { ...p, ...(p.title !== undefined ? { title: r(p.title) } : {}), ...(p.file !== undefined ? { file: r(p.file) } : {}) }),
    fail: (message) => core.setFailed(r(message)),
  };
}

/** The inputs' secrets, and any AWS secret already in the environment, masked before any other line. */
function collectInputSecrets(raw: RawInputs, env: NodeJS.ProcessEnv, secrets: Secrets): void {
  for (const value of [raw['api-key'], raw['authorizer-token'], raw['github-token'], env.AWS_SECRET_ACCESS_KEY, env.AWS_SESSION_TOKEN]) secrets.add(value);
  secrets.add(env.AWS_ACCESS_KEY_ID, { mask: false });
}

/** Whatever the SDK's provider chain resolved (env, shared file, web identity, container, IMDS). */
function collectCredentials(credentials: AwsCredentials, secrets: Secrets): void {
  secrets.add(credentials.secretAccessKey);
  secrets.add(credentials.sessionToken);
  // an identifier, not a secret: not masked (the log would lose it), but never published either
  secrets.add(credentials.accessKeyId, { mask: false });
}

function setOutputs(values: Record<string, string>, out: Out): void {
  for (const [name, value] of Object.entries(values)) core.setOutput(name, out.secrets.redact(value));
}

/** Bad input: annotate each problem where it is, verify nothing, fail. */
async function failOnInput(problems: InputProblem[], failOn: string, summary: boolean, out: Out): Promise<void> {
  for (const p of problems) {
    out.annotate('error', `${p.message} — ${p.fix}`, {
      title: 'apigw-route-verify: invalid input',
      file: p.source?.file,
      startLine: p.source?.line,
      startColumn: p.source?.column,
    });
  }
  // one list item per problem: no line break of a quoted value may start another
  const lines = problems.map((p) => `- ${formatProblem(p).replace(/\r\n|[\r\n]/g, ' ')}`);
  if (summary) {
    await core.summary
      .addRaw(out.secrets.redact(`## ❌ apigw-route-verify: invalid input, no request was sent\n\n${lines.map(escapeProse).join('\n')}\n`))
      .write();
  }
  setOutputs({ result: 'failed', total: '0', passed: '0', failed: '0', 'missing-authentication-token': '0' }, out);
  const message = `invalid input, no request was sent:\n${lines.join('\n')}`;
  if (failOn === 'never') out.annotate('error', message, {});
  else out.fail(message);
}

/** The sticky pull-request comment. Its failure never changes the verdict. */
async function comment(report: Report, settings: Settings, out: Out): Promise<void> {
  try {
    const { upsertComment } = await import('./report/comment.ts');
    const result = await upsertComment(report, { mode: settings.comment, token: settings.githubToken, redact: (t) => out.secrets.redact(t) });
    out.info(result.action === 'skipped' ? `No pull-request comment: ${result.reason}.` : `Pull-request comment ${result.action}: ${result.url}`);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    out.annotate('warning', `Could not write the pull-request comment (${why}). The job needs \`permissions: pull-requests: write\`.`, {
      title: 'apigw-route-verify: comment',
    });
  }
}

function logCheck(c: Check, out: Out): void {
  const mark = { passed: '✓', warning: '!', failed: '✗', skipped: '-' }[c.outcome];
  const answer = c.status === null ? 'no answer' : `${c.status}${c.errorType ? ` ${c.errorType.replace(/Exception$/, '')}` : ''}`;
  const why = c.diagnosis ? ` → ${c.diagnosis.code}` : '';
  out.info(`${mark} ${c.route.padEnd(32)} ${answer.padEnd(34)} ${String(c.durationMs).padStart(5)} ms${why}`);
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
  const out = boundary(new Secrets((value) => core.setSecret(value)));
  collectInputSecrets(raw, env, out.secrets);
  try {
    const ws = { cwd, env };

    const routes = routesPath(raw, ws);
    const loaded = await loadManifest(routes.absolute, routes.display);
    if (!loaded.manifest) return await failOnInput(loaded.problems, raw['fail-on'], raw.summary !== 'false', out);
    const { settings, problems, hostToVerify } = resolveSettings(raw, loaded.manifest, ws);
    if (problems.length) return await failOnInput(problems, settings.failOn, settings.summary, out);
    const manifest = loaded.manifest;

    const client = createApiGatewayClient(settings.region);
    // Resolved (and masked) before the first line about the run: credentials from a shared file
    // or a web identity are known only now. A broken credential source (a role that cannot be
    // assumed) is reported, not fatal: the smoke requests still tell a lot.
    let credentialError: string | undefined;
    const credentials = await resolveCredentials(client).catch((err: unknown) => {
      credentialError = err instanceof Error ? err.message : String(err);
      return undefined;
    });
    if (credentials) collectCredentials(credentials, out.secrets);

    // A manifest-only base-url on a host this API does not own gets no credential, and no request.
    if (hostToVerify) {
      const answer = credentials
        ? await domainMapsToApi(client, hostToVerify.host, settings.restApiId)
        : { maps: false as const, why: 'without AWS credentials its base-path mappings cannot be read' };
      if (!answer.maps) {
        client.destroy();
        return await failOnInput([untrustedHostProblem(hostToVerify, manifest.file, answer.why)], settings.failOn, settings.summary, out);
      }
      settings.credentialHosts = [...(settings.credentialHosts ?? []), hostToVerify.host];
      out.info(`${hostToVerify.host} is a custom domain mapped to ${settings.restApiId}: credentials may be sent to it.`);
    }

    out.info(`Verifying ${manifest.routes.length} routes of ${settings.restApiId} stage ${settings.stage} (${settings.region}) at ${settings.baseUrl}`);
    if (credentialError !== undefined) {
      out.annotate('warning', `AWS credentials could not be loaded: ${credentialError}`, { title: 'apigw-route-verify: credentials' });
    }
    if (!credentials) out.info('No AWS credentials: the control plane cannot be read and IAM routes are sent unsigned.');

    const { report } = await verify(settings, manifest, { client, credentials, secrets: out.secrets, log: (line) => out.info(line) });
    client.destroy();

    for (const check of report.checks) logCheck(check, out);
    for (const f of report.findings) out.info(`${f.severity}: ${f.code}: ${f.message}`);

    // The report in memory may quote what a server said; every rendering of it is redacted on its way out.
    await writeJsonReport(settings.reportFile, report, (json) => out.secrets.redact(json));
    setOutputs(outputsOf(report, settings.reportFile), out);
    if (settings.summary) await core.summary.addRaw(out.secrets.redact(renderSummary(report, { reportFile: settings.reportFile }))).write();
    if (settings.comment !== 'off') await comment(report, settings, out);
    const failing = exitFailed(report, settings.failOn);
    emitAnnotations(planAnnotations(report, { reservedErrors: failing ? 1 : 0 }), {
      error: (m, p) => out.annotate('error', m, p),
      warning: (m, p) => out.annotate('warning', m, p),
      notice: (m, p) => out.annotate('notice', m, p),
    });

    const line = verdictLine(report, settings.failOn);
    if (failing) out.fail(line);
    else out.info(line);
  } catch (err) {
    out.fail(`apigw-route-verify failed unexpectedly: ${err instanceof Error ? err.message : String(err)}`);
  }
}
