// Did the gateway refuse a request sent without credentials? Shared by the probe (a refusal is
// the answer, never retried) and the diagnoses (which explain what came back). The gateway's
// authorizers answer with an error type; anything it lets through reaches the integration, so
// a backend answer (no error type), or an error type only sent after authorization, proves the
// route did not ask for the credential.
import { GatewayError, ROUTED_AND_AUTHORIZED_ERROR_TYPES } from './gateway-errors.ts';
import type { Answer, Refusal } from './types.ts';

/** What API Gateway answers a caller it will not let in: no or a wrong signature, key or token. */
const REFUSING_ERROR_TYPES: ReadonlySet<string> = new Set([
  GatewayError.MissingAuthenticationToken,
  GatewayError.Forbidden,
  GatewayError.Unauthorized,
  GatewayError.AccessDenied,
  GatewayError.UnrecognizedClient,
  GatewayError.ExpiredToken,
  GatewayError.InvalidSignature,
  GatewayError.IncompleteSignature,
]);

export function refusalOf(answer: Answer): Refusal {
  if (answer.kind !== 'answered') return 'inconclusive';
  const { errorType } = answer.classification;
  if (errorType === undefined || ROUTED_AND_AUTHORIZED_ERROR_TYPES.has(errorType)) return 'not-enforced';
  return REFUSING_ERROR_TYPES.has(errorType) ? 'refused' : 'inconclusive';
}
