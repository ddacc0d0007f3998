// Which credentials a route's request carries: the manifest's explicit `auth`, or (auto)
// what the method the stage serves for this route requires.
import { DEFAULT_TOKEN_HEADER, authOfMethod, authorizerOf, identityHeaders } from '../authorizers.ts';
import { servedRoute } from '../routing.ts';
import type { ResolvedAuth, RouteSpec, Snapshot } from '../types.ts';

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
  // The method that serves the route's concrete path as the gateway routes it: `GET /docs/{name}`
  // with name=internal is served by a literal `/docs/internal` when there is one.
  const method = table ? servedRoute(table, route)?.method : undefined;
  const tokenHeader = identityHeaders(authorizerOf(snapshot, method))[0] ?? DEFAULT_TOKEN_HEADER;

  if (route.auth !== 'auto') return { auth: route.auth, from: 'manifest', tokenHeader };
  if (!method) return { auth: 'none', from: 'default', tokenHeader };
  return { auth: authOfMethod(method), from: 'deployed', tokenHeader };
}
