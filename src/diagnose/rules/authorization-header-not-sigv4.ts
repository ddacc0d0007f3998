// On an AWS_IAM method the gateway reads the Authorization header as a SigV4 signature. A
// Bearer or Basic header there is "incomplete": IncompleteSignatureException. Only the scheme
// (the word before the space) is ever reported, never the header's value.
import { GatewayError } from '../../gateway-errors.ts';
import { describeAnswer, gatewayAnswer, routeLine } from '../answer.ts';
import type { Evidence } from '../evidence.ts';
import { methodName } from '../predicates.ts';
import type { Rule, RuleMatch } from '../rule.ts';

interface AuthorizationHeader {
  /** where the header came from */
  source: 'manifest headers' | 'authorizer-token' | 'unknown';
  /** "Bearer", "Basic"; undefined when the value has no scheme or is not known here */
  scheme?: string;
}

/** Which non-SigV4 Authorization header the request carried, as far as the check records it. */
function authorizationHeader(e: Evidence): AuthorizationHeader {
  const { check } = e;
  const manifest = Object.entries(check.route.headers).find(([name]) => name.toLowerCase() === 'authorization');
  if (manifest) {
    const value = manifest[1].trim();
    const space = value.indexOf(' ');
    return space > 0 ? { source: 'manifest headers', scheme: value.slice(0, space) } : { source: 'manifest headers' };
  }
  if (check.sent.token && (check.sent.tokenHeader ?? 'Authorization').toLowerCase() === 'authorization') {
    return e.tokenClaims ? { source: 'authorizer-token', scheme: 'JWT' } : { source: 'authorizer-token' };
  }
  return { source: 'unknown' };
}

function described(header: AuthorizationHeader): string {
  const what = header.scheme === 'JWT' ? 'a JWT' : header.scheme ? `a \`${header.scheme}\` header` : 'a value that is not SigV4';
  if (header.source === 'manifest headers') return `${what} set in the route's \`headers\``;
  if (header.source === 'authorizer-token') return `${what} from the \`authorizer-token\` input`;
  return what;
}

function fixFor(e: Evidence, header: AuthorizationHeader): string {
  const at = routeLine(e.check);
  const sign = 'use `auth: iam` so the action signs the request with SigV4';
  if (header.source === 'manifest headers') return `Remove \`Authorization\` from the route's \`headers\` at ${at} and ${sign}.`;
  if (header.source === 'authorizer-token')
    return `An AWS_IAM method takes no authorizer token: ${sign} (at ${at}); if the route should use the authorizer, set its authorizationType to COGNITO_USER_POOLS or CUSTOM and redeploy.`;
  return `Send no Authorization header of your own to an AWS_IAM route: ${sign}.`;
}

export default {
  meta: {
    code: 'authorization-header-not-sigv4',
    title: 'An AWS_IAM route got an Authorization header that is not SigV4',
    severity: 'error',
    scope: ['check'],
    tier: 'auth',
    priority: 60,
  },
  check(e): RuleMatch | null {
    const { check, served } = e;
    if (e.classification.errorType !== GatewayError.IncompleteSignature) return null;
    // With a table, only an AWS_IAM method explains it; an unmatched route is the routing rules' to explain.
    if (e.hasMethodTable && served?.method.authorizationType !== 'AWS_IAM') return null;

    const header = authorizationHeader(e);
    const where = served
      ? `${methodName(served)} is AWS_IAM, so the gateway reads the Authorization header as a SigV4 signature`
      : 'The gateway read the Authorization header as a SigV4 signature — it does that on an AWS_IAM method, and also when no route matches and an Authorization header is present';
    return {
      explanation: `${where}; the request carried ${described(header)}, so it answered ${describeAnswer(e.answer)}.`,
      fix: fixFor(e, header),
      evidence: {
        header: 'Authorization',
        source: header.source,
        ...(header.scheme ? { scheme: header.scheme } : {}),
        ...(served ? { method: methodName(served), authorizationType: served.method.authorizationType } : {}),
        signed: check.sent.signed,
        answer: gatewayAnswer(e.answer),
      },
    };
  },
} satisfies Rule;
