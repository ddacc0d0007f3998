// The action's entry: reads inputs, wires the stages, writes outputs, summary, annotations
// and the JSON report. The only module that talks to @actions/core's input/output functions.
//
// A cancelled job (GitHub sends SIGINT, then SIGTERM ~7.5 s later, then kills) aborts one
// AbortController: no new request starts, the ones in flight are dropped, and what is known is
// written — routes not reached are `skipped` — before a prompt non-zero exit. Each writer
// (report, outputs, summary, comment, annotations) fails alone, as a warning.
import * as core from '@actions/core';
import { sumCalls } from './aws/calls.ts';
import { INPUT_NAMES, resolveMergeSettings, resolveSettings, untrustedHostProblem, withDefaults, type RawInputs } from './inputs.ts';
import { emitAnnotations, planAnnotations } from './report/annotations.ts';
import { invalidInputMessage, planInputAnnotations, renderInvalidInputSummary } from './report/invalid-input.ts';
import { writeJsonReport } from './report/json.ts';
import { exitFailed, outputsOf } from './report/outputs.ts';
import { logLine } from './report/log.ts';
import { runLinkOf } from './report/run-link.ts';
import { renderSummary } from './report/summary.ts';
import { verdictLine } from './report/verdict.ts';
import { loadRoutes } from './routes-source.ts';
import { Secrets } from './secrets.ts';
import type { AwsCredentials, Settings } from './settings.ts';
import { emptyShardReport, routesOfShard } from './shard.ts';
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
      core[level](r(message), {
        ...p,
        ...(p.title !== undefined ? { title: r(p.title) } : {}),
        ...(p.file !== undefined ? { file: r(p.file) } : {}),
      }),
    fail: (message) => core.setFailed(r(message)),
  };
}

/** The inputs' secrets, and any AWS secret already in the environment, masked before any other line. */
function collectInputSecrets(raw: RawInputs, env: NodeJS.ProcessEnv, secrets: Secrets): void {
  for (const value of [raw['api-key'], raw['authorizer-token'], raw['github-token'], env.AWS_SECRET_ACCESS_KEY, env.AWS_SESSION_TOKEN])
    secrets.add(value);
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
    const message = /^could not write/i.test(why) ? `${why.charAt(0).toUpperCase()}${why.slice(1)}` : `Could not write the ${what}: ${why}`;
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
async function failOnInput(problems: InputProblem[], failOn: string, summary: boolean, out: Out, env: NodeJS.ProcessEnv): Promise<void> {
  const redact = (text: string) => out.secrets.redact(text);
  emitAnnotations(planInputAnnotations(problems), {
    error: (m, p) => out.annotate('error', m, p),
    warning: (m, p) => out.annotate('warning', m, p),
    notice: (m, p) => out.annotate('notice', m, p),
  });
  if (summary) await write('job summary', redact, () => writeSummary(redact(renderInvalidInputSummary(problems)), env));
  await write('outputs', redact, () =>
    setOutputs({ result: 'failed', total: '0', passed: '0', failed: '0', 'missing-authentication-token': '0' }, out),
  );
  const message = invalidInputMessage(problems);
  if (failOn === 'never') out.annotate('error', message, {});
  else out.fail(message);
}

/** The whole pull-request comment (listing pages, then one write) gets this many `timeout`s. */
const COMMENT_TIMEOUTS = 3;

/** The sticky pull-request comment. Its failure never changes the verdict. */
async function comment(
  report: Report,
  settings: Pick<Settings, 'comment' | 'githubToken' | 'timeoutMs'>,
  out: Out,
  cancelled: AbortSignal,
): Promise<void> {
  try {
    const { upsertComment } = await import('./report/comment.ts');
    const signal = AbortSignal.any([cancelled, AbortSignal.timeout(COMMENT_TIMEOUTS * settings.timeoutMs)]);
    const result = await upsertComment(report, {
      mode: settings.comment,
      token: settings.githubToken,
      redact: (t) => out.secrets.redact(t),
      signal,
    });
    out.info(
      result.action === 'skipped' ? `No pull-request comment: ${result.reason}.` : `Pull-request comment ${result.action}: ${result.url}`,
    );
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
    out.annotate('warning', `Could not write the pull-request comment (${why}). ${fix}`, {
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

/** What publishing a report needs: where and what to write, and when the step fails. */
type PublishSettings = Pick<Settings, 'reportFile' | 'summary' | 'comment' | 'githubToken' | 'timeoutMs' | 'failOn'>;

/** The log, JSON report, outputs, summary, comment, annotations and verdict of a finished report. */
async function publish(verified: Report, settings: PublishSettings, out: Out, env: NodeJS.ProcessEnv, signal: AbortSignal): Promise<void> {
  const cancelled = signal.aborted;
  // The commit and the run link, read once from the runner's environment: every rendering shows the same.
  const report: Report = { ...verified, run: runLinkOf(env) };

  for (const check of report.checks) logCheck(check, out);
  for (const f of report.findings) out.info(`${f.severity}: ${f.code}: ${f.message}`);

  const redact = (text: string) => out.secrets.redact(text);
  // The report in memory may quote what a server said; every rendering of it is redacted on its way out.
  const reported = await write('JSON report', redact, () => writeJsonReport(settings.reportFile, report, redact));
  await write('outputs', redact, () => {
    setOutputs(outputsOf(report, reported ? settings.reportFile : ''), out);
  });
  if (settings.summary) {
    const markdown = renderSummary(report, { reportFile: reported ? settings.reportFile : '' });
    await write('job summary', redact, () => writeSummary(redact(markdown), env));
  }
  if (settings.comment !== 'off') {
    if (cancelled) out.info('No pull-request comment: the run was cancelled.');
    else await comment(report, settings, out, signal);
  }
  const failing = exitFailed(report, settings.failOn);
  await write('annotations', redact, () =>
    emitAnnotations(planAnnotations(report, { reservedErrors: failing ? 1 : 0 }), {
      error: (m, p) => out.annotate('error', m, p),
      warning: (m, p) => out.annotate('warning', m, p),
      notice: (m, p) => out.annotate('notice', m, p),
    }),
  );

  const line = verdictLine(report, settings.failOn);
  if (cancelled) out.fail(`cancelled: ${line}`);
  else if (failing) out.fail(line);
  else out.info(line);
}

/**
 * The `merge-reports` mode: the final job of a sharded matrix reads the shards' JSON reports and
 * publishes their merged verdict as one run would. No manifest and no AWS access needed.
 */
async function runMerge(raw: RawInputs, out: Out, env: NodeJS.ProcessEnv, cwd: string, signal: AbortSignal): Promise<void> {
  const { settings, problems } = resolveMergeSettings(raw, { cwd, env });
  if (problems.length) return await failOnInput(problems, settings.failOn, settings.summary, out, env);
  // Loaded only in this mode: a normal run never merges.
  const [{ readShardReports }, { mergeShardReports }] = await Promise.all([import('./report/shard-files.ts'), import('./report/merge.ts')]);
  const read = await readShardReports(settings.patterns, cwd);
  if (read.problems.length) return await failOnInput(read.problems, settings.failOn, settings.summary, out, env);
  const merged = mergeShardReports(read.files);
  if (!merged.report) return await failOnInput(merged.problems, settings.failOn, settings.summary, out, env);
  const { api } = merged.report;
  out.info(
    `Merged ${read.files.length} shard reports of ${api.restApiId} stage ${api.stage} (${api.region}): ${read.files.map((f) => f.name).join(', ')}`,
  );
  await publish(merged.report, settings, out, env, signal);
}

export async function run(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Promise<void> {
  const raw = readInputs();
  const out = boundary(new Secrets((value) => core.setSecret(value)));
  collectInputSecrets(raw, env, out.secrets);
  const cancel = cancellation();
  try {
    const ws = { cwd, env };
    if (raw['merge-reports']) return await runMerge(raw, out, env, cwd, cancel.signal);

    // a manifest file (inside the workspace), or `routes: deployed`: the stage's deployed methods
    const loaded = await loadRoutes(raw, ws, cancel.signal);
    if (!loaded.manifest) return await failOnInput(loaded.problems, raw['fail-on'], raw.summary !== 'false', out, env);
    const { settings, problems, hostToVerify } = resolveSettings(raw, loaded.manifest, ws);
    if (problems.length) return await failOnInput(problems, settings.failOn, settings.summary, out, env);
    const manifest = loaded.manifest;
    // `shard: k/n`: this job probes its share of the routes; one with none has nothing to fail on.
    const shardRoutes = settings.shard ? routesOfShard(manifest.routes, settings.shard) : undefined;
    if (settings.shard && settings.comment !== 'off') {
      // n jobs racing on one sticky comment would each overwrite it with a part of the verdict.
      out.info('No pull-request comment from a shard: set `comment` on the job that merges the reports.');
      settings.comment = 'off';
    }
    if (settings.shard && shardRoutes?.length === 0) {
      const { index, count } = settings.shard;
      out.annotate(
        'notice',
        `Shard ${index}/${count} has none of the ${manifest.routes.length} routes of ${manifest.file}: nothing to check in this job; the other shards check them.`,
        {
          title: 'apigw-route-verify: empty shard',
        },
      );
      const empty = emptyShardReport(settings, settings.shard);
      if (loaded.from === 'deployed') empty.routesFrom = 'deployed';
      return await publish(empty, settings, out, env, cancel.signal);
    }

    // Loaded only now: bad input fails fast without the AWS SDK and the pipeline.
    const [{ controlPlaneAttempts, createApiGatewayClient, resolveCredentials }, { domainMapsToApi }, { verify }] = await Promise.all([
      import('./aws/client.ts'),
      import('./aws/domain.ts'),
      import('./pipeline.ts'),
    ]);
    const client = createApiGatewayClient(settings.region, {
      timeoutMs: settings.timeoutMs,
      maxAttempts: controlPlaneAttempts(settings.retries),
    });
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
        return await failOnInput(
          [untrustedHostProblem(hostToVerify, manifest.file, answer.why)],
          settings.failOn,
          settings.summary,
          out,
          env,
        );
      }
      settings.credentialHosts = [...(settings.credentialHosts ?? []), hostToVerify.host];
      out.info(`${hostToVerify.host} is a custom domain mapped to ${settings.restApiId}: credentials may be sent to it.`);
    }

    out.info(
      `Verifying ${manifest.routes.length} routes of ${settings.restApiId} stage ${settings.stage} (${settings.region}) at ${settings.baseUrl}`,
    );
    if (settings.shard && shardRoutes)
      out.info(`Shard ${settings.shard.index}/${settings.shard.count}: ${shardRoutes.length} of the ${manifest.routes.length} routes.`);
    if (credentialError !== undefined) {
      out.annotate('warning', `AWS credentials could not be loaded: ${credentialError}`, { title: 'apigw-route-verify: credentials' });
    }
    if (!credentials) out.info('No AWS credentials: the control plane cannot be read and IAM routes are sent unsigned.');

    // APIGW_WAIT_POLL_MS: end-to-end tests poll faster than the 5 s default (never under 1 s).
    const waitPollMs = Number(env.APIGW_WAIT_POLL_MS) || undefined;
    const { report } = await verify(settings, manifest, {
      client,
      ...(waitPollMs ? { waitPollMs } : {}),
      ...(credentials ? { credentials } : {}),
      secrets: out.secrets,
      log: (line) => out.info(line),
      signal: cancel.signal,
      ...(shardRoutes ? { routes: shardRoutes } : {}),
    });
    client.destroy();
    if (loaded.from === 'deployed') report.routesFrom = 'deployed';
    if (loaded.calls) report.controlPlaneCalls = sumCalls(report.controlPlaneCalls, loaded.calls);
    const cancelled = cancel.signal.aborted;

    await publish(report, settings, out, env, cancel.signal);
    // Whatever an aborted call left behind (a socket, a timer), the cancelled job ends now.
    if (cancelled) process.exit(1);
  } catch (err) {
    out.fail(`apigw-route-verify failed unexpectedly: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    cancel.dispose();
  }
}
