// A Cognito or Lambda authorizer refused the request: 401 Unauthorized (no token, or a token
// it does not accept), or a Lambda authorizer's Deny policy (403 AccessDenied "User is not
// authorized to access this resource"). The explanation names the authorizer and the header
// it reads, and shows the token's claims that explain a refusal — expiry, issuer, audience,
// token use — read from the evidence's tokenClaims, which hold only allow-listed claims, never the token.
import { GatewayError } from '../../gateway-errors.ts';
import type { AuthorizerInfo } from '../../types.ts';
import { requestIdOf } from '../../shell.ts';
import { codeText } from '../../resource-policy.ts';
import { describeAnswer, gatewayAnswer, routeLine } from '../answer.ts';
import type { Evidence, ServedMethod } from '../evidence.ts';
import { safeClaims } from '../jwt.ts';
import { AUTHORIZED_TYPES, isAuthorizerDeny, methodName, needsToken } from '../predicates.ts';
import type { Rule, RuleMatch } from '../rule.ts';

/** The user pool ids an authorizer trusts, from arn:aws:cognito-idp:<region>:<account>:userpool/<id>. */
function trustedPools(authorizer: AuthorizerInfo | undefined): string[] {
  return (authorizer?.providerARNs ?? []).map((arn) => /:userpool\/(.+)$/.exec(arn)?.[1]).filter((id): id is string => Boolean(id));
}

interface ClaimReading {
  /** what the claims show, as sentence fragments */
  findings: string[];
  /** the most specific fix they point to */
  fix: string | undefined;
  evidence: Record<string, unknown>;
}

function readClaims(e: Evidence, authorizer: AuthorizerInfo | undefined, now: number): ClaimReading {
  const claims = safeClaims(e.tokenClaims ?? {});
  const evidence: Record<string, unknown> = { ...claims };
  const findings: string[] = [];
  let fix: string | undefined;

  if (typeof claims.exp === 'number') {
    const expiresAt = new Date(claims.exp * 1000).toISOString();
    const expired = claims.exp * 1000 <= now;
    evidence.expiresAt = expiresAt;
    evidence.expired = expired;
    if (expired) {
      findings.push(`it expired at ${expiresAt} (exp), ${Math.round((now - claims.exp * 1000) / 60000)} min before this check`);
      fix =
        'Mint the token in the workflow right before this step (e.g. `aws cognito-idp initiate-auth`) instead of storing a long-lived one, and pass it as `authorizer-token`.';
    }
  }
  if (typeof claims.nbf === 'number' && claims.nbf * 1000 > now)
    findings.push(`it is not valid before ${new Date(claims.nbf * 1000).toISOString()} (nbf)`);

  const pools = trustedPools(authorizer);
  const issuerPool = typeof claims.iss === 'string' ? /cognito-idp\.[\w-]+\.amazonaws\.com\/(.+)$/.exec(claims.iss)?.[1] : undefined;
  if (
    authorizer?.type === 'COGNITO_USER_POOLS' &&
    pools.length > 0 &&
    typeof claims.iss === 'string' &&
    !pools.includes(issuerPool ?? '')
  ) {
    findings.push(`its issuer ${claims.iss} (iss) is not the user pool the authorizer trusts (${pools.join(', ')})`);
    fix ??= `Use a token issued by user pool ${pools[0]}, the one in the authorizer's providerARNs.`;
  }
  if (authorizer?.type === 'COGNITO_USER_POOLS' && typeof claims.token_use === 'string' && findings.length === 0) {
    findings.push(
      `it is an ${claims.token_use} token (token_use): a Cognito authorizer takes an ID token when the method has no OAuth scopes, and an access token with a matching scope when it has`,
    );
  }
  const audience = claims.aud ?? claims.client_id;
  if (audience !== undefined && findings.length === 0)
    findings.push(`its app client is ${JSON.stringify(audience)} (aud/client_id): it must be a client of the authorizer's user pool`);
  return { findings, fix, evidence };
}

function authorizerPhrase(served: ServedMethod | undefined, authorizer: AuthorizerInfo | undefined, headers: string[]): string {
  const who = authorizer ? `the ${authorizer.type} authorizer "${authorizer.name}"` : 'an authorizer';
  const reads = headers.length > 0 ? `, which reads the token from the ${headers.join(', ')} header` : '';
  return served ? `${methodName(served)} is protected by ${who}${reads}` : `The request was refused by ${who}${reads}`;
}

export default {
  meta: {
    code: 'authorizer-unauthorized',
    title: 'The authorizer refused the request',
    severity: 'error',
    scope: ['check'],
    tier: 'auth',
    priority: 120,
  },
  check(e): RuleMatch | null {
    const { check, served } = e;
    const unauthorized = e.classification.errorType === GatewayError.Unauthorized;
    const denied = isAuthorizerDeny(e);
    if (!unauthorized && !denied) return null;
    if (e.hasMethodTable && !(served && AUTHORIZED_TYPES.has(served.method.authorizationType))) return null;

    const { authorizer, identityHeaders: headers } = e.auth;
    const tokenHeader = check.sent.tokenHeader ?? 'Authorization';
    const lambdaLogs = `check the authorizer function's logs for request ${(e.answer.kind === 'answered' ? requestIdOf(e.answer.headers) : undefined) ?? '(see x-amzn-RequestId)'}`;

    let token: string;
    let fix: string;
    let claims: Record<string, unknown> | undefined;
    const expression = authorizer?.identityValidationExpression;
    if (e.auth.tokenFailsValidation && expression && unauthorized) {
      token =
        `The token sent in ${tokenHeader} does not match the authorizer's identityValidationExpression ${codeText(expression)} (the whole token must match): ` +
        'the gateway rejected it before the function ran, so the function logged nothing.';
      fix = `Send a token that matches ${codeText(expression)} as a whole (a missing "Bearer " prefix is the usual cause), or change the expression on the authorizer.`;
    } else if (denied && check.sent.token) {
      const requestId = e.answer.kind === 'answered' ? requestIdOf(e.answer.headers) : undefined;
      const explicit = /explicit deny/i.test(e.classification.message ?? '');
      token = explicit
        ? "This is the authorizer's decision: the policy its function returned denies this method explicitly."
        : "This is the authorizer's decision: the policy its function returned does not cover this method (an Allow for other resources), and the resource policy does not allow it either.";
      fix =
        `The authorizer decided: check the authorizer function's logs for request ${requestId ?? '(see x-amzn-RequestId)'} to see why it ${explicit ? 'denied' : 'left out'} this caller; ` +
        `if the caller must be let in, make the function return Allow for this method's ARN (or \`expect: 403\` if it must stay locked out).`;
    } else if (!check.sent.token) {
      token = needsToken(check.auth)
        ? 'No token was sent: the `authorizer-token` input is empty.'
        : `No token was sent: the route's auth \`${check.auth}\` includes none.`;
      fix = needsToken(check.auth)
        ? 'Mint a token in an earlier step and pass it: `authorizer-token: ${{ steps.token.outputs.token }}`.'
        : `Set \`auth: token\` (or remove \`auth\`) at ${routeLine(check)} and pass \`authorizer-token\`.`;
    } else if (headers.length > 0 && !headers.some((h) => h.toLowerCase() === tokenHeader.toLowerCase())) {
      token = `The token was sent in ${tokenHeader}, not in ${headers.join(', ')}.`;
      fix = `Send the token in ${headers[0]}: the action does so once it can read the authorizer (apigateway:GET on the API).`;
    } else if (!e.tokenClaims) {
      token = `A token was sent in ${tokenHeader}; it is not a JWT, so no claims can be shown.`;
      fix =
        authorizer?.type === 'COGNITO_USER_POOLS'
          ? 'A Cognito authorizer needs a JWT from its user pool (ID or access token).'
          : `The authorizer rejected it: ${lambdaLogs}.`;
    } else {
      const reading = readClaims(e, authorizer, Date.now());
      claims = reading.evidence;
      token =
        reading.findings.length > 0
          ? `A JWT was sent in ${tokenHeader}; ${reading.findings.join('; ')}.`
          : `A JWT was sent in ${tokenHeader}; its claims show no obvious cause.`;
      fix =
        reading.fix ??
        (authorizer?.type === 'COGNITO_USER_POOLS'
          ? 'Use a token of the trusted user pool and app client, of the type the method expects.'
          : `The authorizer rejected it: ${lambdaLogs}.`);
    }
    const verdict = denied
      ? /explicit deny/i.test(e.classification.message ?? '')
        ? 'the authorizer returned a Deny policy'
        : "the authorizer's policy did not allow this method"
      : e.auth.tokenFailsValidation && expression
        ? 'the gateway refused the token without invoking the authorizer'
        : 'the authorizer did not accept the request';
    return {
      ...(denied ? { title: 'The authorizer denied the request' } : {}),
      explanation: `${authorizerPhrase(served, authorizer, headers)}; ${verdict} and the gateway answered ${describeAnswer(e.answer)}. ${token}`,
      fix,
      evidence: {
        ...(served ? { method: methodName(served), authorizationType: served.method.authorizationType } : {}),
        ...(authorizer ? { authorizer: { id: authorizer.id, name: authorizer.name, type: authorizer.type } } : {}),
        ...(headers.length > 0 ? { identitySource: headers } : {}),
        tokenSent: check.sent.token,
        ...(check.sent.token ? { tokenHeader } : {}),
        ...(claims ? { claims } : {}),
        ...(e.auth.tokenFailsValidation && expression ? { identityValidationExpression: expression, tokenMatchesExpression: false } : {}),
        ...(denied && e.answer.kind === 'answered' && requestIdOf(e.answer.headers) ? { requestId: requestIdOf(e.answer.headers) } : {}),
        answer: gatewayAnswer(e.answer),
      },
    };
  },
} satisfies Rule;
