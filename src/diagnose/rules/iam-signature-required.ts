// The classic: an unsigned call to an AWS_IAM method is answered "Missing Authentication
// Token", exactly like a route that does not exist. The control plane tells them apart: here
// the stage does serve the method, so the answer is about the missing signature. Without a
// method table the control plane cannot tell them apart; then only the signed retry of the same
// URL (src/follow-up.ts) can: an answer other than MAT proves the route is AWS_IAM.
import { capitalize, describeAnswer, gatewayAnswer, routeLine } from '../answer.ts';
import type { Evidence } from '../evidence.ts';
import { CREDENTIALS_FIX, methodName, servedPhrase, viaProxyNote } from '../predicates.ts';
import type { Rule, RuleMatch } from '../rule.ts';
import { GatewayError } from '../../gateway-errors.ts';

function whyUnsigned(e: Evidence): string {
  const { check } = e;
  if (check.authFrom === 'manifest') return `the manifest declares \`auth: ${check.auth}\``;
  if (check.authFrom === 'default') return 'the method was unknown when the request was planned, so auth defaulted to `none`';
  return `its auth resolved to \`${check.auth}\``;
}

function fixFor(e: Evidence): string {
  const { check } = e;
  const parts: string[] = [];
  if (check.authFrom === 'manifest')
    parts.push(`Set \`auth: iam\` (or remove \`auth\` to follow the deployed method) at ${routeLine(check)}.`);
  else if (check.authFrom === 'default')
    parts.push(
      `Declare \`auth: iam\` at ${routeLine(check)}, or let the action read the method (apigateway:GET on the API) so \`auto\` picks SigV4.`,
    );
  else parts.push('Sign the request with SigV4 (`auth: iam`).');
  if (!e.hasCredentials) parts.push(CREDENTIALS_FIX);
  parts.push('If the route is meant to be public, set its authorizationType to NONE and redeploy.');
  return parts.join(' ');
}

/** Blind mode: the signed retry of the same URL got past routing and authentication. */
function provenBySignedRetry(e: Evidence): RuleMatch | null {
  const retry = e.signedRetry;
  if (retry?.status === undefined || retry.errorType === GatewayError.MissingAuthenticationToken) return null;
  const got = `${retry.status}${retry.errorType ? ` ${retry.errorType}` : ''}`;
  return {
    explanation:
      `The same URL, sent again SigV4-signed, answered ${got} while the unsigned request got ${describeAnswer(e.answer)}: ` +
      'the route exists and is an AWS_IAM method. This is proven by that follow-up request, not read from the control plane (the method table could not be read). ' +
      `This request was unsigned because ${whyUnsigned(e)}.`,
    fix: fixFor(e),
    evidence: {
      signedRetry: retry,
      signed: false,
      auth: e.check.auth,
      authFrom: e.check.authFrom,
      hasCredentials: e.hasCredentials,
      answer: gatewayAnswer(e.answer),
    },
  };
}

export default {
  meta: {
    code: 'iam-signature-required',
    title: 'AWS_IAM route called without a SigV4 signature',
    severity: 'error',
    scope: ['check'],
    tier: 'auth',
    priority: 50,
  },
  check(e): RuleMatch | null {
    const { check, served } = e;
    if (!e.miss.mat || check.sent.signed) return null;
    if (!e.hasMethodTable) return provenBySignedRetry(e);
    if (!served || served.method.authorizationType !== 'AWS_IAM') return null;
    return {
      explanation:
        `${capitalize(servedPhrase(e, served))} ${methodName(served)} with AWS_IAM: it answers only SigV4-signed requests, ` +
        `and an unsigned one gets the same ${describeAnswer(e.answer)} as a missing route.${viaProxyNote(e, served)} ` +
        `This request was unsigned because ${whyUnsigned(e)}${e.hasCredentials ? '' : ' and no AWS credentials were available'}.`,
      fix: fixFor(e),
      evidence: {
        method: methodName(served),
        authorizationType: served.method.authorizationType,
        via: served.via,
        table: served.from,
        signed: false,
        auth: check.auth,
        authFrom: check.authFrom,
        hasCredentials: e.hasCredentials,
        answer: gatewayAnswer(e.answer),
      },
    };
  },
} satisfies Rule;
