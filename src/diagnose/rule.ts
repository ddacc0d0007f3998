// One rule type for every diagnosis code: a check rule explains one route's failure, a stage
// rule reports a finding about the whole run, and a code that is both has both in one file.
import type { Finding, Severity } from '../types.ts';
import type { Evidence, RunEvidence } from './evidence.ts';

/** Precedence tiers: the gateway routes before it authorizes, so a routing cause beats an auth cause, which beats the rest. */
export type Tier = 'routing' | 'auth' | 'other';

/**
 * Where a stage finding goes in the report: first those that make every check's answer
 * moot (`run-wide`), then the deployment state, then notices.
 */
export type FindingGroup = 'run-wide' | 'deployment' | 'notice';

export type Scope = 'check' | 'stage';

export interface RuleMeta {
  /** stable identifier: the section of docs/diagnoses.md */
  code: string;
  /** one line, shown in annotations and the summary */
  title: string;
  /** default severity; a match may lower or raise it (auth-mismatch, stage-behind-latest) */
  severity: Severity;
  /** which functions the rule has: `check` explains a route, `stage` reports a finding */
  scope: readonly Scope[];
  tier: Tier;
  /** precedence within the tier, lower first; unique across the registry within a tier */
  priority: number;
  /**
   * Also consulted when the response met `expect` (auth-mismatch, flaky): a passing
   * route can still carry a caveat. Every other check rule only explains failures.
   */
  onPassing?: boolean;
  /** stage rules: the report group of the finding (then tier and priority order it) */
  findingGroup?: FindingGroup;
}

export interface RuleMatch {
  explanation: string;
  fix: string;
  evidence: Record<string, unknown>;
  /** overrides meta.title, e.g. to name the nearest path */
  title?: string;
  /** overrides meta.severity */
  severity?: Severity;
}

/** A finding before the engine adds its code and docs link. */
export type FindingDraft = Omit<Finding, 'code' | 'docs' | 'severity'> & { severity?: Severity };

export interface Rule {
  meta: RuleMeta;
  /** null when this cause does not fit the check */
  check?(e: Evidence): RuleMatch | null;
  /** null when the run has nothing to report under this code */
  stage?(run: RunEvidence): FindingDraft | null;
}
