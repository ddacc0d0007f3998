// The x-amzn-ErrorType values API Gateway answers with, named once for the probe (which
// classifies answers) and the diagnoses (which explain them). Spelled out nowhere else.

export const GatewayError = {
  /** no deployed resource and method matched, or an unsigned call to an AWS_IAM method */
  MissingAuthenticationToken: 'MissingAuthenticationTokenException',
  Forbidden: 'ForbiddenException',
  Unauthorized: 'UnauthorizedException',
  AccessDenied: 'AccessDeniedException',
  UnrecognizedClient: 'UnrecognizedClientException',
  ExpiredToken: 'ExpiredTokenException',
  InvalidSignature: 'InvalidSignatureException',
  IncompleteSignature: 'IncompleteSignatureException',
  TooManyRequests: 'TooManyRequestsException',
  LimitExceeded: 'LimitExceededException',
  /**
   * The route matched and the caller was authorized, but the integration failed: the same type
   * for a 502 `Internal server error` and a 504 `Endpoint request timed out` (`message` tells them apart).
   */
  InternalServerError: 'InternalServerErrorException',
  /** request validation, after routing and authorization */
  BadRequest: 'BadRequestException',
} as const;

/** Throttling: per-second limits (TooManyRequests) and usage-plan quotas (LimitExceeded). */
export const THROTTLING_ERROR_TYPES: ReadonlySet<string> = new Set([GatewayError.TooManyRequests, GatewayError.LimitExceeded]);

/**
 * Error types the gateway can only send after it routed the request to a method and
 * authorized the caller: a failing integration and a request validator's 400.
 */
export const ROUTED_AND_AUTHORIZED_ERROR_TYPES: ReadonlySet<string> = new Set([GatewayError.InternalServerError, GatewayError.BadRequest]);
