// The manifest says how a route is protected; the deployed method says how it really is.
// When they differ the team's belief is wrong either way — and when the method is LESS
// protected than declared, the route is more public than anyone thinks: an error even
// though the request passed.
import type { ResolvedAuth } from '../../types.ts';
import { describeAnswer, gatewayAnswer, routeLine } from '../answer.ts';
import { redeployCommand } from '../gateway-miss.ts';
import type { Rule, RuleContext, RuleMatch } from '../rule.ts';
import type { ServedMethod } from '../served.ts';
import {
  authorizerOf,
  describeProtection,
  methodName,
  needsApiKey,
  needsSigV4,
  needsToken,
  requiredAuth,
  servedMethod,
  servedPhrase,
  viaProxyNote,
} from '../served.ts';

/** The protection layers `declared` has and `actual` lacks: a caller check, an API key. */
function missingLayers(declared: ResolvedAuth, actual: ResolvedAuth): string[] {
  const missing: string[] = [];
  const authenticates = (a: ResolvedAuth) => needsSigV4(a) || needsToken(a);
  if (authenticates(declared) && !authenticates(actual)) missing.push(needsSigV4(declared) ? 'SigV4 (AWS_IAM)' : 'an authorizer');
  if (needsApiKey(declared) && !needsApiKey(actual)) missing.push('an API key');
  return missing;
}

function fixFor(ctx: RuleContext, served: ServedMethod, declared: ResolvedAuth, actual: ResolvedAuth, weaker: boolean): string {
  const redeploy = redeployCommand(ctx.snapshot);
  const manifest = `set \`auth: ${actual}\` (or remove \`auth\` to follow the deployed method) at ${routeLine(ctx.check)}`;
  if (weaker) {
    const own = served.via === 'proxy' ? `add ${ctx.check.method} ${ctx.check.route.path} as its own method with that protection` : `protect ${methodName(served)} that way`;
    return `If the route must be \`${declared}\`, ${own} in the API definition and redeploy (\`${redeploy}\`); if it is meant to be \`${actual}\`, ${manifest}.`;
  }
  return `Make the manifest say what is deployed: ${manifest}; or, if \`${declared}\` is right, change ${methodName(served)} in the API definition and redeploy (\`${redeploy}\`).`;
}

export default {
  meta: {
    code: 'auth-mismatch',
    title: "The manifest's auth disagrees with the deployed method",
    severity: 'error',
    category: 'auth',
    onPassing: true,
  },
  match(ctx): RuleMatch | null {
    const { check } = ctx;
    if (check.authFrom !== 'manifest' || check.route.auth === 'auto') return null;
    const served = servedMethod(ctx);
    if (!served) return null;
    const actual = requiredAuth(served.method);
    const declared = check.route.auth;
    if (!actual || actual === declared) return null;

    const missing = missingLayers(declared, actual);
    const weaker = missing.length > 0;
    const authorizer = authorizerOf(ctx, served.method);
    const outcome = ctx.expectationMet
      ? `The request, sent as \`${declared}\`, passed with ${check.status}.`
      : `The request, sent as \`${declared}\`, got ${describeAnswer(check)}.`;
    const risk = weaker ? ` It does not require ${missing.join(' or ')}: the route is more public than the manifest says.` : '';
    return {
      explanation:
        `The manifest declares \`auth: ${declared}\` for ${check.route.route}, but ${servedPhrase(ctx, served)} ${methodName(served)} as ` +
        `${describeProtection(served.method, authorizer)} — that is \`${actual}\`.${viaProxyNote(ctx, served)}${risk} ${outcome}`,
      fix: fixFor(ctx, served, declared, actual, weaker),
      severity: !ctx.expectationMet || weaker ? 'error' : 'warning',
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
        answer: gatewayAnswer(check),
      },
    };
  },
} satisfies Rule;
