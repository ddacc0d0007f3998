// Which credentials a route's request carries: the manifest's explicit `auth`, or (auto)
// what the method the stage serves for this route requires.
import type { AuthorizerInfo, MethodInfo, MethodTable, ResolvedAuth, RouteSpec, Snapshot } from '../types.ts';

export const DEFAULT_TOKEN_HEADER = 'Authorization';

export interface AuthResolution {
  auth: ResolvedAuth;
  /**
   * `deployed`: read from the control plane — the stage's deployment, or the current
   * definition when the deployment could not be read. `default`: no method serves the route.
   */
  from: 'manifest' | 'deployed' | 'default';
  /** where the authorizer token goes */
  tokenHeader: string;
}

export function resolveAuth(route: RouteSpec, snapshot: Snapshot | undefined): AuthResolution {
  const table = snapshot?.deployed ?? snapshot?.defined;
  const method = table ? findMethod(table, route) : undefined;
  const authorizer = method?.authorizerId ? snapshot?.authorizers[method.authorizerId] : undefined;
  const tokenHeader = tokenHeaderOf(authorizer);

  if (route.auth !== 'auto') return { auth: route.auth, from: 'manifest', tokenHeader };
  if (!method) return { auth: 'none', from: 'default', tokenHeader };
  return { auth: authOfMethod(method), from: 'deployed', tokenHeader };
}

export function authOfMethod(method: MethodInfo): ResolvedAuth {
  switch (method.authorizationType) {
    case 'AWS_IAM':
      return method.apiKeyRequired ? 'iam+api-key' : 'iam';
    case 'COGNITO_USER_POOLS':
    case 'CUSTOM':
      return method.apiKeyRequired ? 'token+api-key' : 'token';
    default:
      return method.apiKeyRequired ? 'api-key' : 'none';
  }
}

/**
 * The method that serves the route: the resource with the route's own template and the verb
 * (or ANY); otherwise the one the gateway would route the concrete path to, so a route served
 * through `{proxy+}` or a `{param}` resource gets that method's auth (DESIGN.md §7 routing).
 */
function findMethod(table: MethodTable, route: RouteSpec): MethodInfo | undefined {
  const exact = table[route.path];
  const direct = exact?.[route.method] ?? exact?.ANY;
  if (direct) return direct;
  return routeConcretePath(table, concreteSegments(route), route.method);
}

function concreteSegments(route: RouteSpec): string[] {
  const segments = route.path.split('/').filter((s) => s !== '');
  return segments.flatMap((segment) => {
    const param = /^\{(.+?)\+?\}$/.exec(segment);
    if (!param) return [segment];
    const value = route.params[param[1]];
    return value === undefined ? [segment] : value.split('/').filter((s) => s !== '');
  });
}

/** Routing on the resource+method pair: literal beats `{param}` beats `{proxy+}`, segment by segment. */
function routeConcretePath(table: MethodTable, path: string[], verb: string): MethodInfo | undefined {
  let best: { rank: number[]; method: MethodInfo } | undefined;
  for (const [resource, methods] of Object.entries(table)) {
    const method = methods[verb] ?? methods.ANY;
    if (!method) continue;
    const rank = matchRank(resource.split('/').filter((s) => s !== ''), path);
    if (rank && (!best || compareRanks(rank, best.rank) > 0)) best = { rank, method };
  }
  return best?.method;
}

/** Per-segment specificity (2 literal, 1 param, 0 greedy), or undefined when it does not match. */
function matchRank(template: string[], path: string[]): number[] | undefined {
  const rank: number[] = [];
  for (let i = 0; i < template.length; i++) {
    const part = template[i];
    if (/^\{.+\+\}$/.test(part)) {
      // {proxy+} takes one or more remaining segments, so it never matches the bare prefix.
      return i === template.length - 1 && path.length > i ? [...rank, 0] : undefined;
    }
    if (i >= path.length) return undefined;
    if (/^\{.+\}$/.test(part)) rank.push(1);
    else if (part === path[i]) rank.push(2);
    else return undefined;
  }
  return template.length === path.length ? rank : undefined;
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** `method.request.header.X-Token, method.request.querystring.q` → `X-Token`. */
function tokenHeaderOf(authorizer: AuthorizerInfo | undefined): string {
  const sources = authorizer?.identitySource?.split(',') ?? [];
  for (const source of sources) {
    const header = /^\s*method\.request\.header\.(.+?)\s*$/.exec(source);
    if (header) return header[1];
  }
  return DEFAULT_TOKEN_HEADER;
}
