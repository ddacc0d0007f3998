// An independent SigV4 check: re-sign the request as sent with the AWS SDK's signer
// (@smithy/signature-v4, what API Gateway's canonicalisation is modelled on) and compare.
import { createHash, createHmac } from 'node:crypto';
import type { BinaryLike, Hash, Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentials } from '../../../src/settings.ts';
import type { OutgoingRequest } from '../../../src/probe/request.ts';

type SourceData = string | ArrayBuffer | ArrayBufferView;

function toBinary(data: SourceData): BinaryLike {
  if (typeof data === 'string') return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

/** SHA-256 / HMAC-SHA-256 over node:crypto, implementing smithy's Checksum interface. */
export class NodeSha256 {
  private readonly secret: SourceData | undefined;
  private hash: Hash | Hmac;

  constructor(secret?: SourceData) {
    this.secret = secret;
    this.hash = this.fresh();
  }

  update(data: SourceData): void {
    this.hash.update(toBinary(data));
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }

  reset(): void {
    this.hash = this.fresh();
  }

  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', toBinary(this.secret));
  }
}

export interface Verification {
  ok: boolean;
  sent: string;
  expected: string;
}

const AUTH = /^AWS4-HMAC-SHA256 Credential=[^,]+, SignedHeaders=([^,]+), Signature=[0-9a-f]{64}$/;

/** Does the Authorization header of `request` match what the SDK computes for the same request? */
export async function verifySigV4(request: OutgoingRequest, credentials: AwsCredentials, region: string): Promise<Verification> {
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const sent = headers.authorization ?? '';
  const parsed = AUTH.exec(sent);
  if (!parsed) return { ok: false, sent, expected: '(no SigV4 Authorization header)' };
  const signedHeaders = parsed[1]?.split(';') ?? [];
  const date = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(headers['x-amz-date'] ?? '');
  if (!date) return { ok: false, sent, expected: '(no x-amz-date)' };
  const signingDate = new Date(`${date[1]}-${date[2]}-${date[3]}T${date[4]}:${date[5]}:${date[6]}Z`);

  const origin = new URL(request.origin);
  const q = request.path.indexOf('?');
  const path = q < 0 ? request.path : request.path.slice(0, q);
  const query: Record<string, string | string[]> = {};
  for (const pair of q < 0 ? [] : request.path.slice(q + 1).split('&')) {
    const eq = pair.indexOf('=');
    const key = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
    const value = decodeURIComponent(eq < 0 ? '' : pair.slice(eq + 1));
    const prior = query[key];
    query[key] = prior === undefined ? value : [...(Array.isArray(prior) ? prior : [prior]), value];
  }

  const signer = new SignatureV4({
    credentials,
    region,
    service: 'execute-api',
    sha256: NodeSha256,
    applyChecksum: false,
    uriEscapePath: true,
  });
  const resigned = await signer.sign(
    {
      method: request.method,
      protocol: origin.protocol,
      hostname: origin.hostname,
      path,
      query,
      headers: Object.fromEntries(signedHeaders.map((h) => [h, headers[h] ?? ''])),
      ...(request.body !== undefined ? { body: request.body } : {}),
    },
    { signingDate, signableHeaders: new Set(signedHeaders) },
  );
  const expected = String(resigned.headers.authorization);
  return { ok: expected === sent, sent, expected };
}
