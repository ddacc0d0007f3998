// The route answered as expected, but only after a retry: worth a warning, because the next
// deploy's check may not be so lucky. Says what the failed attempts got.
import type { Attempt } from '../../types.ts';
import type { Rule, RuleMatch } from '../rule.ts';

function describeAttempt(a: Attempt): string {
  if (a.status === undefined) return a.networkError ?? 'no answer';
  return `${a.status}${a.errorType ? ` ${a.errorType}` : ''}`;
}

export default {
  meta: {
    code: 'flaky',
    title: 'Passed only after a retry',
    severity: 'warning',
    scope: ['check'],
    tier: 'other',
    priority: 40,
    onPassing: true,
  },
  check(e): RuleMatch | null {
    const { check } = e;
    const first = check.attempts[0];
    if (!e.expectationMet || !first || check.attempts.length < 2) return null;
    const failed = check.attempts.slice(0, -1).map(describeAttempt);
    const throttled = first.status === 429;
    const network = first.status === undefined;
    return {
      explanation: `${check.route.route} passed on attempt ${check.attempts.length}; before that: ${failed.map((f, i) => `attempt ${i + 1} got ${f}`).join(', ')}.`,
      fix: throttled
        ? 'Lower `concurrency`, or raise the throttling limits of the stage or usage plan.'
        : network
          ? 'Check the network path to the API (proxies, DNS, firewall) and the `timeout` input.'
          : "Look for cold starts or transient 5xx in the backend (its logs, the stage's IntegrationLatency and 5XXError metrics).",
      severity: 'warning',
      evidence: { attempts: check.attempts.length, firstFailure: describeAttempt(first), failures: failed },
    };
  },
} satisfies Rule;
