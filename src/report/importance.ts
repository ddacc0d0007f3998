// Which checks and findings deserve a reader's attention, and in what order.
// Shared by annotations (GitHub keeps only 10 per level) and the summary (trimmed to 1 MiB),
// so both show the same things first.
import { GatewayError } from '../gateway-errors.ts';
import type { Check, Finding, Severity } from '../types.ts';

export const MISSING_AUTHENTICATION_TOKEN = GatewayError.MissingAuthenticationToken;

/** Findings that make every check's answer meaningless until they are fixed. */
export const INVALIDATING_FINDINGS: ReadonlySet<string> = new Set([
  'api-not-found',
  'stage-not-found',
  'deployment-mismatch',
  'credentials-missing',
  'private-api',
]);

const LEVEL_ORDER: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };

/**
 * The severity a check reports at, or null when there is nothing to say (a pass, or a
 * skip without a diagnosis). A failure without a diagnosis still counts as an error:
 * the engine always diagnoses failures, so that case is a bug we must not hide.
 */
export function checkSeverity(check: Check): Severity | null {
  if (check.diagnosis) return check.diagnosis.severity;
  if (check.outcome === 'failed') return 'error';
  if (check.outcome === 'warning') return 'warning';
  return null;
}

export function isMissingAuthenticationToken(check: Check): boolean {
  return check.errorType === MISSING_AUTHENTICATION_TOKEN;
}

/** Something ordered by importance: its level, its group within the level, where it points. */
export interface Ranked {
  severity: Severity;
  /** 0 invalidating finding, 1 check answered MAT, 2 everything else */
  group: number;
  source?: { file: string; line: number; column?: number } | undefined;
}

export function rankFinding(finding: Finding): Ranked {
  return { severity: finding.severity, group: INVALIDATING_FINDINGS.has(finding.code) ? 0 : 2, source: finding.source };
}

/** Only for checks with a severity (see checkSeverity). */
export function rankCheck(check: Check, severity: Severity): Ranked {
  return { severity, group: isMissingAuthenticationToken(check) ? 1 : 2, source: check.source };
}

/**
 * errors < warnings < notices; within a level invalidating findings, then MAT answers, then
 * the rest; then by file and line (stage-level items without a source first). Array sort is
 * stable, so ties keep the report's order.
 */
export function compareImportance(a: Ranked, b: Ranked): number {
  return (
    LEVEL_ORDER[a.severity] - LEVEL_ORDER[b.severity] ||
    a.group - b.group ||
    (a.source ? 1 : 0) - (b.source ? 1 : 0) ||
    (a.source && b.source
      ? compareStrings(a.source.file, b.source.file) || a.source.line - b.source.line || (a.source.column ?? 0) - (b.source.column ?? 0)
      : 0)
  );
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Checks that need a reader's attention, most important first. */
export function checksByImportance(checks: readonly Check[]): { check: Check; severity: Severity }[] {
  const picked: { check: Check; severity: Severity; rank: Ranked }[] = [];
  for (const check of checks) {
    const severity = checkSeverity(check);
    if (severity) picked.push({ check, severity, rank: rankCheck(check, severity) });
  }
  picked.sort((a, b) => compareImportance(a.rank, b.rank));
  return picked.map(({ check, severity }) => ({ check, severity }));
}
