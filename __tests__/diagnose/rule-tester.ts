// ESLint-style table tests for diagnosis rules: every rule lists contexts it must leave
// alone (valid) and contexts it must explain (invalid), with what the explanation must say.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseCheck, matchCheck } from '../../src/diagnose/engine.ts';
import type { CheckInput } from '../../src/diagnose/evidence.ts';
import { evidenceOf } from '../../src/diagnose/evidence.ts';
import type { Rule, RuleMatch } from '../../src/diagnose/rule.ts';
import type { Severity } from '../../src/types.ts';

/** One rule on the evidence of a check, as the engine runs it (a met expectation only for onPassing rules). */
export function matchOf(rule: Rule, ctx: CheckInput): RuleMatch | null {
  return matchCheck(rule, evidenceOf(ctx));
}

/** The engine's diagnosis of a check, over the whole registry. */
export function diagnose(ctx: CheckInput): ReturnType<typeof diagnoseCheck> {
  return diagnoseCheck(evidenceOf(ctx));
}

export interface InvalidCase {
  name: string;
  ctx: CheckInput;
  /** fragments the explanation must contain */
  explains?: (string | RegExp)[];
  /** fragments the fix must contain */
  fixes?: (string | RegExp)[];
  /** evidence keys/values that must be present (deep-equal per key) */
  evidence?: Record<string, unknown>;
  severity?: Severity;
  title?: string | RegExp;
}

export interface ValidCase {
  name: string;
  ctx: CheckInput;
}

function contains(haystack: string, needle: string | RegExp, what: string): void {
  if (typeof needle === 'string') assert.ok(haystack.includes(needle), `${what} should contain ${JSON.stringify(needle)}:\n${haystack}`);
  else assert.match(haystack, needle, what);
}

export function ruleTester(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(`rule ${rule.meta.code}`, () => {
    test('has its metadata', () => {
      assert.match(rule.meta.code, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(rule.meta.title.length > 0);
      assert.ok(['routing', 'auth', 'other'].includes(rule.meta.tier));
    });
    for (const c of cases.valid) {
      test(`valid: ${c.name}`, () => {
        assert.equal(matchOf(rule, c.ctx), null);
      });
    }
    for (const c of cases.invalid) {
      test(`invalid: ${c.name}`, () => {
        const m = matchOf(rule, c.ctx);
        assert.ok(m, 'the rule should match');
        for (const f of c.explains ?? []) contains(m.explanation, f, 'explanation');
        for (const f of c.fixes ?? []) contains(m.fix, f, 'fix');
        for (const [k, v] of Object.entries(c.evidence ?? {})) assert.deepEqual(m.evidence[k], v, `evidence.${k}`);
        if (c.severity) assert.equal(m.severity ?? rule.meta.severity, c.severity);
        if (c.title) contains(m.title ?? rule.meta.title, c.title, 'title');
      });
    }
  });
}
