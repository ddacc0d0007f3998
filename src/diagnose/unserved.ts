// A gateway response can be customised (another status, another body) and a proxy in front
// may drop x-amzn-ErrorType: then neither header nor body says "Missing Authentication Token".
// The control plane still can: when no method of the stage's deployment serves the request,
// no backend was reached, so a 4xx without an error type is the gateway's own MAT response.
import { GatewayError } from '../gateway-errors.ts';
import type { Classification } from '../types.ts';

/** `deployed`: what the stage's deployment serves for the request — `none` is read and nothing. */
export function withControlPlaneEvidence(
  c: Classification,
  status: number | undefined,
  deployed: 'served' | 'none' | 'unknown',
): Classification {
  if (c.errorType || status === undefined || status < 400 || status > 499 || deployed !== 'none') return c;
  return { ...c, errorType: GatewayError.MissingAuthenticationToken, by: 'control-plane' };
}
