// The errors API Gateway itself answers on execute-api (as opposed to what an integration answers),
// with the status, body, x-amzn-ErrorType and gateway-response type of the real service.
// Bodies are byte-exact: MAT is `{"message":"Missing Authentication Token"}` (42 bytes) while the
// 5xx bodies carry a space after the colon, and AccessDenied spells its key `Message`.
import { randomBytes, randomUUID } from 'node:crypto';
import type { GatewayResponseModel, RestApiModel } from '../model.ts';

/** The gateway-response types a REST API can customise (GetGatewayResponses `responseType`). */
export type GatewayResponseType =
  | 'ACCESS_DENIED'
  | 'AUTHORIZER_CONFIGURATION_ERROR'
  | 'EXPIRED_TOKEN'
  | 'INTEGRATION_FAILURE'
  | 'INTEGRATION_TIMEOUT'
  | 'INVALID_API_KEY'
  | 'INVALID_SIGNATURE'
  | 'MISSING_AUTHENTICATION_TOKEN'
  | 'THROTTLED'
  | 'UNAUTHORIZED'
  | 'WAF_FILTERED';

export interface GatewayError {
  status: number;
  /** x-amzn-ErrorType */
  errorType: string;
  body: string;
  /** which customised gateway response replaces it; none for errors raised before an API is known */
  responseType?: GatewayResponseType;
  headers?: Record<string, string>;
}

const message = (text: string): string => JSON.stringify({ message: text });
/** The 5xx bodies of the real service have a space after the colon. */
const spacedMessage = (text: string): string => `{"message": ${JSON.stringify(text)}}`;

export const missingAuthenticationToken = (): GatewayError => ({
  status: 403,
  errorType: 'MissingAuthenticationTokenException',
  body: message('Missing Authentication Token'),
  responseType: 'MISSING_AUTHENTICATION_TOKEN',
});

/** Unknown API, no base-path mapping, bare execute-api host: no API context, so never customised. */
export const forbidden = (): GatewayError => ({ status: 403, errorType: 'ForbiddenException', body: message('Forbidden') });

export const wafFiltered = (): GatewayError => ({ ...forbidden(), responseType: 'WAF_FILTERED' });

export const invalidApiKey = (): GatewayError => ({ ...forbidden(), responseType: 'INVALID_API_KEY' });

// The real service has no INCOMPLETE_SIGNATURE / UNRECOGNIZED_CLIENT response types; which type
// customises these two is not documented. The emulator uses INVALID_SIGNATURE (then DEFAULT_4XX).
export const incompleteSignature = (text: string): GatewayError => ({
  status: 403,
  errorType: 'IncompleteSignatureException',
  body: message(text),
  responseType: 'INVALID_SIGNATURE',
});

export const invalidSignature = (text: string): GatewayError => ({
  status: 403,
  errorType: 'InvalidSignatureException',
  body: message(text),
  responseType: 'INVALID_SIGNATURE',
});

export const unrecognizedClient = (): GatewayError => ({
  status: 403,
  errorType: 'UnrecognizedClientException',
  body: message('The security token included in the request is invalid.'),
  responseType: 'INVALID_SIGNATURE',
});

export const expiredToken = (): GatewayError => ({
  status: 403,
  errorType: 'ExpiredTokenException',
  body: message('The security token included in the request is expired'),
  responseType: 'EXPIRED_TOKEN',
});

/** IAM policy evaluation (identity or resource policy): note the capital `Message`. */
export const accessDenied = (text: string): GatewayError => ({
  status: 403,
  errorType: 'AccessDeniedException',
  body: JSON.stringify({ Message: text }),
  responseType: 'ACCESS_DENIED',
});

/**
 * A Lambda authorizer returned a policy that denies the request. No validated recording of this
 * body is public, and AWS's knowledge-center articles print it with both `message` and `Message`.
 * The emulator spells it `Message`, like the resource policy's AccessDenied (shown so in the API
 * Gateway developer guide's troubleshooting): both are the ACCESS_DENIED response.
 */
export const authorizerExplicitDeny = (): GatewayError =>
  accessDenied('User is not authorized to access this resource with an explicit deny');

/** The Lambda authorizer's Allow does not cover the method, and nothing else allows it. */
export const authorizerImplicitDeny = (): GatewayError => accessDenied('User is not authorized to access this resource');

export const unauthorized = (): GatewayError => ({
  status: 401,
  errorType: 'UnauthorizedException',
  body: message('Unauthorized'),
  responseType: 'UNAUTHORIZED',
});

/** A method names an authorizer the API does not have (the real service answers `{"message": null}`). */
export const authorizerConfigurationError = (): GatewayError => ({
  status: 500,
  errorType: 'AuthorizerConfigurationException',
  body: '{"message": null}',
  responseType: 'AUTHORIZER_CONFIGURATION_ERROR',
});

/** What a failing backend looks like (e.g. a Lambda proxy returning a malformed response). */
export const integrationFailure = (): GatewayError => ({
  status: 502,
  errorType: 'InternalServerErrorException',
  body: spacedMessage('Internal server error'),
  responseType: 'INTEGRATION_FAILURE',
});

export const integrationTimeout = (): GatewayError => ({
  status: 504,
  errorType: 'InternalServerErrorException',
  body: spacedMessage('Endpoint request timed out'),
  responseType: 'INTEGRATION_TIMEOUT',
});

/** `null`: throttled without a Retry-After header. */
export const throttled = (retryAfterSeconds: number | null): GatewayError => ({
  status: 429,
  errorType: 'TooManyRequestsException',
  body: message('Too Many Requests'),
  responseType: 'THROTTLED',
  headers: retryAfterSeconds === null ? {} : { 'Retry-After': String(retryAfterSeconds) },
});

/** An injected gateway failure: no response type of its own, so DEFAULT_5XX customises it. */
export const internalServerError = (): GatewayError => ({
  status: 500,
  errorType: 'InternalServerErrorException',
  body: spacedMessage('Internal server error'),
});

export interface RenderedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The per-request ids every execute-api answer carries. */
export function requestIdHeaders(): Record<string, string> {
  return {
    'x-amzn-RequestId': randomUUID(),
    // 16 base64 characters ending in "=", like "RPmHXE2DoAMEZmA=".
    'x-amz-apigw-id': randomBytes(11).toString('base64'),
  };
}

/**
 * The gateway response that customises `error` on `api`, if any: its own type first, then
 * DEFAULT_4XX / DEFAULT_5XX by status class. A specific response without a status code takes
 * DEFAULT_xXX's (the documented behaviour of the fallback's status code).
 */
function customisation(error: GatewayError, api: RestApiModel | undefined): GatewayResponseModel | undefined {
  const responses = api?.gatewayResponses;
  if (!responses || !error.responseType) return undefined;
  const fallback = responses[error.status >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX'];
  const specific = responses[error.responseType];
  const statusCode = specific?.statusCode ?? fallback?.statusCode;
  if (specific) return { ...specific, ...(statusCode !== undefined ? { statusCode } : {}) };
  return fallback;
}

/**
 * The response for a gateway error: customised by the API's gateway responses (status, body and
 * headers change, x-amzn-ErrorType stays), and without the x-amz* headers when `stripHeaders`
 * (a proxy in front of the gateway that drops them).
 */
export function renderGatewayError(error: GatewayError, api: RestApiModel | undefined, stripHeaders: boolean): RenderedResponse {
  const custom = customisation(error, api);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...requestIdHeaders(),
    'x-amzn-ErrorType': error.errorType,
    ...error.headers,
    ...custom?.headers,
  };
  if (stripHeaders) {
    for (const name of Object.keys(headers)) {
      if (/^x-amz(n)?-/i.test(name)) delete headers[name];
    }
  }
  return { status: custom?.statusCode ?? error.status, headers, body: custom?.body ?? error.body };
}
