// Does an answer meet the route's `expect`?
import { ROUTED_AND_AUTHORIZED_ERROR_TYPES } from './gateway-errors.ts';
import type { Classification, ExpectSpec } from './types.ts';

/**
 * `reachable` asks "did the gateway route and authorize this?", not "did the backend work?":
 * a failing integration (502/504 `InternalServerErrorException`) or a request validator's 400
 * still proves the route is deployed and reachable, and the backend's own 5xx (no error type)
 * does too. Everything else with an error type — MAT, Forbidden, signature and token errors,
 * throttling — leaves that unproven.
 */
function isRoutedAndAuthorized(c: Classification): boolean {
  return c.errorType === undefined || ROUTED_AND_AUTHORIZED_ERROR_TYPES.has(c.errorType);
}

/** No answer (network error, not sent) never meets an expectation. */
export function meetsExpectation(expect: ExpectSpec, status: number | undefined, c: Classification): boolean {
  if (status === undefined) return false;
  if (expect.codes.includes(status)) return true;
  if (expect.classes.includes(Math.floor(status / 100))) return true;
  return expect.reachable && isRoutedAndAuthorized(c);
}
