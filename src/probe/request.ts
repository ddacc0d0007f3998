// Builds the exact HTTP request a route's smoke check sends (before any SigV4 signature).
//
// The URL is built here in a normalised form that every later step takes as is: path
// characters outside RFC 3986 `pchar` are percent-encoded and the query uses RFC 3986
// encoding (space → %20, never `+`). That makes the path+query signed by aws4 byte-for-byte
// the one sent, and keeps `+` unambiguous (form encoding would read it as a space).
import { type HostPolicy, isTrustedHost } from '../base-url.ts';
import type { ResolvedAuth, RouteSpec } from '../types.ts';

export const USER_AGENT = 'apigw-route-verify';

export interface OutgoingRequest {
  method: string;
  /** scheme://host[:port], no path */
  origin: string;
  /**
   * Path and query exactly as in the request line. Kept apart from `origin` because
   * re-parsing with `new URL()` would rewrite it (WHATWG resolves `%2E%2E` as `..`).
   */
  path: string;
  /** header names as they go on the wire; `host` is always present */
  headers: Record<string, string>;
  body?: string;
}

/** The absolute URL of a request, for reports and curl. */
export function requestUrl(request: Pick<OutgoingRequest, 'origin' | 'path'>): string {
  return request.origin + request.path;
}

export interface BuiltRequest {
  request: OutgoingRequest;
  /** which secrets were attached (their values stay in `request` only) */
  attached: { apiKey: boolean; token: boolean };
}

export interface RequestSecrets {
  apiKey: string;
  authorizerToken: string;
  /** where credentials may go; every host when absent (unit tests of a single module) */
  hostPolicy?: HostPolicy;
}

/**
 * The last check before a credential is attached: the settings refused an untrusted
 * `base-url` already, this refuses whatever might still reach here (defence in depth).
 */
export function assertCredentialHost(origin: string, policy: HostPolicy | undefined): void {
  if (!policy) return;
  const host = new URL(origin).hostname;
  if (!isTrustedHost(host, policy)) {
    throw new Error(`refused to send a credential to ${host}: it is not this API's host, the input base-url's host or a trusted host`);
  }
}

export function buildRequest(
  route: RouteSpec,
  auth: ResolvedAuth,
  tokenHeader: string,
  baseUrl: string,
  secrets: RequestSecrets,
): BuiltRequest {
  const { origin, path } = buildTarget(baseUrl, route);
  const headers: Record<string, string> = { 'user-agent': USER_AGENT };
  for (const [name, value] of Object.entries(route.headers)) setHeader(headers, name, value);

  if (route.body !== undefined) {
    if (route.bodyContentType && !hasHeader(headers, 'content-type')) setHeader(headers, 'content-type', route.bodyContentType);
    setHeader(headers, 'content-length', String(Buffer.byteLength(route.body)));
  }
  if (route.cors) {
    setHeader(headers, 'origin', route.cors.origin);
    setHeader(headers, 'access-control-request-method', route.cors.method);
    if (route.cors.headers.length > 0) setHeader(headers, 'access-control-request-headers', route.cors.headers.join(','));
  }

  // The action's own credentials replace a same-named manifest header: they are what `auth` asks for.
  const apiKey = auth.endsWith('api-key') && secrets.apiKey !== '';
  const token = auth.startsWith('token') && secrets.authorizerToken !== '';
  if (apiKey || token) assertCredentialHost(origin, secrets.hostPolicy);
  if (apiKey) setHeader(headers, 'x-api-key', secrets.apiKey);
  if (token) setHeader(headers, tokenHeader, secrets.authorizerToken);

  setHeader(headers, 'host', new URL(origin).host);
  const request: OutgoingRequest = { method: route.method, origin, path, headers };
  if (route.body !== undefined) request.body = route.body;
  return { request, attached: { apiKey, token } };
}

/** baseUrl + the route's path with its params substituted + the route's query. */
export function buildTarget(baseUrl: string, route: Pick<RouteSpec, 'path' | 'params' | 'query'>): { origin: string; path: string } {
  const base = new URL(baseUrl);
  if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new Error(`base-url ${baseUrl} must be an http:// or https:// URL`);
  const basePath = escapeNonPchar(base.pathname).replace(/\/+$/, '');
  const routePath = route.path
    .split('/')
    .map((segment) => substituteSegment(segment, route.params))
    .join('/');
  const pairs = [...queryPairs(base.search), ...Object.entries(route.query)];
  const query = pairs.map(([k, v]) => `${encodeRfc3986(k)}=${encodeRfc3986(v)}`).join('&');
  return { origin: base.origin, path: `${basePath}${routePath}${query ? `?${query}` : ''}` };
}

function substituteSegment(segment: string, params: Record<string, string>): string {
  const greedy = /^\{(.+)\+\}$/.exec(segment)?.[1];
  if (greedy !== undefined) return requireParam(params, greedy).split('/').map(encodeParamSegment).join('/');
  const param = /^\{(.+)\}$/.exec(segment)?.[1];
  if (param !== undefined) return encodeParamSegment(requireParam(params, param));
  return escapeNonPchar(segment);
}

function requireParam(params: Record<string, string>, name: string): string {
  const value = params[name];
  if (value === undefined) throw new Error(`path parameter {${name}} has no value: add it under the route's \`params\``);
  return value;
}

/** One path segment from a param value; `.`/`..` are encoded so nothing treats them as dot-segments. */
function encodeParamSegment(value: string): string {
  if (value === '.' || value === '..') return value.replaceAll('.', '%2E');
  return encodeURIComponent(value);
}

/** RFC 3986: encodeURIComponent leaves !'()* alone; they are reserved in a query. */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Keep what is already a valid path (unreserved, sub-delims, `:@/`, `%XX`), encode the rest
 * (a space, unicode, `[]|^`, a stray `%`).
 */
function escapeNonPchar(path: string): string {
  return path.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/gu, (c) => encodeURIComponent(c));
}

/** A base URL's own query, decoded as RFC 3986 (a `+` stays a `+`). */
function queryPairs(search: string): [string, string][] {
  if (search.length <= 1) return [];
  return search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const [k, v] = eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
      return [safeDecode(k), safeDecode(v)];
    });
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function hasHeader(headers: Record<string, string>, name: string): boolean {
  const lower = name.toLowerCase();
  return Object.keys(headers).some((h) => h.toLowerCase() === lower);
}

export function getHeader(headers: Record<string, string>, name: string): string | undefined {
  const lower = name.toLowerCase();
  const key = Object.keys(headers).find((h) => h.toLowerCase() === lower);
  return key === undefined ? undefined : headers[key];
}

/** Set a header, replacing any spelling of the same name. */
export function setHeader(headers: Record<string, string>, name: string, value: string): void {
  const lower = name.toLowerCase();
  for (const key of Object.keys(headers)) if (key.toLowerCase() === lower) delete headers[key];
  headers[name] = value;
}
