// Wire format of the API Gateway control plane (REST-JSON): JSON bodies, errors named by the
// x-amzn-ErrorType header plus {"message": …}, a request id on every answer.
import { randomUUID } from 'node:crypto';
import type http from 'node:http';

// The namespaces the real service appends to x-amzn-ErrorType. The SDK keeps the part before
// the ':'; sending them makes clients that read the header themselves face the real format.
const SERVICE_NS = 'http://internal.amazon.com/coral/com.amazonaws.backplane.controlplane/';
const FRONT_DOOR_NS = 'http://internal.amazon.com/coral/com.amazon.coral.service/';

/** An error answer: thrown by handlers, written by `sendError`. */
export class ControlError extends Error {
  readonly status: number;
  readonly errorType: string;
  readonly headers: Record<string, string>;

  constructor(status: number, errorType: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.errorType = errorType;
    this.headers = headers;
  }
}

export const notFound = (message: string): ControlError => new ControlError(404, 'NotFoundException', message);
export const badRequest = (message: string): ControlError => new ControlError(400, 'BadRequestException', message);

/** Errors raised before the service itself runs (authentication, authorization) carry another namespace. */
const FRONT_DOOR_ERRORS = new Set([
  'UnrecognizedClientException',
  'AccessDeniedException',
  'ExpiredTokenException',
  'IncompleteSignatureException',
]);

function errorTypeHeader(errorType: string): string {
  if (errorType === 'MissingAuthenticationTokenException') return errorType; // sent bare by the real service
  return `${errorType}:${FRONT_DOOR_ERRORS.has(errorType) ? FRONT_DOOR_NS : SERVICE_NS}`;
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
    ...headers,
  });
  res.end(text);
}

export function sendError(res: http.ServerResponse, err: ControlError): void {
  sendJson(res, err.status, { message: err.message }, { 'x-amzn-errortype': errorTypeHeader(err.errorType), ...err.headers });
}
