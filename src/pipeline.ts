// The verification itself, from settings to report: snapshot ─► probe ─► diagnose.
// No @actions/core here: src/main.ts owns inputs, outputs and files.
import type { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { loadDefinitionBounded, readSnapshotBounded } from './aws/bounded-read.ts';
import { sumCalls } from './aws/calls.ts';
import { readDomain } from './aws/domain.ts';
import { waitForDeployment } from './aws/wait.ts';
import { followUp } from './follow-up.ts';
import { baseUrlMismatchOf } from './diagnose/evidence.ts';
import { parseExecuteApiUrl } from './diagnose/paths.ts';
import { diagnoseCheck, findingsOf } from './diagnose/engine.ts';
import type { Evidence } from './diagnose/evidence.ts';
import { runEvidenceOf } from './diagnose/evidence.ts';
import { meetsExpectation } from './expect.ts';
import { GatewayError } from './gateway-errors.ts';
import { boundOldGeneration } from './heap.ts';
import { filtersOnSourceIp } from './resource-policy.ts';
import { learnRunnerIp } from './runner-ip.ts';
import { CANCELLED_REASON, probeBypasses, probeRoutes } from './probe/index.ts';
import { bypassPairs } from './proxy-bypass.ts';
import { resultOf, totalsOf } from './report/outputs.ts';
import type { Secrets } from './secrets.ts';
import type { AwsCredentials, Settings } from './settings.ts';
import type { BypassProbe, Check, Manifest, NegativeProbeTotals, Report, RouteSpec, Snapshot } from './types.ts';

export interface VerifyDeps {
  client: APIGatewayClient;
  credentials?: AwsCredentials;
  log: (line: string) => void;
  /** the run's secrets: signatures join them as they are made */
  secrets?: Secrets;
  /** retry backoff base for smoke requests (tests make it small) */
  backoffMs?: number;
  /** the run's cancellation: every stage stops sending, and what is known is reported */
  signal?: AbortSignal;
  /** pause between wait-for-deployment polls (tests make it small) */
  waitPollMs?: number;
  /** the routes to probe (one shard's); default every route. Stage findings still see the whole manifest. */
  routes?: RouteSpec[];
}

function toCheck(e: Evidence): Check {
  const { check } = e;
  const cancelled = check.answer.kind === 'cancelled';
  const { outcome, diagnosis } = cancelled ? { outcome: 'skipped' as const, diagnosis: null } : diagnoseCheck(e);
  return {
    route: check.route.route,
    method: check.method,
    url: check.url,
    auth: check.auth,
    status: e.status ?? null,
    errorType: e.classification.errorType ?? null,
    outcome,
    durationMs: check.durationMs,
    attempts: check.attempts.length,
    ...(cancelled ? { reason: CANCELLED_REASON } : {}),
    source: { file: check.route.source.file, line: check.route.source.line, column: check.route.source.column },
    diagnosis,
  };
}

/** The host of a base-url that is no execute-api host: a custom domain (or a proxy). */
function customDomainOf(baseUrl: string): string | undefined {
  if (parseExecuteApiUrl(baseUrl)) return undefined;
  try {
    const host = new URL(baseUrl).hostname;
    // an IP address or a single label (localhost) is never a custom domain name
    return host.includes('.') && !/^[\d.]+$|^\[/.test(host) ? host : undefined;
  } catch {
    return undefined;
  }
}

/** The negative probes of every check, counted apart from the checks (the outputs count smoke checks only). */
function negativeTotals(checks: readonly Evidence[], snapshot: Snapshot): NegativeProbeTotals {
  const probes = checks.flatMap((e) => e.negative.probes);
  const count = (refusal: string) => probes.filter((p) => p.refusal === refusal).length;
  return {
    sent: probes.length,
    refused: count('refused'),
    notEnforced: count('not-enforced'),
    inconclusive: count('inconclusive'),
    basis: snapshot.deployed !== undefined || snapshot.defined !== undefined ? 'deployed' : 'manifest',
  };
}

export async function verify(settings: Settings, manifest: Manifest, deps: VerifyDeps): Promise<{ report: Report; snapshot: Snapshot }> {
  const started = performance.now();
  boundOldGeneration((deps.routes ?? manifest.routes).length);
  const target = { restApiId: settings.restApiId, stage: settings.stage, region: settings.region };

  const waitCalls: Record<string, number> = {};
  if (settings.waitForDeploymentSeconds > 0 && deps.credentials) {
    const waited = await waitForDeployment(deps.client, {
      ...target,
      ...(settings.expectedDeploymentId ? { expectedDeploymentId: settings.expectedDeploymentId } : {}),
      timeoutSeconds: settings.waitForDeploymentSeconds,
      ...(deps.waitPollMs !== undefined ? { pollMs: deps.waitPollMs } : {}),
      log: deps.log,
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
    Object.assign(waitCalls, waited.calls);
    if (waited.error) deps.log(`stopped waiting for the deployment: ${waited.error}`);
  }

  // The definition (GetResources, one page per 500 resources) only when a diagnosis needs it.
  const bounds = { timeoutMs: settings.timeoutMs, retries: settings.retries, ...(deps.signal ? { signal: deps.signal } : {}) };
  // A base-url on a custom domain: its mappings say where the requests land (read once, beside the stage).
  const domainName = customDomainOf(settings.baseUrl);
  const [snapshot, domain] = await Promise.all([
    readSnapshotBounded(deps.client, target, { ...bounds, definition: 'when-needed' }),
    domainName && deps.credentials ? readDomain(deps.client, domainName, target, deps.signal) : undefined,
  ]);
  if (domain) snapshot.domain = domain;
  const mismatch = baseUrlMismatchOf(settings);
  if (mismatch) {
    deps.log(
      `base-url names API ${mismatch.urlApiId} in ${mismatch.urlRegion}, but rest-api-id/region are ${mismatch.restApiId} in ${mismatch.region}: ` +
        'the requests go to another API than the one the control plane describes (base-url-mismatch).',
    );
  }
  const negative = settings.negativeProbes === true;
  const probeOptions = {
    snapshot,
    settings,
    negative,
    ...(deps.credentials ? { credentials: deps.credentials } : {}),
    ...(deps.secrets ? { secrets: deps.secrets } : {}),
    ...(deps.backoffMs !== undefined ? { backoffMs: deps.backoffMs } : {}),
    ...(deps.signal ? { signal: deps.signal } : {}),
  };
  const probes = await probeRoutes(deps.routes ?? manifest.routes, probeOptions);
  // Open doors beside protected routes, proven with one unsigned request each (negative probes on).
  const bypassProbes: BypassProbe[] =
    negative && snapshot.deployed ? await probeBypasses(bypassPairs(snapshot.deployed, manifest.routes), probeOptions) : [];
  const failing = probes.filter(
    (p) =>
      p.answer.kind !== 'cancelled' &&
      !(p.answer.kind === 'answered' && meetsExpectation(p.route.expect, p.answer.status, p.answer.classification)),
  ).length;
  if (failing > 0 && !deps.signal?.aborted)
    await loadDefinitionBounded(snapshot, `${failing} check${failing === 1 ? '' : 's'} did not pass`, bounds);

  // A resource policy that filters on aws:SourceIp refused a check: the runner's address explains it.
  const policyDenied = probes.some(
    (p) =>
      p.answer.kind === 'answered' &&
      p.answer.classification.errorType === GatewayError.AccessDenied &&
      !meetsExpectation(p.route.expect, p.answer.status, p.answer.classification),
  );
  const runnerIp =
    policyDenied && filtersOnSourceIp(snapshot.api.policy) && !deps.signal?.aborted
      ? await learnRunnerIp(deps.signal ? { signal: deps.signal } : {})
      : undefined;

  // Every fact a diagnosis needs, computed once per check; the findings read the same evidence.
  const firstRead = runEvidenceOf({
    snapshot,
    settings,
    manifest,
    probes,
    bypassProbes,
    hasCredentials: Boolean(deps.credentials),
    ...(runnerIp ? { runnerIp } : {}),
  });
  const run = { ...firstRead, checks: await followUp(firstRead.checks, probeOptions) };
  const checks = run.checks.map(toCheck);
  const findings = findingsOf(run);

  const report: Report = {
    version: 1,
    result: resultOf(checks, findings),
    api: {
      restApiId: settings.restApiId,
      stage: settings.stage,
      region: settings.region,
      baseUrl: settings.baseUrl,
      stageDeploymentId: snapshot.stageInfo.deploymentId ?? null,
      latestDeploymentId: snapshot.latestDeployment?.id ?? null,
    },
    findings,
    checks,
    totals: totalsOf(checks),
    controlPlaneCalls: sumCalls(waitCalls, snapshot.calls, domain?.calls ?? {}),
    definitionRead: snapshot.definitionRead,
    ...(negative ? { negativeProbes: negativeTotals(run.checks, snapshot) } : {}),
    durationMs: Math.round(performance.now() - started),
    ...(settings.shard ? { shard: { ...settings.shard, routes: checks.length } } : {}),
  };
  return { report, snapshot };
}
