import type { ProbeResult, Severity, Snapshot } from '../types.ts';
import type { Settings } from '../settings.ts';

/** The three precedence tiers of DESIGN.md §6: the gateway routes before it authorizes. */
export type RuleCategory = 'routing' | 'auth' | 'other';

export interface RuleMeta {
  /** stable identifier, DESIGN.md §6 */
  code: string;
  /** one line, shown in annotations and the summary */
  title: string;
  /** default severity; a match may lower or raise it (auth-mismatch) */
  severity: Severity;
  category: RuleCategory;
  /**
   * Also consulted when the response met `expect` (auth-mismatch, flaky): a passing
   * route can still carry a caveat. Every other rule only explains failures.
   */
  onPassing?: boolean;
}

/** What a rule sees. `snapshot` parts may be missing: rules must say when they rest on the answer alone. */
export interface RuleContext {
  check: ProbeResult;
  snapshot: Snapshot;
  settings: Pick<Settings, 'baseUrl' | 'baseUrlIsDefault' | 'stage' | 'region' | 'restApiId'>;
  /** AWS credentials were available for signing */
  hasCredentials: boolean;
  /** the response met the route's `expect` */
  expectationMet: boolean;
  /**
   * Safe claims decoded (not verified) from the authorizer-token input when it is a JWT:
   * exp, iat, aud, client_id, iss, token_use, scope. Never the token itself.
   */
  tokenClaims?: Record<string, unknown>;
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

export interface Rule {
  meta: RuleMeta;
  /** null when this cause does not fit the check */
  match(ctx: RuleContext): RuleMatch | null;
}
