// SigV4 for execute-api with aws4.
//
// aws4 builds the canonical URI from the path it is given, URI-encoding every segment again
// (the double encoding non-S3 services expect: `%20` in the sent path is `%2520` in the
// canonical request, as API Gateway computes it). It must therefore see the path exactly as
// it is sent — already percent-encoded, and not `doNotEncodePath`, which would single-encode.
// aws4 re-encodes the whole path itself when it contains characters outside its safe set, so
// buildUrl() never produces any; signRequest() refuses such a path rather than sign
// something other than what goes on the wire.
import aws4 from 'aws4';
import type { AwsCredentials } from '../settings.ts';
import type { OutgoingRequest } from './request.ts';
import { hasHeader, setHeader } from './request.ts';

export const EXECUTE_API_SERVICE = 'execute-api';

/** characters aws4 leaves alone in a path (see aws4's parsePath) */
const AWS4_SAFE_PATH = /^[0-9A-Za-z;,/?:@&=+$\-_.!~*'()#%]*$/;

/** A signed copy of the request; `now` is for tests. */
export function signRequest(
  request: OutgoingRequest,
  credentials: AwsCredentials,
  region: string,
  now: Date = new Date(),
): OutgoingRequest {
  const host = new URL(request.origin).host;
  const path = request.path;
  if (!AWS4_SAFE_PATH.test(path)) throw new Error(`cannot sign ${path}: the path is not percent-encoded (build it with buildUrl)`);

  const headers = { ...request.headers };
  // Set these ourselves so aws4 neither invents a different date nor duplicates them.
  setHeader(headers, 'X-Amz-Date', now.toISOString().replace(/[:-]|\.\d{3}/g, ''));
  if (credentials.sessionToken) setHeader(headers, 'X-Amz-Security-Token', credentials.sessionToken);
  if (!hasHeader(headers, 'host')) headers.host = host;

  const options: aws4.Request = {
    method: request.method,
    host,
    path,
    headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
    service: EXECUTE_API_SERVICE,
    region,
  };
  aws4.sign(options, {
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
  });
  // aws4 re-serialises options.path (it may reorder the query); the URL that is sent stays ours.
  return { ...request, headers: stringHeaders(options.headers ?? {}) };
}

function stringHeaders(headers: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)]));
}
