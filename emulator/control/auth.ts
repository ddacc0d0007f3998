// Who is calling, and may they call apigateway:GET? The emulator reads the access key from the
// SigV4 credential scope; it does not verify the signature on the control plane.
import type http from 'node:http';
import type { IdentityModel } from '../model.ts';
import type { EmulatorState } from '../state.ts';
import { ControlError } from './http.ts';

const SIGV4_PREFIX = 'AWS4-HMAC-SHA256 ';

/** The access key id of a SigV4-signed request (header or presigned query), or why there is none. */
export function accessKeyOf(req: http.IncomingMessage, query: URLSearchParams): string {
  const header = req.headers.authorization;
  const credential = header ? credentialFromHeader(header) : query.get('X-Amz-Credential');
  if (header === undefined && credential === null) {
    throw new ControlError(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
  }
  const accessKeyId = credential?.split('/')[0];
  if (!accessKeyId) {
    // Never echo the header back: it carries a signature.
    throw new ControlError(
      403,
      'IncompleteSignatureException',
      "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. " +
        "Authorization header requires 'SignedHeaders' parameter. Sign the request with AWS Signature Version 4.",
    );
  }
  return accessKeyId;
}

function credentialFromHeader(header: string): string | null {
  if (!header.startsWith(SIGV4_PREFIX)) return null;
  for (const part of header.slice(SIGV4_PREFIX.length).split(',')) {
    const [name, value] = part.trim().split('=', 2);
    if (name === 'Credential' && value) return value;
  }
  return null;
}

/** The region a request is signed for (its SigV4 credential scope), if it names one. */
export function scopeRegion(req: http.IncomingMessage, query: URLSearchParams): string | undefined {
  const header = req.headers.authorization;
  const credential = header ? credentialFromHeader(header) : query.get('X-Amz-Credential');
  return credential?.split('/')[2];
}

/**
 * The endpoint serves the regions the model's APIs live in and one service: a request signed for
 * another is refused before anything is read, as the real endpoint does (and a real SDK would have
 * gone elsewhere anyway).
 */
function checkScope(state: EmulatorState, req: http.IncomingMessage, query: URLSearchParams): void {
  const header = req.headers.authorization;
  const credential = header ? credentialFromHeader(header) : query.get('X-Amz-Credential');
  const [, , region, service] = credential?.split('/') ?? [];
  if (region !== undefined && !state.regions().includes(region)) {
    throw new ControlError(403, 'InvalidSignatureException', `Credential should be scoped to a valid region, not '${region}'. `);
  }
  if (service !== undefined && service !== 'apigateway') {
    throw new ControlError(403, 'InvalidSignatureException', `Credential should be scoped to correct service: 'apigateway'. `);
  }
}

const INVALID_TOKEN = 'The security token included in the request is invalid.';

/**
 * Authenticate and authorize one control-plane request for `apigateway:GET` on `path`.
 * With no identities in the model every signed request is accepted.
 */
export function authorize(
  state: EmulatorState,
  req: http.IncomingMessage,
  query: URLSearchParams,
  path: string,
): IdentityModel | undefined {
  const accessKeyId = accessKeyOf(req, query);
  checkScope(state, req, query);
  const identities = state.model.identities ?? [];
  if (identities.length === 0) return undefined;
  const identity = identities.find((i) => i.accessKeyId === accessKeyId);
  if (!identity) throw new ControlError(403, 'UnrecognizedClientException', INVALID_TOKEN);
  if (identity.sessionToken !== undefined) {
    const sent = req.headers['x-amz-security-token'] ?? query.get('X-Amz-Security-Token');
    if (sent !== identity.sessionToken) throw new ControlError(403, 'UnrecognizedClientException', INVALID_TOKEN);
    if (identity.expired) throw new ControlError(403, 'ExpiredTokenException', 'The security token included in the request is expired');
  }
  if (identity.controlPlane === false) {
    const user = identity.arn ?? `arn:aws:iam::${state.accountId}:user/${identity.accessKeyId}`;
    const resource = `arn:aws:apigateway:${state.region}::${path}`;
    throw new ControlError(
      403,
      'AccessDeniedException',
      `User: ${user} is not authorized to perform: apigateway:GET on resource: ${resource} because no identity-based policy allows the apigateway:GET action`,
    );
  }
  return identity;
}
