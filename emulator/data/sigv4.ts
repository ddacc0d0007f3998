// SigV4 on execute-api: parse what the client sent (Authorization header or presigned query) the
// way the gateway does, and recompute the signature with @smithy/signature-v4 to compare.
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

export const ALGORITHM = 'AWS4-HMAC-SHA256';

type SourceData = string | ArrayBuffer | ArrayBufferView;

function toBuffer(data: SourceData): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

/** SHA-256 (or HMAC-SHA256 when given a secret) over node:crypto, as the signer's Checksum. */
class NodeSha256 {
  private readonly secret: SourceData | undefined;
  private hash: Hash | Hmac;

  constructor(secret?: SourceData) {
    this.secret = secret;
    this.hash = this.fresh();
  }

  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(this.secret));
  }

  update(data: SourceData): void {
    this.hash.update(toBuffer(data));
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }

  reset(): void {
    this.hash = this.fresh();
  }
}

/** What a signed request claims: from the Authorization header or from the X-Amz-* query parameters. */
export interface SignatureClaim {
  algorithm: string;
  /** "AKID/20240101/us-east-1/execute-api/aws4_request" */
  credential: string;
  signedHeaders: string[];
  signature: string;
  /** "20240101T000000Z" */
  amzDate: string;
  /** the session token sent with the request, if any */
  sessionToken?: string | undefined;
  inQuery: boolean;
}

export type ClaimResult = { ok: true; claim: SignatureClaim } | { ok: false; incomplete: string };

const sha256Base64 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('base64');

/**
 * Parse an Authorization header as the gateway does for SigV4 (any scheme: a `Bearer …` header is
 * read as a broken SigV4 header). The IncompleteSignatureException texts are the real ones: a piece
 * without "=" is reported by its SHA-256 hash (the gateway no longer echoes it), missing parameters
 * are listed and the header is echoed after `Authorization=` as the gateway does.
 */
export function parseAuthorizationHeader(value: string, headers: Record<string, string | undefined>): ClaimResult {
  const trimmed = value.trim();
  const space = trimmed.search(/\s/);
  const algorithm = space === -1 ? trimmed : trimmed.slice(0, space);
  const pieces =
    space === -1
      ? []
      : trimmed
          .slice(space + 1)
          .split(/[,\s]+/)
          .filter((p) => p !== '');
  const params = new Map<string, string>();
  for (const piece of pieces) {
    const eq = piece.indexOf('=');
    if (eq === -1) {
      return {
        ok: false,
        incomplete: `Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): '${sha256Base64(value)}'.`,
      };
    }
    params.set(piece.slice(0, eq), piece.slice(eq + 1));
  }
  const amzDate = headers['x-amz-date'];
  const missing = ['Credential', 'Signature', 'SignedHeaders']
    .filter((name) => !params.get(name))
    .map((name) => `Authorization header requires '${name}' parameter.`);
  if (amzDate === undefined && headers.date === undefined) {
    missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  if (missing.length > 0) return { ok: false, incomplete: `${missing.join(' ')} Authorization=${value}` };
  return {
    ok: true,
    claim: {
      algorithm,
      credential: params.get('Credential') ?? '',
      signedHeaders: (params.get('SignedHeaders') ?? '').split(';').map((h) => h.toLowerCase()),
      signature: params.get('Signature') ?? '',
      // Only X-Amz-Date can be re-signed; a request dated by `Date` alone fails verification.
      amzDate: amzDate ?? '',
      sessionToken: headers['x-amz-security-token'],
      inQuery: false,
    },
  };
}

const QUERY_PARAMS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Date'];

/** Parse presigned-URL parameters (present when the query has X-Amz-Algorithm or X-Amz-Signature). */
export function parseQuerySignature(query: URLSearchParams): ClaimResult {
  const missing = QUERY_PARAMS.filter((name) => !query.get(name));
  if (missing.length > 0) {
    const list = missing.map((name) => `AWS query-string parameters must include '${name}'.`).join(' ');
    return { ok: false, incomplete: `${list} Re-examine the query-string parameters.` };
  }
  return {
    ok: true,
    claim: {
      algorithm: query.get('X-Amz-Algorithm') ?? '',
      credential: query.get('X-Amz-Credential') ?? '',
      signedHeaders: (query.get('X-Amz-SignedHeaders') ?? '').split(';').map((h) => h.toLowerCase()),
      signature: query.get('X-Amz-Signature') ?? '',
      amzDate: query.get('X-Amz-Date') ?? '',
      sessionToken: query.get('X-Amz-Security-Token') ?? undefined,
      inQuery: true,
    },
  };
}

/** "20240102T030405Z" → Date, or undefined when not ISO-8601 basic format. */
export function parseAmzDate(amzDate: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!m) return undefined;
  // Number(undefined) is NaN, which yields an invalid date: never here, as every group is required.
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function formatAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]|\.\d{3}/g, '');
}

export interface ReceivedRequest {
  method: string;
  /** the path exactly as sent (still percent-encoded), without the query */
  rawPath: string;
  query: URLSearchParams;
  /** lower-case names, as node gives them */
  headers: Record<string, string | undefined>;
  body: Buffer;
}

function queryBag(query: URLSearchParams): Record<string, string | string[]> {
  const bag: Record<string, string | string[]> = {};
  for (const [key, value] of query) {
    const prior = bag[key];
    bag[key] = prior === undefined ? value : [...(Array.isArray(prior) ? prior : [prior]), value];
  }
  return bag;
}

/**
 * Re-sign the received request with `secretAccessKey` — same signed headers, same date, same
 * scope — and tell whether the signature matches. A signed header that was not sent, or an
 * x-amz-content-sha256 that is not the body's hash, is a mismatch too.
 */
export async function signatureMatches(
  request: ReceivedRequest,
  claim: SignatureClaim,
  scope: { region: string; service: string },
  credentials: { accessKeyId: string; secretAccessKey: string },
  signingDate: Date,
): Promise<boolean> {
  const headers: Record<string, string> = {};
  for (const name of claim.signedHeaders) {
    if (name === 'x-amz-date' && !claim.inQuery) continue; // the signer sets it from signingDate
    const value = request.headers[name];
    if (value === undefined) return false;
    headers[name] = value;
  }
  const contentSha = headers['x-amz-content-sha256'];
  if (contentSha !== undefined && contentSha !== 'UNSIGNED-PAYLOAD') {
    if (contentSha !== createHash('sha256').update(request.body).digest('hex')) return false;
  }
  const signer = new SignatureV4({
    service: scope.service,
    region: scope.region,
    credentials, // without the session token: when signed, it is one of `headers` or of the query
    sha256: NodeSha256,
    uriEscapePath: true,
    applyChecksum: false,
  });
  const signedHeaders = new Set(claim.signedHeaders);
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: 'https:',
      hostname: request.headers.host ?? '',
      path: request.rawPath,
      query: queryBag(request.query),
      headers,
      body: request.body,
    },
    {
      signingDate,
      signableHeaders: signedHeaders,
      ...(signedHeaders.has('x-amz-date') && !claim.inQuery ? {} : { unsignableHeaders: new Set(['x-amz-date']) }),
    },
  );
  const expected = /Signature=([0-9a-f]+)/.exec(String(signed.headers.authorization ?? ''))?.[1];
  return expected !== undefined && expected === claim.signature;
}
