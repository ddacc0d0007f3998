// Authentication of an AWS_IAM method, in the order the gateway reports problems:
// unsigned → MAT; unparsable → IncompleteSignature; wrong scope → InvalidSignature; unknown key or
// session token → UnrecognizedClient; expired token → ExpiredToken; clock skew or a signature that
// does not match → InvalidSignature. Without `model.identities` no key can be verified, so every key
// is unknown. Whether the identity may invoke (identity + resource policy) is decided by the caller.
import type { IdentityModel } from '../model.ts';
import {
  type GatewayError,
  expiredToken,
  incompleteSignature,
  invalidSignature,
  missingAuthenticationToken,
  unrecognizedClient,
} from './gateway-errors.ts';
import {
  ALGORITHM,
  type ClaimResult,
  type ReceivedRequest,
  formatAmzDate,
  parseAmzDate,
  parseAuthorizationHeader,
  parseQuerySignature,
  signatureMatches,
} from './sigv4.ts';

export const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. ' +
  'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** How far X-Amz-Date may be from the gateway's clock. */
const MAX_SKEW_MS = 5 * 60 * 1000;

export type IamResult = { ok: true; identity: IdentityModel } | { ok: false; error: GatewayError };

/** Did the client try SigV4 at all (header, or presigned query)? */
export function signatureClaim(request: ReceivedRequest): ClaimResult | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) return parseAuthorizationHeader(header, request.headers);
  if (request.query.has('X-Amz-Algorithm') || request.query.has('X-Amz-Signature')) return parseQuerySignature(request.query);
  return undefined;
}

function clockSkew(amzDate: string, signingDate: Date, now: Date): string | undefined {
  const fmt = formatAmzDate;
  if (signingDate.getTime() < now.getTime() - MAX_SKEW_MS) {
    return `Signature expired: ${amzDate} is now earlier than ${fmt(new Date(now.getTime() - MAX_SKEW_MS))} (${fmt(now)} - 5 min.)`;
  }
  if (signingDate.getTime() > now.getTime() + MAX_SKEW_MS) {
    return `Signature not yet current: ${amzDate} is still later than ${fmt(new Date(now.getTime() + MAX_SKEW_MS))} (${fmt(now)} + 5 min.)`;
  }
  return undefined;
}

const fail = (error: GatewayError): IamResult => ({ ok: false, error });

export async function authenticateIam(
  request: ReceivedRequest,
  identities: IdentityModel[],
  region: string,
  now: Date = new Date(),
): Promise<IamResult> {
  const parsed = signatureClaim(request);
  if (!parsed) return fail(missingAuthenticationToken());
  if (!parsed.ok) return fail(incompleteSignature(parsed.incomplete));
  const { claim } = parsed;

  const [accessKeyId = '', scopeDate = '', scopeRegion = '', scopeService = '', terminator = ''] = claim.credential.split('/');
  if (scopeRegion !== region) return fail(invalidSignature(`Credential should be scoped to a valid region, not '${scopeRegion}'. `));
  if (scopeService !== 'execute-api') return fail(invalidSignature("Credential should be scoped to correct service: 'execute-api'. "));
  if (terminator !== 'aws4_request') {
    return fail(invalidSignature(`Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'. `));
  }

  const identity = identities.find((i) => i.accessKeyId === accessKeyId);
  if (!identity || claim.sessionToken !== identity.sessionToken) return fail(unrecognizedClient());
  if (identity.expired) return fail(expiredToken());

  const signingDate = parseAmzDate(claim.amzDate);
  if (!signingDate) {
    return fail(
      invalidSignature(`Date must be in ISO-8601 'basic format'. Got '${claim.amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`),
    );
  }
  if (scopeDate !== claim.amzDate.slice(0, 8)) {
    return fail(
      invalidSignature(
        `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${claim.amzDate.slice(0, 8)}', from '${claim.amzDate}'.`,
      ),
    );
  }
  const skew = clockSkew(claim.amzDate, signingDate, now);
  if (skew) return fail(invalidSignature(skew));

  const matches =
    claim.algorithm === ALGORITHM &&
    (await signatureMatches(
      request,
      claim,
      { region: scopeRegion, service: scopeService },
      { accessKeyId, secretAccessKey: identity.secretAccessKey },
      signingDate,
    ));
  return matches ? { ok: true, identity } : fail(invalidSignature(SIGNATURE_MISMATCH));
}
