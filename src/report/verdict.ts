// The run's verdict, computed once from the checks and findings: the log line that ends the
// step, and the numbers the job summary's heading shows.
import type { FailOn } from '../settings.ts';
import type { Report, Severity } from '../types.ts';
import { exitFailed, resultOf, totalsOf } from './outputs.ts';
import { plural, thousands } from './text.ts';

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

/** Stage names and ids can be long: the title must stay one line. */
function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

const n = thousands;

/** What the title says before the stage: "5 of 7 routes failed", "7 routes passed", "failed: stage-not-found". */
function titleText(report: Pick<Report, 'checks' | 'findings'>, v: Verdict): string {
  const { total, failed } = v.totals;
  if (failed > 0) return `${n(failed)} of ${plural(total, 'route')} failed`;
  if (v.result === 'failed') {
    const error =
      report.findings.find((f) => f.severity === 'error')?.code ??
      report.checks.find((c) => c.diagnosis?.severity === 'error')?.diagnosis?.code;
    return error ? `failed: ${error}` : 'failed';
  }
  return total === 0 ? 'no routes to check' : `${plural(total, 'route')} passed`;
}

/**
 * The verdict in one short line (~70 characters): "❌ 5 of 7 routes failed · prod · a1b2c3d4e5".
 * `escape` is applied to the stage and the API id, the only parts a user wrote.
 */
export function verdictTitle(report: Pick<Report, 'checks' | 'findings' | 'api'>, escape: (text: string) => string = (t) => t): string {
  const v = verdictOf(report);
  // REST API ids are 10 characters; stage names may be 128
  const where = [clip(report.api.stage, 16), clip(report.api.restApiId, 12)].filter(Boolean).map(escape);
  return [`${v.result === 'passed' ? '✅' : '❌'} ${titleText(report, v)}`, ...where].join(' · ');
}

/** The counts under the title: passed and failed always, warnings, MAT answers and skips only when there are some. */
export function verdictCounts(report: Pick<Report, 'checks' | 'findings'>): string[] {
  const v = verdictOf(report);
  const t = v.totals;
  return [
    `${n(t.passed)} passed`,
    `${n(t.failed)} failed`,
    ...(v.count.warning ? [plural(v.count.warning, 'warning')] : []),
    ...(t.missingAuthenticationToken ? [`${n(t.missingAuthenticationToken)} answered "Missing Authentication Token"`] : []),
    ...(t.skipped ? [`${n(t.skipped)} skipped`] : []),
  ];
}
