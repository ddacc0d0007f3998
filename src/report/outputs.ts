// The action's outputs (as action.yml declares them) and its result. `result` reports what was found;
// `fail-on` decides only whether the step exits non-zero.
import type { FailOn } from '../settings.ts';
import type { Check, Finding, Report, Severity } from '../types.ts';
import { checkSeverity, isMissingAuthenticationToken } from './importance.ts';

/** The counts of the outputs: `passed` includes outcome `warning` (the route answered, with a caveat). */
export function totalsOf(checks: readonly Check[]): Report['totals'] {
  const count = (keep: (c: Check) => boolean) => checks.filter(keep).length;
  return {
    total: checks.length,
    passed: count((c) => c.outcome === 'passed' || c.outcome === 'warning'),
    failed: count((c) => c.outcome === 'failed'),
    skipped: count((c) => c.outcome === 'skipped'),
    missingAuthenticationToken: count(isMissingAuthenticationToken),
  };
}

function severities(checks: readonly Check[], findings: readonly Finding[]): Set<Severity> {
  const found = new Set<Severity>(findings.map((f) => f.severity));
  for (const check of checks) {
    const severity = checkSeverity(check);
    if (severity) found.add(severity);
  }
  return found;
}

/** `failed` when any check or finding is an error, whatever `fail-on` says. */
export function resultOf(checks: readonly Check[], findings: readonly Finding[]): 'passed' | 'failed' {
  return severities(checks, findings).has('error') ? 'failed' : 'passed';
}

/** Whether the step must fail: `error` on errors, `warning` on warnings too, `never` never. Notices never fail it. */
export function exitFailed(report: Pick<Report, 'checks' | 'findings'>, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  const found = severities(report.checks, report.findings);
  return found.has('error') || (failOn === 'warning' && found.has('warning'));
}

/**
 * Exactly the outputs action.yml declares, as strings for core.setOutput. Counts and result are derived
 * from the checks and findings themselves, so they cannot drift from what the summary shows.
 */
export function outputsOf(report: Report, reportFile: string): Record<string, string> {
  const totals = totalsOf(report.checks);
  return {
    result: resultOf(report.checks, report.findings),
    total: String(totals.total),
    passed: String(totals.passed),
    failed: String(totals.failed),
    'missing-authentication-token': String(totals.missingAuthenticationToken),
    'stage-deployment-id': report.api.stageDeploymentId ?? '',
    'latest-deployment-id': report.api.latestDeploymentId ?? '',
    'report-file': reportFile,
  };
}
