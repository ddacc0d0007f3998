// The API Gateway management client, configured once for the whole run.
//
// Verified against the installed SDK (3.1142):
// - Endpoint: with no `endpoint` in the config the SDK reads AWS_ENDPOINT_URL_API_GATEWAY
//   (service id "API Gateway"), then AWS_ENDPOINT_URL, then the shared config file — so
//   emulators and tests redirect it without any code here.
// - Retries: the standard strategy classifies TooManyRequestsException and any 429 as
//   throttling and retries it with jittered exponential backoff (1 s base for throttling),
//   as well as 5xx and network errors. Management calls are throttled per account, so we
//   allow more attempts than the SDK's default of 3.

import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import type { AwsCredentials } from '../settings.ts';
import { isNoCredentialsError } from './errors.ts';

export const DEFAULT_MAX_ATTEMPTS = 6;

export interface ApiGatewayClientOptions {
  /** attempts per call, the first included */
  maxAttempts?: number;
}

/** Credentials come from the standard chain (env vars, web identity, profiles, container, IMDS). */
export function createApiGatewayClient(region: string, options: ApiGatewayClientOptions = {}): APIGatewayClient {
  return new APIGatewayClient({
    region,
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
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
