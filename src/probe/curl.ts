// A copy-paste `curl -i` that sends the same request. Secrets are never written into it:
// credentials are references to environment variables the user sets ($API_KEY,
// $AUTHORIZER_TOKEN, the standard AWS_* variables), and curl signs SigV4 itself.
import type { ConnectTo } from '../settings.ts';
import { shellQuote } from '../shell.ts';
import type { OutgoingRequest } from './request.ts';
import { requestUrl } from './request.ts';

export const API_KEY_ENV = 'API_KEY';
export const AUTHORIZER_TOKEN_ENV = 'AUTHORIZER_TOKEN';

export interface CurlOptions {
  region: string;
  /** sign with --aws-sigv4 */
  sigv4: boolean;
  /** the credentials have a session token */
  sessionToken: boolean;
  /** an x-api-key was sent */
  apiKey: boolean;
  /** an authorizer token was sent in this header */
  tokenHeader?: string;
  connectTo: ConnectTo[];
}

/** headers curl computes itself, or that carry a signature */
const COMPUTED = new Set(['host', 'content-length', 'authorization', 'x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256']);

export function toCurl(request: OutgoingRequest, options: CurlOptions): string {
  const head: string[] = ['curl', '-i'];
  if (request.method === 'HEAD') head.push('--head');
  else if (request.method !== 'GET' || request.body !== undefined)
    head.push('-X', /^[A-Z]+$/.test(request.method) ? request.method : shellQuote(request.method));
  head.push(shellQuote(requestUrl(request)));

  const args: [string, string][] = [];

  for (const entry of options.connectTo) {
    args.push(['--connect-to', shellQuote(`${entry.host}:${entry.port}:${entry.connectHost}:${entry.connectPort}`)]);
  }

  const secretHeaders = new Set<string>();
  if (options.apiKey) secretHeaders.add('x-api-key');
  if (options.tokenHeader) secretHeaders.add(options.tokenHeader.toLowerCase());
  for (const [name, value] of Object.entries(request.headers)) {
    const lower = name.toLowerCase();
    if (COMPUTED.has(lower) || secretHeaders.has(lower)) continue;
    // `-H 'name:'` would remove the header; `name;` sends it empty.
    args.push(['-H', shellQuote(value === '' ? `${name};` : `${name}: ${value}`)]);
  }
  if (request.body !== undefined && !Object.keys(request.headers).some((h) => h.toLowerCase() === 'content-type')) {
    args.push(['-H', shellQuote('content-type:')]); // curl -d would add a form content-type we did not send
  }

  if (options.apiKey) args.push(['-H', envHeader('x-api-key', API_KEY_ENV)]);
  if (options.tokenHeader) args.push(['-H', envHeader(options.tokenHeader, AUTHORIZER_TOKEN_ENV)]);
  if (options.sigv4) {
    args.push(['--aws-sigv4', shellQuote(`aws:amz:${options.region}:execute-api`)]);
    args.push(['--user', '"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"']);
    if (options.sessionToken) args.push(['-H', envHeader('x-amz-security-token', 'AWS_SESSION_TOKEN')]);
  }
  // --data-raw: a body starting with @ is data, not a file name.
  if (request.body !== undefined) args.push(['--data-raw', shellQuote(request.body)]);

  // One option per line, so a long command stays readable in a report.
  return [head.join(' '), ...args.map(([flag, value]) => `  ${flag} ${value}`)].join(' \\\n');
}

/** `-H "name: $VAR"`; a header name that is not a plain token is single-quoted separately. */
function envHeader(name: string, variable: string): string {
  return /^[A-Za-z0-9_-]+$/.test(name) ? `"${name}: $${variable}"` : `${shellQuote(`${name}: `)}"$${variable}"`;
}
