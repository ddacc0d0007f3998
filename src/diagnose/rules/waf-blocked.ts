// A WAF web ACL on the stage sees every request before the gateway routes it and answers a
// block with 403 Forbidden — the same answer as a refused API key, so a method that needs a
// key is left to the key rules.
import { describeAnswer, gatewayAnswer } from '../answer.ts';
import { isForbidden } from '../predicates.ts';
import type { Rule, RuleMatch } from '../rule.ts';

export default {
  meta: {
    code: 'waf-blocked',
    title: 'Blocked by the stage’s WAF web ACL',
    severity: 'error',
    scope: ['check'],
    tier: 'auth',
    priority: 20,
  },
  check(e): RuleMatch | null {
    const { snapshot } = e;
    const webAclArn = snapshot.stageInfo.webAclArn;
    if (!webAclArn || !isForbidden(e)) return null;
    if (e.served?.method.apiKeyRequired) return null;
    const acl = webAclArn.split('/').slice(-2, -1)[0] ?? webAclArn;
    return {
      explanation:
        `Stage ${snapshot.stage} has the WAF web ACL ${acl} attached, which sees every request before the gateway routes it; ` +
        `the request got ${describeAnswer(e.answer)} and the method needs no API key, so the web ACL blocked it.`,
      fix:
        `Look up the request in the web ACL's sampled requests or logs (aws wafv2 get-sampled-requests …) to see which rule matched, ` +
        "then allow the runner (an IP set with GitHub's runner ranges, a header rule for the user-agent `apigw-route-verify`), or exclude the smoke requests from that rule.",
      evidence: { webAclArn, stage: snapshot.stage, answer: gatewayAnswer(e.answer) },
    };
  },
} satisfies Rule;
