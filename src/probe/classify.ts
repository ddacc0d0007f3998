// Names what answered a request: API Gateway itself (an error type) or the backend (none).
// Order of evidence: the x-amzn-ErrorType header survives customised gateway
// responses, so it wins; the body's message is next (some proxies and emulators drop the
// header); the status code is the last resort and only names what the status alone proves.
import { GatewayError } from '../gateway-errors.ts';
import type { Classification } from '../types.ts';

export const MISSING_AUTHENTICATION_TOKEN = GatewayError.MissingAuthenticationToken;

/** Default messages of gateway responses → the x-amzn-ErrorType the gateway sends with them. */
const KNOWN_MESSAGES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^Missing Authentication Token$/, MISSING_AUTHENTICATION_TOKEN],
  [/^Forbidden$/, GatewayError.Forbidden],
  [/^Unauthorized$/, GatewayError.Unauthorized],
  [/^The security token included in the request is invalid/, GatewayError.UnrecognizedClient],
  [/^The security token included in the request is expired/, GatewayError.ExpiredToken],
  [/^User: .* is not authorized to perform: execute-api:Invoke/s, GatewayError.AccessDenied],
  [/^User is not authorized to access this resource/, GatewayError.AccessDenied],
  [/^The request signature we calculated does not match/, GatewayError.InvalidSignature],
  [/^Signature expired: /, GatewayError.InvalidSignature],
  [/^Authorization header requires '[A-Za-z]+' parameter/, GatewayError.IncompleteSignature],
  [/not a valid key=value pair \(missing equal-sign\) in Authorization header/, GatewayError.IncompleteSignature],
  [/^Invalid key=value pair \(missing equal-sign\) in Authorization header/, GatewayError.IncompleteSignature],
  [/^Too Many Requests$/, GatewayError.TooManyRequests],
  [/^Rate exceeded$/, GatewayError.TooManyRequests],
  [/^Limit Exceeded$/, GatewayError.LimitExceeded],
  [/^Internal server error$/, GatewayError.InternalServerError],
  [/^Endpoint request timed out$/, GatewayError.InternalServerError],
  [/^Invalid request body$/, GatewayError.BadRequest],
  [/^Missing required request parameters: /, GatewayError.BadRequest],
];

export function classify(status: number, headers: Record<string, string>, body: string): Classification {
  const message = gatewayMessage(body);
  const withMessage = message === undefined ? {} : { message };

  const fromHeader = errorTypeFromHeader(headers['x-amzn-errortype']);
  if (fromHeader) return { errorType: fromHeader, by: 'header', ...withMessage };

  if (message !== undefined) {
    const known = KNOWN_MESSAGES.find(([pattern]) => pattern.test(message.trim()));
    if (known) return { errorType: known[1], by: 'body', ...withMessage };
  }

  // A bare 429 is throttling whoever sent it. A bare 403/5xx is not classified: a backend,
  // a WAF or a proxy may have produced it, and guessing would send the diagnosis astray.
  if (status === 429) return { errorType: GatewayError.TooManyRequests, by: 'status', ...withMessage };
  return withMessage;
}

/** Any error type means something in front of the backend answered (gateway, WAF, throttle). */
export function isGatewayError(c: Classification): boolean {
  return c.errorType !== undefined;
}

/**
 * "MissingAuthenticationTokenException:http://internal.amazon.com/coral/…" → the name.
 * AWS JSON services may also prefix a namespace ("com.amazonaws#Name").
 */
function errorTypeFromHeader(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const [beforeColon = ''] = value.split(':');
  const name = beforeColon.split('#').pop()?.trim();
  return name ? name : undefined;
}

/** The gateway's `{"message": "…"}` (IAM errors use `Message`). */
function gatewayMessage(body: string): string | undefined {
  const text = body.trim();
  if (!text.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const record = parsed as Record<string, unknown>;
    const value = record.message ?? record.Message;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
