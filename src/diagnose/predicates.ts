// Predicates and phrases several rules share, over the evidence of evidence.ts. Rules import
// from here (and answer.ts, paths.ts), never from each other, so no rule's answer depends
// on another rule's file.
import { GatewayError } from '../gateway-errors.ts';
import type { ServedBy } from '../routing.ts';
import type { AuthorizerInfo, Finding, MethodInfo, MethodTable, ResolvedAuth, Snapshot } from '../types.ts';
import type { Evidence, RunEvidence, ServedMethod } from './evidence.ts';

// ─── answers ─────────────────────────────────────────────────────────────────

/** 403 Forbidden from the gateway (header or body), or a bare 403 whose sender is unknown. */
export function isForbidden(e: Evidence): boolean {
  const { errorType } = e.classification;
  return errorType === GatewayError.Forbidden || (errorType === undefined && e.status === 403);
}

const EXPIRED_MESSAGE = /security token included in the request is expired/i;
const INVALID_MESSAGE = /security token included in the request is invalid/i;

/**
 * 'expired' | 'unrecognized' when the answer says the credentials were refused. Older
 * gateways send these as AccessDeniedException with the token message.
 */
export function refusedCredentials(e: Evidence): 'expired' | 'unrecognized' | undefined {
  const { errorType, message = '' } = e.classification;
  const accessDenied = errorType === GatewayError.AccessDenied;
  if (errorType === GatewayError.ExpiredToken || (accessDenied && EXPIRED_MESSAGE.test(message))) return 'expired';
  if (errorType === GatewayError.UnrecognizedClient || (accessDenied && INVALID_MESSAGE.test(message))) return 'unrecognized';
  return undefined;
}

/** Authorization types an authorizer guards: Lambda (CUSTOM) and Cognito. */
export const AUTHORIZED_TYPES: ReadonlySet<string> = new Set(['CUSTOM', 'COGNITO_USER_POOLS']);

/** AccessDenied from an authorizer's Deny policy rather than from IAM. */
export function isAuthorizerDeny(e: Evidence): boolean {
  const { errorType, message = '' } = e.classification;
  if (errorType !== GatewayError.AccessDenied || refusedCredentials(e)) return false;
  if (/not authorized to access this resource/i.test(message)) return true;
  if (/execute-api:Invoke/.test(message)) return false;
  return e.served !== undefined && AUTHORIZED_TYPES.has(e.served.method.authorizationType);
}

// ─── auth ────────────────────────────────────────────────────────────────────

export const needsSigV4 = (auth: ResolvedAuth): boolean => auth.startsWith('iam');
export const needsToken = (auth: ResolvedAuth): boolean => auth.startsWith('token');
export const needsApiKey = (auth: ResolvedAuth): boolean => auth.endsWith('api-key');

/** The API takes its key from the Lambda authorizer's usageIdentifierKey (apiKeySource AUTHORIZER); x-api-key is ignored. */
export const keyFromAuthorizer = (e: Evidence): boolean => e.snapshot.api.apiKeySource === 'AUTHORIZER';

/** Why a key check failed on an API whose key comes from the authorizer, and where the fix is. */
export function authorizerKeyPhrases(e: Evidence): { why: string; fix: string } {
  const apiStage = `${e.settings.restApiId}:${e.settings.stage}`;
  const who = e.auth.authorizer ? `the Lambda authorizer "${e.auth.authorizer.name}"` : 'the Lambda authorizer';
  return {
    why:
      `The API's apiKeySource is AUTHORIZER: the key is the usageIdentifierKey ${who} returns, not the x-api-key header (the \`api-key\` input plays no part). ` +
      `The gateway refuses the request when the authorizer returns no usageIdentifierKey, or one that is not an enabled key in a usage plan that includes ${apiStage}.`,
    fix:
      `Fix it in the authorizer or the usage plan: make ${who} return \`usageIdentifierKey\` (the key's value) for this caller, and check that key's plans with ` +
      `\`aws apigateway get-usage-plans --key-id <key-id>\` (add the stage with \`aws apigateway update-usage-plan --usage-plan-id <plan-id> --patch-operations op=add,path=/apiStages,value=${apiStage}\`).`,
  };
}

export const CREDENTIALS_FIX =
  'Add `aws-actions/configure-aws-credentials` (with `role-to-assume` and `aws-region`) before this step and give the job ' +
  '`permissions: { id-token: write }`; the role needs `execute-api:Invoke` on the API.';

/** "GET /reports", or "ANY /{proxy+}" for a request the proxy serves. */
export function methodName(served: ServedBy): string {
  return `${served.verb} ${served.resourcePath}`;
}

/** "AWS_IAM, API key required" / "COGNITO_USER_POOLS (authorizer users-pool)". */
export function describeProtection(method: MethodInfo, authorizer?: AuthorizerInfo): string {
  const who = authorizer ? ` (authorizer ${authorizer.name})` : '';
  return `${method.authorizationType}${who}${method.apiKeyRequired ? ', API key required' : ''}`;
}

/** "stage prod serves" / "the current API definition has" — says which table a fact came from. */
export function servedPhrase(e: Evidence, served: ServedMethod): string {
  return served.from === 'deployed' ? `stage ${e.settings.stage} serves` : 'the current API definition has';
}

/** When a concrete path reaches a method through a {proxy+}, say so: the route has no method of its own. */
export function viaProxyNote(e: Evidence, served: ServedBy): string {
  if (served.via !== 'proxy') return '';
  return ` ${e.check.method} ${e.check.route.path} has no method of its own: ${methodName(served)} serves it.`;
}

// ─── routing ─────────────────────────────────────────────────────────────────

export interface RouteMiss {
  verb: string;
  path: string;
  deployed: MethodTable;
}

/**
 * The request reached the stage, the gateway found no match, and nothing serves the verb and
 * path — neither the stage's deployment nor (when readable) the current definition, which
 * would make it route-not-deployed. Undefined when any of that is not so or cannot be told.
 */
export function routeMiss(e: Evidence): RouteMiss | undefined {
  if (!e.miss.noMatch || e.deployed.state !== 'none' || !e.reachedStage || e.defined.state === 'served') return undefined;
  return { ...e.request, deployed: e.deployed.table };
}

/** The command that deploys the current definition to the stage. */
export function redeployCommand(snapshot: Pick<Snapshot, 'restApiId' | 'stage' | 'region'>): string {
  return `aws apigateway create-deployment --rest-api-id ${snapshot.restApiId} --stage-name ${snapshot.stage} --region ${snapshot.region}`;
}

/** The invoke URL through an interface VPC endpoint, with the endpoint id left to fill in. */
export function vpcEndpointUrl(s: { restApiId: string; region: string; stage: string }): string {
  return `https://${s.restApiId}-<vpce-id>.execute-api.${s.region}.vpce.amazonaws.com/${s.stage}`;
}

/** The API's region as its execute-api host names it, when the request went to one. */
export function regionOfUrl(url: string): string | undefined {
  try {
    return /\.execute-api\.([a-z0-9-]+)\.(?:vpce\.)?amazonaws\.com(?:\.cn)?$/.exec(new URL(url).hostname)?.[1];
  } catch {
    return undefined;
  }
}

// ─── findings ────────────────────────────────────────────────────────────────

/**
 * Where a stage-level finding is annotated: the manifest line of the `api` key it is about —
 * but only when the value in effect came from that line (an input overrides the manifest).
 */
export function apiKeySource(run: Pick<RunEvidence, 'manifest' | 'settings'>, key: 'restApiId' | 'stage'): Finding['source'] | undefined {
  const location = run.manifest.apiSource[key];
  if (!location || run.manifest.api[key] !== run.settings[key]) return undefined;
  return { file: location.file, line: location.line, column: location.column };
}

/** A response header of the answer (lower-case name); undefined when there was no answer. */
export function answerHeader(e: Evidence, name: string): string | undefined {
  return e.answer.kind === 'answered' ? e.answer.headers[name] : undefined;
}
