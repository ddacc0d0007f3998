// The lock, tested: the route's request sent again with no credential (and, for an authorizer
// route, with a well-formed token nobody signed) got past the gateway. The route is more public
// than the team believes, whether or not the smoke request passed — so it is an error on a
// passing check too. When the control plane already shows the method is less protected than
// the manifest declares, auth-mismatch names that cause first; this rule is the proof for
// everything else (the deployed method says protected, or the control plane is unreadable).
import type { NegativeProbe } from '../../types.ts';
import { describeAnswer, gatewayAnswer, routeLine } from '../answer.ts';
import type { Evidence } from '../evidence.ts';
import { describeProtection, methodName, redeployCommand, servedPhrase } from '../predicates.ts';
import type { Rule, RuleMatch } from '../rule.ts';

/** "without the SigV4 signature" / "with a well-formed JWT nobody signed in Authorization (and without the x-api-key header)" */
function sentWithout(probe: NegativeProbe): string {
  if (probe.kind === 'bare') return `without ${probe.removed.join(' and ')}`;
  const others = probe.removed.filter((what) => !what.startsWith('the token'));
  return `with a well-formed JWT nobody signed in ${probe.tokenHeader ?? 'Authorization'}${others.length > 0 ? ` (and without ${others.join(' and ')})` : ''}`;
}

function restore(e: Evidence): string {
  const auth = e.check.auth;
  const layers: string[] = [];
  if (auth.startsWith('iam')) layers.push('`authorizationType: AWS_IAM`');
  if (auth.startsWith('token'))
    layers.push("the method's authorizer (`authorizationType: CUSTOM` or `COGNITO_USER_POOLS` with its `authorizerId`)");
  if (auth.endsWith('api-key')) layers.push('`apiKeyRequired: true`');
  return layers.join(' and ');
}

export default {
  meta: {
    code: 'auth-not-enforced',
    title: 'A request without credentials got through',
    severity: 'error',
    scope: ['check'],
    tier: 'auth',
    priority: 35,
    onPassing: true,
  },
  check(e): RuleMatch | null {
    const [first] = e.negative.notEnforced;
    if (!first) return null;
    const { check, served } = e;
    const sent = e.negative.notEnforced.map((p) => `sent ${sentWithout(p)}, it got ${describeAnswer(p.answer)}`).join('; ');
    const belief =
      e.negative.basis === 'deployed' && check.authFrom === 'deployed'
        ? `the deployed method asks for \`${check.auth}\``
        : `the manifest declares \`auth: ${check.auth}\``;
    const deployed = served
      ? ` ${servedPhrase(e, served)} ${methodName(served)} as ${describeProtection(served.method, e.auth.authorizer)}${served.via === 'proxy' ? ` (through the proxy: ${check.method} ${check.route.path} has no method of its own)` : ''}.`
      : '';
    const blind =
      e.negative.basis === 'manifest'
        ? " The control plane could not be read, so the negative probe followed the manifest's declared `auth` only."
        : '';
    const target = served
      ? `${methodName(served)}${served.via === 'proxy' ? ` (or add ${check.method} ${check.route.path} as its own method)` : ''}`
      : `${check.method} ${check.route.path}`;
    return {
      explanation:
        `${check.route.route} should refuse a caller without credentials — ${belief} — but the gateway let one through: ${sent}. ` +
        `The gateway must answer that with Missing Authentication Token, 401 or 403; a backend answer means the route is more public than the team believes.${deployed}${blind}`,
      fix:
        `Restore ${restore(e)} on ${target} in the API definition and redeploy (\`${redeployCommand(e.snapshot)}\`). ` +
        `If the route is meant to be public, set \`auth: none\` at ${routeLine(check)} (or \`negative: false\` when something other than API Gateway guards it).`,
      evidence: {
        auth: check.auth,
        basis: e.negative.basis,
        notEnforced: e.negative.notEnforced.map((p) => ({
          kind: p.kind,
          removed: p.removed,
          answer: gatewayAnswer(p.answer),
          reproduce: p.reproduce,
        })),
        probes: e.negative.probes.length,
        ...(served
          ? { method: methodName(served), authorizationType: served.method.authorizationType, apiKeyRequired: served.method.apiKeyRequired }
          : {}),
      },
    };
  },
} satisfies Rule;
