// Does a custom domain name lead to this REST API? Asked of the control plane (the account's
// own base-path mappings), never of the manifest: a manifest `base-url` on a custom domain may
// receive credentials only when one of the domain's mappings names this API.
import { type APIGatewayClient, GetBasePathMappingsCommand } from '@aws-sdk/client-api-gateway';
import { describeAwsError } from './errors.ts';

/** the whole lookup, retries included */
const DEADLINE_MS = 15_000;

export type DomainAnswer = { maps: true } | { maps: false; why: string };

export async function domainMapsToApi(client: APIGatewayClient, domainName: string, restApiId: string): Promise<DomainAnswer> {
  const abortSignal = AbortSignal.timeout(DEADLINE_MS);
  const apis = new Set<string>();
  try {
    let position: string | undefined;
    do {
      const page = await client.send(new GetBasePathMappingsCommand({ domainName, limit: 500, ...(position ? { position } : {}) }), { abortSignal });
      for (const item of page.items ?? []) if (item.restApiId) apis.add(item.restApiId);
      position = page.position;
    } while (position);
  } catch (error) {
    const failure = describeAwsError(error);
    if (failure.status === 'not-found') return { maps: false, why: 'the account has no custom domain of that name' };
    return { maps: false, why: `its base-path mappings could not be read: ${failure.message}` };
  }
  if (apis.has(restApiId)) return { maps: true };
  return { maps: false, why: apis.size ? 'its base-path mappings lead to other APIs' : 'it has no base-path mapping' };
}
