// The verification itself, from settings to report: snapshot ─► probe ─► diagnose.
// No @actions/core here: src/main.ts owns inputs, outputs and files.
import type { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { loadDefinition, readSnapshot } from './aws/snapshot.ts';
import { waitForDeployment } from './aws/wait.ts';
import { docsUrl } from './docs.ts';
import { diagnoseCheck } from './diagnose/engine.ts';
import type { FindingContext } from './diagnose/finding-rule.ts';
import { findingRules } from './diagnose/findings/index.ts';
import { jwtClaims } from './diagnose/jwt.ts';
import type { RuleContext } from './diagnose/rule.ts';
import { meetsExpectation } from './probe/expect.ts';
import { probeRoutes } from './probe/index.ts';
import { resultOf, totalsOf } from './report/outputs.ts';
import type { AwsCredentials, Settings } from './settings.ts';
import type { Check, Finding, Manifest, ProbeResult, Report, Snapshot } from './types.ts';

export interface VerifyDeps {
  client: APIGatewayClient;
  credentials?: AwsCredentials;
  log: (line: string) => void;
  /** retry backoff base for smoke requests (tests make it small) */
  backoffMs?: number;
}

function toCheck(probe: ProbeResult, ctx: RuleContext): Check {
  const { outcome, diagnosis } = diagnoseCheck(ctx);
  return {
    route: probe.route.route,
    method: probe.method,
    url: probe.url,
    auth: probe.auth,
    status: probe.status ?? null,
    errorType: probe.classification.errorType ?? null,
    outcome,
    durationMs: probe.durationMs,
    attempts: probe.attempts.length,
    source: { file: probe.route.source.file, line: probe.route.source.line, column: probe.route.source.column },
    diagnosis,
  };
}

function sumCalls(...counts: Record<string, number>[]): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const c of counts) for (const [op, n] of Object.entries(c)) sum[op] = (sum[op] ?? 0) + n;
  return sum;
}

function findingsOf(ctx: FindingContext): Finding[] {
  const findings: Finding[] = [];
  for (const rule of findingRules) {
    const draft = rule.detect(ctx);
    if (draft) findings.push({ ...draft, code: rule.meta.code, severity: draft.severity ?? rule.meta.severity, docs: docsUrl(rule.meta.code) });
  }
  return findings;
}

export async function verify(settings: Settings, manifest: Manifest, deps: VerifyDeps): Promise<{ report: Report; snapshot: Snapshot }> {
  const started = performance.now();
  const target = { restApiId: settings.restApiId, stage: settings.stage, region: settings.region };

  const waitCalls: Record<string, number> = {};
  if (settings.waitForDeploymentSeconds > 0 && deps.credentials) {
    const waited = await waitForDeployment(deps.client, {
      ...target,
      expectedDeploymentId: settings.expectedDeploymentId || undefined,
      timeoutSeconds: settings.waitForDeploymentSeconds,
      log: deps.log,
    });
    Object.assign(waitCalls, waited.calls);
    if (waited.error) deps.log(`stopped waiting for the deployment: ${waited.error}`);
  }

  // The definition (GetResources, one page per 500 resources) only when a diagnosis needs it.
  const snapshot = await readSnapshot(deps.client, target, { definition: 'when-needed' });
  const probes = await probeRoutes(manifest.routes, {
    snapshot,
    settings,
    credentials: deps.credentials,
    backoffMs: deps.backoffMs,
  });
  const failing = probes.filter((probe) => !meetsExpectation(probe.route.expect, probe.status, probe.classification)).length;
  if (failing > 0) await loadDefinition(snapshot, `${failing} check${failing === 1 ? '' : 's'} did not pass`);

  const tokenClaims = settings.authorizerToken ? jwtClaims(settings.authorizerToken) : undefined;
  const checks = probes.map((probe) =>
    toCheck(probe, {
      check: probe,
      snapshot,
      settings,
      hasCredentials: Boolean(deps.credentials),
      expectationMet: meetsExpectation(probe.route.expect, probe.status, probe.classification),
      tokenClaims,
    }),
  );
  const findings = findingsOf({ snapshot, settings, manifest, probes, hasCredentials: Boolean(deps.credentials) });

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
    controlPlaneCalls: sumCalls(waitCalls, snapshot.calls),
    definitionRead: snapshot.definitionRead,
    durationMs: Math.round(performance.now() - started),
  };
  return { report, snapshot };
}
