// Runs the rules over one check, in the precedence of DESIGN.md §6: the gateway routes
// before it authorizes, so a routing cause beats an authentication cause, which beats the rest.
import { docsUrl } from '../docs.ts';
import type { Diagnosis, Outcome } from '../types.ts';
import type { Rule, RuleCategory, RuleContext } from './rule.ts';
import { rules as allRules } from './rules/index.ts';

const TIER: Record<RuleCategory, number> = { routing: 0, auth: 1, other: 2 };

/** Stable sort by tier; within a tier the registry order decides. */
export function byPrecedence(rules: readonly Rule[]): Rule[] {
  return [...rules].sort((a, b) => TIER[a.meta.category] - TIER[b.meta.category]);
}

const ORDERED = byPrecedence(allRules);

/** Said when a diagnosis could not be checked against the control plane. */
export function lowConfidenceNote(ctx: RuleContext): string | undefined {
  // Read and said NotFound: that is certain, not blind.
  if (ctx.snapshot.deployed || ctx.snapshot.api.status === 'not-found' || ctx.snapshot.stageInfo.status === 'not-found') return undefined;
  const why = ctx.snapshot.stageInfo.error ?? ctx.snapshot.api.error ?? 'the control plane could not be read';
  return `This rests on the gateway's answer alone (${why}); with apigateway:GET on the API it would be confirmed against the deployed stage.`;
}

export function diagnoseCheck(ctx: RuleContext, rules: readonly Rule[] = ORDERED): { outcome: Outcome; diagnosis: Diagnosis | null } {
  for (const rule of rules) {
    if (ctx.expectationMet && !rule.meta.onPassing) continue;
    const match = rule.match(ctx);
    if (!match) continue;
    const severity = match.severity ?? rule.meta.severity;
    const note = lowConfidenceNote(ctx);
    const diagnosis: Diagnosis = {
      code: rule.meta.code,
      severity,
      title: match.title ?? rule.meta.title,
      explanation: note ? `${match.explanation} ${note}` : match.explanation,
      fix: match.fix,
      evidence: match.evidence,
      reproduce: ctx.check.reproduce,
      docs: docsUrl(rule.meta.code),
    };
    const outcome: Outcome = !ctx.expectationMet || severity === 'error' ? 'failed' : 'warning';
    return { outcome, diagnosis };
  }
  // Only a met expectation gets here: the last rule (unexpected-status) matches every failure.
  return { outcome: 'passed', diagnosis: null };
}
