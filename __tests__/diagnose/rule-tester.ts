// ESLint-style table tests for diagnosis rules: every rule lists contexts it must leave
// alone (valid) and contexts it must explain (invalid), with what the explanation must say.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Rule, RuleContext } from '../../src/diagnose/rule.ts';
import type { Severity } from '../../src/types.ts';

export interface InvalidCase {
  name: string;
  ctx: RuleContext;
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
  ctx: RuleContext;
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
      assert.ok(['routing', 'auth', 'other'].includes(rule.meta.category));
    });
    for (const c of cases.valid) {
      test(`valid: ${c.name}`, () => {
        assert.equal(rule.match(c.ctx), null);
      });
    }
    for (const c of cases.invalid) {
      test(`invalid: ${c.name}`, () => {
        const m = rule.match(c.ctx);
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
