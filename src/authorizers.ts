// What a method asks of a caller, read from the control plane: shared by the probe (which
// sends what `auth: auto` requires) and the diagnoses (which compare a request against it).
import type { AuthorizerInfo, MethodInfo, ResolvedAuth, Snapshot } from './types.ts';

/** The header an authorizer token goes in when the authorizer names none. */
export const DEFAULT_TOKEN_HEADER = 'Authorization';

/** The auth a caller needs for a method, in the manifest's words; an unknown type counts as open. */
export function authOfMethod(method: MethodInfo): ResolvedAuth {
  switch (method.authorizationType) {
    case 'AWS_IAM':
      return method.apiKeyRequired ? 'iam+api-key' : 'iam';
    case 'COGNITO_USER_POOLS':
    case 'CUSTOM':
      return method.apiKeyRequired ? 'token+api-key' : 'token';
    default:
      return method.apiKeyRequired ? 'api-key' : 'none';
  }
}

/** The authorizer a method names, when the snapshot has it. */
export function authorizerOf(
  snapshot: Pick<Snapshot, 'authorizers'> | undefined,
  method: MethodInfo | undefined,
): AuthorizerInfo | undefined {
  return method?.authorizerId ? snapshot?.authorizers[method.authorizerId] : undefined;
}

/** Header names among an authorizer's identity sources: `method.request.header.X-Token, method.request.querystring.q` → `X-Token`. */
export function identityHeaders(authorizer: AuthorizerInfo | undefined): string[] {
  const headers: string[] = [];
  for (const source of authorizer?.identitySource?.split(',') ?? []) {
    const m = /^\s*method\.request\.header\.(.+?)\s*$/.exec(source);
    if (m?.[1] !== undefined) headers.push(m[1]);
  }
  return headers;
}
