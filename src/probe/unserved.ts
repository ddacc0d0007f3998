// A gateway response can be customised (another status, another body) and a proxy in front
// may drop x-amzn-ErrorType: then neither header nor body says "Missing Authentication Token".
// The control plane still can: when no method of the stage's deployment serves the request,
// no backend was reached, so a 4xx without an error type is the gateway's own MAT response.
import { servedRoute } from '../routing.ts';
import type { Classification, RouteSpec, Snapshot } from '../types.ts';
import { MISSING_AUTHENTICATION_TOKEN } from './classify.ts';

export function withControlPlaneEvidence(c: Classification, status: number | undefined, route: RouteSpec, snapshot: Snapshot | undefined): Classification {
  if (c.errorType || status === undefined || status < 400 || status > 499 || !snapshot?.deployed) return c;
  if (servedRoute(snapshot.deployed, route)) return c;
  return { ...c, errorType: MISSING_AUTHENTICATION_TOKEN, by: 'control-plane' };
}
