// Stable identifiers for things the model names by path or name only (resources, authorizers):
// the same model always yields the same ids, so tests and fixtures can rely on them.
import { createHash } from 'node:crypto';
import type { AuthorizerModel, RestApiModel } from '../model.ts';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `length` characters of [a-z0-9] derived from `seed`. */
export function stableId(seed: string, length: number): string {
  const digest = createHash('sha256').update(seed).digest();
  let id = '';
  for (let i = 0; i < length; i += 1) {
    const byte = digest[i];
    if (byte === undefined) throw new Error(`stableId: at most ${digest.length} characters, asked for ${length}`);
    id += ALPHABET.charAt(byte % ALPHABET.length);
  }
  return id;
}

/** The id of the resource at `path` ("/", "/users/{id}") in API `apiId`: 10 characters [a-z0-9]. */
export function resourceId(apiId: string, path: string): string {
  return stableId(`${apiId} resource ${path}`, 10);
}

export function authorizerId(apiId: string, authorizer: AuthorizerModel): string {
  return authorizer.id ?? stableId(`${apiId} authorizer ${authorizer.name}`, 6);
}

/** The id of the authorizer a method names, or an error that says how to fix the model. */
export function authorizerIdByName(api: RestApiModel, name: string, where: string): string {
  const authorizer = api.authorizers?.find((a) => a.name === name);
  if (!authorizer) {
    throw new Error(`emulator model: ${where} of API ${api.id} names authorizer "${name}", which the API's authorizers do not define`);
  }
  return authorizerId(api.id, authorizer);
}
