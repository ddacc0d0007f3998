// The API Gateway management client, configured once for the whole run.
//
// Verified against the installed SDK (3.1142):
// - Endpoint: with no `endpoint` in the config the SDK reads AWS_ENDPOINT_URL_API_GATEWAY
//   (service id "API Gateway"), then AWS_ENDPOINT_URL, then the shared config file — so
//   emulators and tests redirect it without any code here.
// - Retries: the standard strategy classifies TooManyRequestsException and any 429 as
//   throttling and retries it with jittered exponential backoff (1 s base for throttling),
//   as well as 5xx and network errors. The run ties attempts to the `retries` input (never
//   more: management calls are throttled per account, and a throttled account is not helped
//   by more calls) — DEFAULT_MAX_ATTEMPTS is for callers that give none.
// - Time: the request handler's options are given as a plain object, which the SDK turns into
//   its own NodeHttpHandler (no import, no second copy in the bundle). `throwOnRequestTimeout`
//   makes requestTimeout an error rather than a logged warning. A whole read is bounded on top
//   of that by controlPlaneDeadlineMs (an abortSignal on every send; docs/limits.md).

import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import type { AwsCredentials } from '../settings.ts';
import { isNoCredentialsError } from './errors.ts';

export const DEFAULT_MAX_ATTEMPTS = 6;

export interface ApiGatewayClientOptions {
  /** attempts per call, the first included */
  maxAttempts?: number;
  /** per attempt: connecting, and the whole request and response (the `timeout` input) */
  timeoutMs?: number;
}

/** Attempts per management call for the `retries` input. */
export function controlPlaneAttempts(retries: number): number {
  return Math.max(0, Math.floor(retries)) + 1;
}

/**
 * The most a whole control-plane read (or the wait for a deployment's poll) may take: a few
 * sequential calls (GetStages, then GetDeployment; GetRestApi, then GetDeployments and GetAuthorizers; pages) of every attempt
 * at `timeout`, plus the SDK's backoff between them.
 */
export function controlPlaneDeadlineMs(timeoutMs: number, retries: number): number {
  return 3 * controlPlaneAttempts(retries) * timeoutMs + 20_000;
}

/** Credentials come from the standard chain (env vars, web identity, profiles, container, IMDS). */
export function createApiGatewayClient(region: string, options: ApiGatewayClientOptions = {}): APIGatewayClient {
  const timeoutMs = options.timeoutMs;
  return new APIGatewayClient({
    region,
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    ...(timeoutMs !== undefined
      ? { requestHandler: { connectionTimeout: timeoutMs, requestTimeout: timeoutMs, throwOnRequestTimeout: true } }
      : {}),
  });
}

/**
 * The credentials the client signs with, for signing execute-api requests the same way.
 * Undefined when the chain has none; any other failure (a web identity role that may not
 * be assumed, say) is thrown, because it needs a different fix.
 */
export async function resolveCredentials(client: APIGatewayClient): Promise<AwsCredentials | undefined> {
  try {
    const identity = await client.config.credentials();
    return {
      accessKeyId: identity.accessKeyId,
      secretAccessKey: identity.secretAccessKey,
      ...(identity.sessionToken ? { sessionToken: identity.sessionToken } : {}),
    };
  } catch (error) {
    if (isNoCredentialsError(error)) return undefined;
    throw error;
  }
}
