// Runs the registry's rules: over one check's evidence in precedence order (the gateway routes
// before it authorizes, so a routing cause beats an authentication cause, which beats the
// rest; within a tier the lower priority wins), and over the whole run for the findings.
import { docsUrl } from '../docs.ts';
import type { Diagnosis, Finding, Outcome } from '../types.ts';
import type { Evidence, RunEvidence } from './evidence.ts';
import { registry } from './registry.ts';
import type { FindingGroup, Rule, RuleMatch, Tier } from './rule.ts';

const TIER: Record<Tier, number> = { routing: 0, auth: 1, other: 2 };
const GROUP: Record<FindingGroup, number> = { 'run-wide': 0, deployment: 1, notice: 2 };

const byTierThenPriority = (a: Rule, b: Rule): number => TIER[a.meta.tier] - TIER[b.meta.tier] || a.meta.priority - b.meta.priority;

/** The check rules in precedence order: tier, then priority. Whatever order they come in. */
export function byPrecedence(rules: readonly Rule[]): Rule[] {
  return rules.filter((rule) => rule.check !== undefined).sort(byTierThenPriority);
}

/** The stage rules in report order: findings that explain every failed check, then the deployment state, then notices. */
export function inReportOrder(rules: readonly Rule[]): Rule[] {
  const group = (rule: Rule) => GROUP[rule.meta.findingGroup ?? 'notice'];
  return rules.filter((rule) => rule.stage !== undefined).sort((a, b) => group(a) - group(b) || byTierThenPriority(a, b));
}

const CHECK_RULES = byPrecedence(registry);
const STAGE_RULES = inReportOrder(registry);

/** One rule on one check: only rules marked onPassing see a check that met its expectation. */
export function matchCheck(rule: Rule, e: Evidence): RuleMatch | null {
  if (!rule.check || (e.expectationMet && !rule.meta.onPassing)) return null;
  return rule.check(e);
}

/** Said when a diagnosis could not be checked against the control plane. */
function lowConfidenceNote(e: Evidence): string | undefined {
  const { snapshot } = e;
  // Read and said NotFound: that is certain, not blind.
  if (snapshot.deployed || snapshot.api.status === 'not-found' || snapshot.stageInfo.status === 'not-found') return undefined;
  const why = snapshot.stageInfo.error ?? snapshot.api.error ?? 'the control plane could not be read';
  return `This rests on the gateway's answer alone (${why}); with apigateway:GET on the API it would be confirmed against the deployed stage.`;
}

/** Said on an auth diagnosis when the deployed summary had no auth details and the definition stood in (src/aws/snapshot.ts). */
const AUTH_FROM_DEFINITION =
  "The deployed API summary lists no authorizationType or apiKeyRequired, so what the method asks of a caller was read from the API's current definition, which may differ from what is deployed.";

export function diagnoseCheck(e: Evidence, rules: readonly Rule[] = CHECK_RULES): { outcome: Outcome; diagnosis: Diagnosis | null } {
  const ordered = rules === CHECK_RULES ? CHECK_RULES : byPrecedence(rules);
  for (const rule of ordered) {
    const match = matchCheck(rule, e);
    if (!match) continue;
    const severity = match.severity ?? rule.meta.severity;
    const authNote = rule.meta.tier === 'auth' && e.snapshot.authFromDefinition === true;
    const note = [lowConfidenceNote(e), authNote ? AUTH_FROM_DEFINITION : undefined].filter(Boolean).join(' ');
    const diagnosis: Diagnosis = {
      code: rule.meta.code,
      severity,
      title: match.title ?? rule.meta.title,
      explanation: note ? `${match.explanation} ${note}` : match.explanation,
      fix: match.fix,
      evidence: authNote ? { ...match.evidence, authFrom: 'current definition' } : match.evidence,
      reproduce: e.check.reproduce,
      docs: docsUrl(rule.meta.code),
    };
    const outcome: Outcome = !e.expectationMet || severity === 'error' ? 'failed' : 'warning';
    return { outcome, diagnosis };
  }
  // Only a met expectation gets here: unexpected-status, last in precedence, matches every failure.
  return { outcome: 'passed', diagnosis: null };
}

export function findingsOf(run: RunEvidence, rules: readonly Rule[] = STAGE_RULES): Finding[] {
  const ordered = rules === STAGE_RULES ? STAGE_RULES : inReportOrder(rules);
  const findings: Finding[] = [];
  for (const rule of ordered) {
    const draft = rule.stage?.(run);
    if (draft)
      findings.push({ ...draft, code: rule.meta.code, severity: draft.severity ?? rule.meta.severity, docs: docsUrl(rule.meta.code) });
  }
  return findings;
}
