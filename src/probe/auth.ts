// Which credentials a route's request carries: the manifest's explicit `auth`, or (auto)
// what the method the stage serves for this route requires.
import { servedRoute } from '../routing.ts';
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
 * The method that serves the route's concrete path as the gateway routes it (DESIGN.md §7):
 * `GET /docs/{name}` with name=internal is served by a literal `/docs/internal` when there is one.
 */
function findMethod(table: MethodTable, route: RouteSpec): MethodInfo | undefined {
  return servedRoute(table, route)?.method;
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
