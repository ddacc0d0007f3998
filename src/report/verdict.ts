// The run's verdict, computed once from the checks and findings: the log line that ends the
// step, and the numbers the job summary's heading shows.
import type { FailOn } from '../settings.ts';
import type { Report, Severity } from '../types.ts';
import { exitFailed, resultOf, totalsOf } from './outputs.ts';

export interface Verdict {
  result: Report['result'];
  totals: Report['totals'];
  /** diagnoses and findings of each severity */
  count: Record<Severity, number>;
  /** the step fails although the result passed: fail-on is `warning` and there are warnings */
  failsOnWarnings: boolean;
}

export function verdictOf(report: Pick<Report, 'checks' | 'findings'>, failOn: FailOn = 'error'): Verdict {
  const result = resultOf(report.checks, report.findings);
  const count = (severity: Severity) =>
    report.checks.filter((c) => c.diagnosis?.severity === severity).length + report.findings.filter((f) => f.severity === severity).length;
  return {
    result,
    totals: totalsOf(report.checks),
    count: { error: count('error'), warning: count('warning'), notice: count('notice') },
    failsOnWarnings: result === 'passed' && failOn === 'warning' && exitFailed(report, failOn),
  };
}

/** One line: the verdict, and why the step fails when it does. */
export function verdictLine(report: Pick<Report, 'checks' | 'findings'>, failOn: FailOn): string {
  const v = verdictOf(report, failOn);
  const t = v.totals;
  const mat = t.missingAuthenticationToken ? `, ${t.missingAuthenticationToken} answered "Missing Authentication Token"` : '';
  const answered = `${t.passed} of ${t.total} routes answered as expected${mat}`;
  if (v.failsOnWarnings) return `failing on ${v.count.warning} warning(s) because fail-on is warning: ${answered}`;
  const verdict = `${v.result}: ${answered}`;
  return v.count.error ? `${verdict}; ${v.count.error} error(s)` : verdict;
}
