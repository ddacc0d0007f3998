// The method the stage serves for a check, and what it asks of a caller: the facts the
// authentication rules compare the request against. The deployed table decides; the current
// definition stands in only when the stage's deployment could not be read.
import { authOfMethod } from '../probe/auth.ts';
import type { AuthorizerInfo, MethodInfo, ResolvedAuth } from '../types.ts';
import type { RuleContext } from './rule.ts';
import type { ServedBy } from '../routing.ts';
import { servedRoute } from '../routing.ts';

export interface ServedMethod extends ServedBy {
  /** the table it was found in */
  from: 'deployed' | 'defined';
}

/** Is there any method table to look in? Without one a rule can only read the answer. */
export function hasMethodTable(ctx: RuleContext): boolean {
  return ctx.snapshot.deployed !== undefined || ctx.snapshot.defined !== undefined;
}

/** What serves the check's verb and concrete path, or undefined (no table, or nothing serves it). */
export function servedMethod(ctx: RuleContext): ServedMethod | undefined {
  const from = ctx.snapshot.deployed ? 'deployed' : ctx.snapshot.defined ? 'defined' : undefined;
  if (!from) return undefined;
  const table = from === 'deployed' ? ctx.snapshot.deployed : ctx.snapshot.defined;
  const hit = servedRoute(table ?? {}, ctx.check.route);
  return hit ? { ...hit, from } : undefined;
}

/** The auth a caller needs for this method, in the manifest's words, or undefined for a type we do not know. */
export function requiredAuth(method: MethodInfo): ResolvedAuth | undefined {
  if (!['NONE', 'AWS_IAM', 'CUSTOM', 'COGNITO_USER_POOLS'].includes(method.authorizationType)) return undefined;
  return authOfMethod(method);
}

export const needsSigV4 = (auth: ResolvedAuth): boolean => auth.startsWith('iam');
export const needsToken = (auth: ResolvedAuth): boolean => auth.startsWith('token');
export const needsApiKey = (auth: ResolvedAuth): boolean => auth.endsWith('api-key');

/** "GET /reports", or "ANY /{proxy+}" for a request the proxy serves. */
export function methodName(served: ServedBy): string {
  return `${served.verb} ${served.resourcePath}`;
}

/** "AWS_IAM, API key required" / "COGNITO_USER_POOLS (authorizer users-pool)". */
export function describeProtection(method: MethodInfo, authorizer?: AuthorizerInfo): string {
  const who = authorizer ? ` (authorizer ${authorizer.name})` : '';
  return `${method.authorizationType}${who}${method.apiKeyRequired ? ', API key required' : ''}`;
}

/** "the stage prod serves" / "the current definition has" — says which table a fact came from. */
export function servedPhrase(ctx: RuleContext, served: ServedMethod): string {
  return served.from === 'deployed' ? `stage ${ctx.settings.stage} serves` : 'the current API definition has';
}

/** When a concrete path reaches a method through a {proxy+}, say so: the route has no method of its own. */
export function viaProxyNote(ctx: RuleContext, served: ServedBy): string {
  if (served.via !== 'proxy') return '';
  return ` ${ctx.check.method} ${ctx.check.route.path} has no method of its own: ${methodName(served)} serves it.`;
}

export function authorizerOf(ctx: RuleContext, method: MethodInfo | undefined): AuthorizerInfo | undefined {
  return method?.authorizerId ? ctx.snapshot.authorizers[method.authorizerId] : undefined;
}

/** Header names among an authorizer's identity sources ("method.request.header.Authorization"). */
export function identityHeaders(authorizer: AuthorizerInfo | undefined): string[] {
  const headers: string[] = [];
  for (const source of authorizer?.identitySource?.split(',') ?? []) {
    const m = /^\s*method\.request\.header\.(.+?)\s*$/.exec(source);
    if (m) headers.push(m[1]);
  }
  return headers;
}

/** The API's region as its execute-api host names it, when the request went to one. */
export function regionOfUrl(url: string): string | undefined {
  try {
    return /\.execute-api\.([a-z0-9-]+)\.(?:vpce\.)?amazonaws\.com(?:\.cn)?$/.exec(new URL(url).hostname)?.[1];
  } catch {
    return undefined;
  }
}
