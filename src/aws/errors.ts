// Turns an error thrown by the AWS SDK into a ReadStatus and a message that is safe to log.

import type { ReadStatus } from '../types.ts';

export interface ReadFailure {
  status: Extract<ReadStatus, 'not-found' | 'denied' | 'error'>;
  /** "AccessDeniedException: User … is not authorized …" — never a credential or signature */
  message: string;
}

/** The message every part carries when the credential chain found nothing. */
export const NO_CREDENTIALS = 'no AWS credentials';

// Errors that mean "these credentials may not read this": the identity policy, the
// credentials themselves (unknown, expired) or the signature. API Gateway sends most of
// them as 403 without a modelled type, so the status code is checked too.
const DENIED_ERRORS = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedException',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'ExpiredTokenException',
  'ExpiredToken',
  'InvalidSignatureException',
  'IncompleteSignatureException',
  'SignatureDoesNotMatch',
  'MissingAuthenticationTokenException',
]);

// Errors about the credentials themselves rather than one resource: every further call
// with the same credentials fails the same way.
const IDENTITY_ERRORS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'ExpiredTokenException',
  'ExpiredToken',
  'InvalidSignatureException',
  'IncompleteSignatureException',
  'SignatureDoesNotMatch',
]);

const MAX_MESSAGE_LENGTH = 400;

interface SdkErrorLike {
  name?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number };
}

function errorName(error: unknown): string {
  const name = (error as SdkErrorLike | undefined)?.name;
  return typeof name === 'string' && name !== '' ? name : 'Error';
}

/** True when the SDK's credential chain found no credentials at all. */
export function isNoCredentialsError(error: unknown): boolean {
  return errorName(error) === 'CredentialsProviderError';
}

/** True when the credentials are unknown, expired or sign wrongly: no other call can succeed. */
export function isIdentityError(error: unknown): boolean {
  return IDENTITY_ERRORS.has(errorName(error));
}

/** `secrets`: credential values to blank out should the service echo one back. */
export function describeAwsError(error: unknown, secrets: readonly string[] = []): ReadFailure {
  const name = errorName(error);
  const httpStatus = (error as SdkErrorLike | undefined)?.$metadata?.httpStatusCode;
  const rawMessage = (error as SdkErrorLike | undefined)?.message;
  const text = sanitizeMessage(typeof rawMessage === 'string' ? rawMessage : String(error), secrets);
  const message = text === '' || text === name ? name : `${name}: ${text}`;

  if (name === 'NotFoundException') return { status: 'not-found', message };
  if (DENIED_ERRORS.has(name) || httpStatus === 401 || httpStatus === 403) return { status: 'denied', message };
  return { status: 'error', message };
}

/**
 * Keeps the first paragraph of an AWS error message and removes anything that looks like
 * credential material. A signature mismatch message carries the canonical request (which
 * holds the X-Amz-Security-Token value) and the string to sign after a blank line.
 */
export function sanitizeMessage(message: string, secrets: readonly string[] = []): string {
  let text = message.split(/\r?\n\s*\r?\n/)[0] ?? '';
  for (const secret of secrets) {
    if (secret.length >= 8) text = text.split(secret).join('[redacted]');
  }
  const canonical = text.search(/The Canonical String/i);
  if (canonical >= 0) text = text.slice(0, canonical);
  text = text
    .replace(/(Credential=)[^,\s]+/gi, '$1[redacted]')
    .replace(/(Signature=)[0-9a-f]+/gi, '$1[redacted]')
    .replace(/(X-Amz-Security-Token[=:]\s*)\S+/gi, '$1[redacted]')
    .replace(/\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, '[access key id]')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : text;
}
