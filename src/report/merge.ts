// Merges the reports of a sharded run (`shard: k/n` on each job of a matrix) into the report one
// unsharded run would have written: the checks of every shard in manifest order, each stage-level
// finding once (every shard computes them over the whole manifest), totals and result recomputed.
// The set must be complete — shards 1..n of one API and stage, each once — or nothing is merged:
// a verdict over some of the routes must not pass for a verdict over all of them.
import { sumCalls } from '../aws/calls.ts';
import { inReportOrder } from '../diagnose/engine.ts';
import { registry } from '../diagnose/registry.ts';
import { MAX_ROUTES } from '../manifest/index.ts';
import type { Check, Finding, InputProblem, Report } from '../types.ts';
import { resultOf, totalsOf } from './outputs.ts';
import type { ShardFile } from './shard-files.ts';

const FINDING_ORDER = new Map(inReportOrder(registry).map((rule, i) => [rule.meta.code, i]));

function apiOf(r: Report): string {
  return `API \`${r.api.restApiId}\` stage \`${r.api.stage}\` (${r.api.region}) at \`${r.api.baseUrl}\``;
}

function sameApi(a: Report, b: Report): boolean {
  return (
    a.api.restApiId === b.api.restApiId && a.api.stage === b.api.stage && a.api.region === b.api.region && a.api.baseUrl === b.api.baseUrl
  );
}

function label(f: ShardFile): string {
  return `shard ${f.report.shard.index}/${f.report.shard.count} (\`${f.name}\`)`;
}

/** Shards 1..n of one API and stage, each exactly once, all on one deployment. */
export function mergeProblems(files: readonly ShardFile[]): InputProblem[] {
  const [first] = files;
  if (!first) return [];
  const problems: InputProblem[] = [];
  const n = first.report.shard.count;
  for (const f of files.slice(1)) {
    if (!sameApi(first.report, f.report)) {
      problems.push({
        message: `\`${f.name}\` is a report of ${apiOf(f.report)}, but \`${first.name}\` is of ${apiOf(first.report)}`,
        fix: 'merge only the shard reports of one API and stage (one matrix run)',
      });
    }
    if (f.report.shard.count !== n) {
      problems.push({
        message: `\`${f.name}\` is shard ${f.report.shard.index}/${f.report.shard.count}, but \`${first.name}\` is shard ${first.report.shard.index}/${n}`,
        fix: 'give every job of the matrix the same number of shards, `k/n` with one n',
      });
    }
  }
  if (problems.length) return problems;

  const byIndex = new Map<number, ShardFile[]>();
  for (const f of files) byIndex.set(f.report.shard.index, [...(byIndex.get(f.report.shard.index) ?? []), f]);
  for (const [index, same] of [...byIndex].sort(([a], [b]) => a - b)) {
    if (same.length > 1) {
      problems.push({
        message: `shard ${index}/${n} has ${same.length} reports: ${same.map((f) => `\`${f.name}\``).join(', ')}`,
        fix: 'merge the reports of one matrix run only, one per shard (name each artifact after its shard)',
      });
    }
  }
  const missing = Array.from({ length: n }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length) {
    problems.push({
      message: `${missing.length === 1 ? 'shard' : 'shards'} ${missing.map((i) => `${i}/${n}`).join(', ')} ${missing.length === 1 ? 'has' : 'have'} no report (found ${[...byIndex.keys()].sort((a, b) => a - b).join(', ')} of ${n})`,
      fix: 'make sure every shard job ran to the end and uploaded its report (`if: always()` on the upload step), and that the merging job downloads them all',
    });
  }

  // Every shard must have verified the same deployment, or their verdicts do not add up.
  for (const key of ['stageDeploymentId', 'latestDeploymentId'] as const) {
    const seen = files.filter((f) => f.report.api[key] !== null);
    const [one] = seen;
    const other = one && seen.find((f) => f.report.api[key] !== one.report.api[key]);
    if (one && other) {
      const what = key === 'stageDeploymentId' ? "the stage's deployment" : 'the newest deployment';
      problems.push({
        message: `the shards saw different deployments: ${label(one)} saw ${what} \`${one.report.api[key]}\`, ${label(other)} saw \`${other.report.api[key]}\``,
        fix: 'a deploy ran while the shards were checking: rerun the whole matrix once the stage is stable (`wait-for-deployment` helps)',
      });
    }
  }

  const total = files.reduce((sum, f) => sum + f.report.checks.length, 0);
  if (total > MAX_ROUTES) {
    problems.push({
      message: `the shards checked ${total} routes in all, more than a manifest may declare (${MAX_ROUTES})`,
      fix: 'merge the shard reports of one run only',
    });
    return problems;
  }

  const checkedAt = new Map<string, ShardFile>();
  for (const f of files) {
    for (const c of f.report.checks) {
      const at = `${c.source.file}:${c.source.line}:${c.source.column ?? 0}`;
      const before = checkedAt.get(at);
      if (before && before !== f) {
        problems.push({
          message: `the route at ${c.source.file}:${c.source.line} is checked by both ${label(before)} and ${label(f)}`,
          fix: 'run every shard with the same manifest and action version',
        });
        return problems;
      }
      checkedAt.set(at, f);
    }
  }
  return problems;
}

function bySource(a: Check, b: Check): number {
  const fa = a.source.file;
  const fb = b.source.file;
  return (fa < fb ? -1 : fa > fb ? 1 : 0) || a.source.line - b.source.line || (a.source.column ?? 0) - (b.source.column ?? 0);
}

/** Each finding once (by code and message), in the order a single run reports them. */
function mergeFindings(files: readonly ShardFile[]): Finding[] {
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const f of files) {
    for (const finding of f.report.findings) {
      const key = `${finding.code}\u0000${finding.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push(finding);
    }
  }
  const rank = (x: Finding) => FINDING_ORDER.get(x.code) ?? FINDING_ORDER.size;
  // Array.prototype.sort is stable: the same code keeps the shards' order.
  return findings.sort((a, b) => rank(a) - rank(b));
}

/** The shards' negative probes added up; `manifest` when any shard could only follow the manifest. */
function mergedNegativeProbes(files: readonly ShardFile[]): Pick<Report, 'negativeProbes'> {
  const totals = files.flatMap((f) => (f.report.negativeProbes ? [f.report.negativeProbes] : []));
  if (totals.length === 0) return {};
  const sum = (key: 'sent' | 'refused' | 'notEnforced' | 'inconclusive') => totals.reduce((n, t) => n + t[key], 0);
  return {
    negativeProbes: {
      sent: sum('sent'),
      refused: sum('refused'),
      notEnforced: sum('notEnforced'),
      inconclusive: sum('inconclusive'),
      basis: totals.some((t) => t.basis === 'manifest') ? 'manifest' : 'deployed',
    },
  };
}

/** The merged report, or the problems that forbid merging. */
export function mergeShardReports(files: readonly ShardFile[]): { report?: Report; problems: InputProblem[] } {
  const problems = mergeProblems(files);
  if (problems.length) return { problems };
  const ordered = [...files].sort((a, b) => a.report.shard.index - b.report.shard.index);
  const [lowest] = ordered;
  if (!lowest)
    return {
      problems: [{ message: 'no shard report to merge', fix: 'set `merge-reports` to the downloaded reports, e.g. `reports/*.json`' }],
    };

  const checks = ordered.flatMap((f) => f.report.checks).sort(bySource);
  const findings = mergeFindings(ordered);
  const controlPlaneCalls = sumCalls(...ordered.map((f) => f.report.controlPlaneCalls));
  const pick = (key: 'stageDeploymentId' | 'latestDeploymentId') =>
    ordered.find((f) => f.report.api[key] !== null)?.report.api[key] ?? null;
  const { api } = lowest.report;

  const report: Report = {
    version: 1,
    result: resultOf(checks, findings),
    api: { ...api, stageDeploymentId: pick('stageDeploymentId'), latestDeploymentId: pick('latestDeploymentId') },
    findings,
    checks,
    totals: totalsOf(checks),
    controlPlaneCalls,
    ...mergedNegativeProbes(ordered),
    ...(ordered.some((f) => f.report.routesFrom === 'deployed') ? { routesFrom: 'deployed' as const } : {}),
    // The shards ran side by side: the run took as long as the slowest.
    durationMs: Math.max(...ordered.map((f) => f.report.durationMs)),
  };
  return { report, problems: [] };
}
