// Reads the claims of the authorizer-token input that explain a 401 — expiry, audience,
// issuer, token use — without verifying it (no key is needed to read, and the authorizer
// already said no). Only an allow-list of claims leaves this module: never the token, its
// header or its signature, and no personal claims (email, name, sub).

/** The claims an explanation may show. */
const SAFE_CLAIMS = ['exp', 'iat', 'nbf', 'auth_time', 'aud', 'client_id', 'iss', 'token_use', 'scope'] as const;

/** Decoded, unverified, allow-listed claims of a JWT ("Bearer " prefix allowed), or undefined when it is no JWT. */
export function jwtClaims(token: string): Record<string, unknown> | undefined {
  const parts = token
    .trim()
    .replace(/^Bearer\s+/i, '')
    .split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p)) || parts[1] === '') return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined;
  return safeClaims(payload as Record<string, unknown>);
}

/** Keep only allow-listed claims with plain values (a string, a number, or a list of strings). */
export function safeClaims(claims: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of SAFE_CLAIMS) {
    const value = claims[name];
    const plain =
      typeof value === 'string' || typeof value === 'number' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
    if (plain) out[name] = value;
  }
  return out;
}
