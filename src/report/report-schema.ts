// Reads a shard's JSON report as untrusted data: a shard job may have been compromised, so its
// report must be exactly the documented shape (docs/report.md) before anything renders it.
// What comes out is rebuilt field by field — unknown keys are dropped — and every docs link is
// recomputed from its code, so a report cannot smuggle a link or a field into the merged verdict.
import { docsUrl } from '../docs.ts';
import { registry } from '../diagnose/registry.ts';
import { MAX_ROUTES } from '../manifest/index.ts';
import type { Check, Diagnosis, Finding, Report, ResolvedAuth } from '../types.ts';

/** A shard's report: a version 1 report that says which shard it is. */
export type ShardReport = Report & { shard: NonNullable<Report['shard']> };

class SchemaError extends Error {}

const CHECK_CODES = new Set(registry.filter((r) => r.check).map((r) => r.meta.code));
const FINDING_CODES = new Set(registry.filter((r) => r.stage).map((r) => r.meta.code));
const SEVERITIES = ['error', 'warning', 'notice'] as const;
const OUTCOMES = ['passed', 'failed', 'warning', 'skipped'] as const;
const AUTHS: readonly ResolvedAuth[] = ['none', 'api-key', 'iam', 'iam+api-key', 'token', 'token+api-key'];

type Json = Record<string, unknown>;

/** A name, URL or path: far above what a manifest or the gateway gives, far below what would flood a log line. */
const MAX_NAME_BYTES = 8 * 1024;
/** An explanation, a fix, a finding's message, a command. */
const MAX_TEXT_BYTES = 1024 * 1024;
/** A run has at most one finding per stage rule; room to spare. */
const MAX_FINDINGS = 100;

function fail(at: string, expected: string): never {
  throw new SchemaError(`${at} must be ${expected}`);
}

function object(value: unknown, at: string): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(at, 'an object');
  return value as Json;
}

function array(value: unknown, at: string): unknown[] {
  if (!Array.isArray(value)) fail(at, 'an array');
  return value;
}

function text(value: unknown, at: string, maxBytes = MAX_TEXT_BYTES): string {
  if (typeof value !== 'string') fail(at, 'a string');
  if (Buffer.byteLength(value) > maxBytes) fail(at, `at most ${maxBytes} bytes`);
  return value;
}

/** A short string: a route, a URL, a file, an id. */
function string(value: unknown, at: string): string {
  return text(value, at, MAX_NAME_BYTES);
}

function nullableString(value: unknown, at: string): string | null {
  return value === null ? null : string(value, at);
}

function integer(value: unknown, at: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) fail(at, `a whole number ≥ ${min}`);
  return value;
}

function duration(value: unknown, at: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail(at, 'a number ≥ 0');
  return value;
}

function oneOf<T extends string>(value: unknown, at: string, allowed: readonly T[]): T {
  if (!(allowed as readonly unknown[]).includes(value)) fail(at, `one of ${allowed.join(', ')}`);
  return value as T;
}

function code(value: unknown, at: string, known: ReadonlySet<string>): string {
  const text = string(value, at);
  if (!known.has(text)) fail(at, 'a diagnosis code of this action (docs/diagnoses.md)');
  return text;
}

function source(value: unknown, at: string): Check['source'] {
  const o = object(value, at);
  return {
    file: string(o.file, `${at}.file`),
    line: integer(o.line, `${at}.line`, 1),
    ...(o.column !== undefined ? { column: integer(o.column, `${at}.column`, 1) } : {}),
  };
}

function diagnosis(value: unknown, at: string): Diagnosis | null {
  if (value === null) return null;
  const o = object(value, at);
  const c = code(o.code, `${at}.code`, CHECK_CODES);
  return {
    code: c,
    severity: oneOf(o.severity, `${at}.severity`, SEVERITIES),
    title: text(o.title, `${at}.title`),
    explanation: text(o.explanation, `${at}.explanation`),
    fix: text(o.fix, `${at}.fix`),
    evidence: object(o.evidence, `${at}.evidence`),
    ...(o.reproduce !== undefined ? { reproduce: text(o.reproduce, `${at}.reproduce`) } : {}),
    docs: docsUrl(c),
  };
}

function check(value: unknown, at: string): Check {
  const o = object(value, at);
  return {
    route: string(o.route, `${at}.route`),
    method: string(o.method, `${at}.method`),
    url: string(o.url, `${at}.url`),
    auth: oneOf(o.auth, `${at}.auth`, AUTHS),
    status: o.status === null ? null : integer(o.status, `${at}.status`, 0),
    errorType: nullableString(o.errorType, `${at}.errorType`),
    outcome: oneOf(o.outcome, `${at}.outcome`, OUTCOMES),
    ...(o.reason !== undefined ? { reason: text(o.reason, `${at}.reason`) } : {}),
    durationMs: duration(o.durationMs, `${at}.durationMs`),
    attempts: integer(o.attempts, `${at}.attempts`, 0),
    source: source(o.source, `${at}.source`),
    diagnosis: diagnosis(o.diagnosis, `${at}.diagnosis`),
  };
}

function finding(value: unknown, at: string): Finding {
  const o = object(value, at);
  const c = code(o.code, `${at}.code`, FINDING_CODES);
  return {
    code: c,
    severity: oneOf(o.severity, `${at}.severity`, SEVERITIES),
    message: text(o.message, `${at}.message`),
    evidence: object(o.evidence, `${at}.evidence`),
    docs: docsUrl(c),
    ...(o.source !== undefined ? { source: source(o.source, `${at}.source`) } : {}),
  };
}

function calls(value: unknown, at: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [op, n] of Object.entries(object(value, at))) {
    if (!/^[A-Za-z]{1,64}$/.test(op)) fail(at, 'an object of AWS operation names');
    out[op] = integer(n, `${at}.${op}`, 0);
  }
  return out;
}

function negativeProbes(value: unknown): NonNullable<Report['negativeProbes']> {
  const o = object(value, 'negativeProbes');
  return {
    sent: integer(o.sent, 'negativeProbes.sent', 0),
    refused: integer(o.refused, 'negativeProbes.refused', 0),
    notEnforced: integer(o.notEnforced, 'negativeProbes.notEnforced', 0),
    inconclusive: integer(o.inconclusive, 'negativeProbes.inconclusive', 0),
    basis: oneOf(o.basis, 'negativeProbes.basis', ['deployed', 'manifest'] as const),
  };
}

/** The shard job's own run: checked like the rest, then left out of the merge (the merging job links its own run). */
function run(value: unknown): NonNullable<Report['run']> | null {
  if (value === null) return null;
  const o = object(value, 'run');
  const sha = nullableString(o.sha, 'run.sha');
  if (sha !== null && !/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(sha)) fail('run.sha', 'a commit id (40 or 64 lower-case hex digits) or null');
  const url = nullableString(o.url, 'run.url');
  if (url !== null && !/^https:\/\/[^\s/?#@]+\/[A-Za-z0-9-]+\/[A-Za-z0-9._-]+\/actions\/runs\/[0-9]+(?:\/attempts\/[0-9]+)?$/.test(url))
    fail('run.url', 'the https URL of a workflow run or null');
  return { sha, url };
}

function shard(value: unknown): ShardReport['shard'] {
  if (value === undefined) fail('shard', 'present: the report must come from a run with the `shard` input');
  const o = object(value, 'shard');
  const count = integer(o.count, 'shard.count', 1);
  const index = integer(o.index, 'shard.index', 1);
  if (index > count) fail('shard.index', `at most shard.count (${count})`);
  return { index, count, routes: integer(o.routes, 'shard.routes', 0) };
}

/**
 * Parses one shard report; throws an Error saying which field is wrong. Totals and result are
 * not read back: the merge recomputes them from the checks and findings.
 */
export function parseShardReport(text: string): ShardReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('it is not JSON');
  }
  try {
    const o = object(data, 'the report');
    if (o.version !== 1) fail('version', '1 (a report of this action, version 1)');
    const api = object(o.api, 'api');
    const listed = array(o.checks, 'checks');
    if (listed.length > MAX_ROUTES) fail('checks', `at most ${MAX_ROUTES} (the most routes a manifest may declare)`);
    const checks = listed.map((c, i) => check(c, `checks[${i}]`));
    const findings = array(o.findings, 'findings');
    if (findings.length > MAX_FINDINGS) fail('findings', `at most ${MAX_FINDINGS}`);
    const report: ShardReport = {
      version: 1,
      result: oneOf(o.result, 'result', ['passed', 'failed'] as const),
      api: {
        restApiId: string(api.restApiId, 'api.restApiId'),
        stage: string(api.stage, 'api.stage'),
        region: string(api.region, 'api.region'),
        baseUrl: string(api.baseUrl, 'api.baseUrl'),
        stageDeploymentId: nullableString(api.stageDeploymentId, 'api.stageDeploymentId'),
        latestDeploymentId: nullableString(api.latestDeploymentId, 'api.latestDeploymentId'),
      },
      findings: findings.map((f, i) => finding(f, `findings[${i}]`)),
      checks,
      totals: { total: 0, passed: 0, failed: 0, skipped: 0, missingAuthenticationToken: 0 },
      controlPlaneCalls: calls(o.controlPlaneCalls, 'controlPlaneCalls'),
      ...(o.negativeProbes !== undefined ? { negativeProbes: negativeProbes(o.negativeProbes) } : {}),
      durationMs: duration(o.durationMs, 'durationMs'),
      shard: shard(o.shard),
      ...(o.routesFrom !== undefined ? { routesFrom: oneOf(o.routesFrom, 'routesFrom', ['deployed'] as const) } : {}),
      ...(o.run !== undefined ? { run: run(o.run) } : {}),
    };
    if (report.shard.routes !== checks.length) fail('shard.routes', `the number of checks (${checks.length})`);
    return report;
  } catch (err) {
    if (err instanceof SchemaError) throw new Error(err.message, { cause: err });
    throw err;
  }
}
