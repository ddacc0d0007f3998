// The manifest says how a route is protected; the deployed method says how it really is.
// When they differ the team's belief is wrong either way — and when the method is LESS
// protected than declared, the route is more public than anyone thinks: an error even
// though the request passed.
import type { ResolvedAuth } from '../../types.ts';
import { describeAnswer, gatewayAnswer, routeLine, routesDocument } from '../answer.ts';
import type { Evidence, ServedMethod } from '../evidence.ts';
import {
  describeProtection,
  keyFromAuthorizer,
  methodName,
  needsApiKey,
  needsSigV4,
  needsToken,
  redeployCommand,
  servedPhrase,
  viaProxyNote,
} from '../predicates.ts';
import type { Rule, RuleMatch } from '../rule.ts';

/** The protection layers `declared` has and `actual` lacks: a caller check, an API key. */
function missingLayers(declared: ResolvedAuth, actual: ResolvedAuth): string[] {
  const missing: string[] = [];
  const authenticates = (a: ResolvedAuth) => needsSigV4(a) || needsToken(a);
  if (authenticates(declared) && !authenticates(actual)) missing.push(needsSigV4(declared) ? 'SigV4 (AWS_IAM)' : 'an authorizer');
  if (needsApiKey(declared) && !needsApiKey(actual)) missing.push('an API key');
  return missing;
}

/** The auth without its API-key part: `token+api-key` → `token`, `api-key` → `none`. */
const withoutKey = (auth: ResolvedAuth): string => auth.replace(/\+?api-key$/, '') || 'none';

/** How to make the routes file say `actual`: the manifest's `auth` key, or an OpenAPI operation's security. */
function sayDeployed(e: Evidence, actual: ResolvedAuth): string {
  return e.routesIn === 'openapi'
    ? `change the operation's \`security\` at ${routeLine(e.check)} to what is deployed, or add \`x-apigw-route-verify: { auth: ${actual} }\` to it (\`auth: auto\` follows the deployed method)`
    : `set \`auth: ${actual}\` (or remove \`auth\` to follow the deployed method) at ${routeLine(e.check)}`;
}

function fixFor(e: Evidence, served: ServedMethod, declared: ResolvedAuth, actual: ResolvedAuth, weaker: boolean): string {
  const redeploy = redeployCommand(e.snapshot);
  const manifest = sayDeployed(e, actual);
  if (weaker) {
    const own =
      served.via === 'proxy'
        ? `add ${e.check.method} ${e.check.route.path} as its own method with that protection`
        : `protect ${methodName(served)} that way`;
    return `If the route must be \`${declared}\`, ${own} in the API definition and redeploy (\`${redeploy}\`); if it is meant to be \`${actual}\`, ${manifest}.`;
  }
  return `Make ${routesDocument(e.routesIn)} say what is deployed: ${manifest}; or, if \`${declared}\` is right, change ${methodName(served)} in the API definition and redeploy (\`${redeploy}\`).`;
}

export default {
  meta: {
    code: 'auth-mismatch',
    title: "The manifest's auth disagrees with the deployed method",
    severity: 'error',
    scope: ['check'],
    tier: 'auth',
    priority: 30,
    onPassing: true,
  },
  check(e): RuleMatch | null {
    const { check, served } = e;
    if (check.authFrom !== 'manifest' || check.route.auth === 'auto' || !served) return null;
    const actual = e.auth.required;
    const declared = check.route.auth;
    if (!actual || actual === declared) return null;
    // apiKeySource AUTHORIZER: the key comes from the authorizer, not the caller, so `+api-key` is no part of what to send.
    if (keyFromAuthorizer(e) && withoutKey(actual) === withoutKey(declared)) return null;

    const missing = missingLayers(declared, actual);
    const weaker = missing.length > 0;
    const { authorizer } = e.auth;
    const outcome = e.expectationMet
      ? `The request, sent as \`${declared}\`, passed with ${e.status}.`
      : `The request, sent as \`${declared}\`, got ${describeAnswer(e.answer)}.`;
    const doc = routesDocument(e.routesIn);
    const risk = weaker ? ` It does not require ${missing.join(' or ')}: the route is more public than ${doc} says.` : '';
    return {
      explanation:
        `${e.routesIn === 'openapi' ? `The OpenAPI document's security for ${check.route.route} means \`auth: ${declared}\`` : `The manifest declares \`auth: ${declared}\` for ${check.route.route}`}, but ${servedPhrase(e, served)} ${methodName(served)} as ` +
        `${describeProtection(served.method, authorizer)} — that is \`${actual}\`.${viaProxyNote(e, served)}${risk} ${outcome}`,
      fix: fixFor(e, served, declared, actual, weaker),
      severity: !e.expectationMet || weaker ? 'error' : 'warning',
      evidence: {
        declared,
        deployed: actual,
        method: methodName(served),
        authorizationType: served.method.authorizationType,
        apiKeyRequired: served.method.apiKeyRequired,
        ...(authorizer ? { authorizer: authorizer.name } : {}),
        via: served.via,
        table: served.from,
        lessProtected: weaker,
        answer: gatewayAnswer(e.answer),
      },
    };
  },
} satisfies Rule;
