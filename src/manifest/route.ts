// One entry of `routes:` (and the `defaults:` it inherits from) → RouteSpec.

import { isMap, isScalar } from 'yaml';
import type { AuthMode, CorsSpec, ExpectSpec, RouteSpec, SourceLocation } from '../types.ts';
import { parseCors } from './cors.ts';
import { DEFAULT_EXPECT, parseExpect } from './expect.ts';
import type { Body } from './fields.ts';
import { mergeHeaders, parseAuth, parseBody, parseHeaders, parseQuery } from './fields.ts';
import type { Ctx, Entry, Item } from './parse.ts';
import { describe, entriesOf, scalarText, stringValue } from './parse.ts';
import type { PathParam, RouteLine } from './route-line.ts';
import { BODYLESS_METHODS, isDotSegment, parseRouteLine } from './route-line.ts';
import { suggestKey } from './suggest.ts';

const ROUTE_KEYS = ['route', 'params', 'query', 'headers', 'body', 'expect', 'auth', 'cors', 'negative'] as const;
const DEFAULTS_KEYS = ['expect', 'headers', 'auth', 'query'] as const;

export interface RouteDefaults {
  /** undefined when written but invalid (already reported) */
  expect?: ExpectSpec | undefined;
  headers: Record<string, string>;
  query: Record<string, string>;
  auth?: AuthMode | undefined;
}

export const NO_DEFAULTS: RouteDefaults = { headers: {}, query: {} };

/** `name` is the key the values are written under (an OpenAPI document's extension reuses this). */
export function parseDefaults(item: Item, ctx: Ctx, name = 'defaults'): RouteDefaults {
  const defaults: RouteDefaults = { headers: {}, query: {} };
  if (!isMap(item.node)) {
    ctx.report(
      item.at,
      `\`${name}\` must be a mapping, not ${describe(item.node)}`,
      `write e.g. \`${name}: { expect: 2xx, headers: { accept: application/json } }\``,
    );
    return defaults;
  }
  for (const entry of entriesOf(item.node, ctx, item.at, { keys: DEFAULTS_KEYS, where: `\`${name}\`` })) {
    if (entry.key === 'expect') defaults.expect = parseExpect(entry, ctx);
    if (entry.key === 'auth') defaults.auth = parseAuth(entry, ctx);
    if (entry.key === 'headers') defaults.headers = parseHeaders(entry, ctx) ?? {};
    if (entry.key === 'query') defaults.query = parseQuery(entry, ctx) ?? {};
  }
  return defaults;
}

/** Returns undefined when the route has any problem (all of them reported to `ctx`). */
export function parseRoute(item: Item, defaults: RouteDefaults, ctx: Ctx): RouteSpec | undefined {
  const before = ctx.problems.length;
  const written = routeText(item, ctx);
  if (!written) return undefined;
  const field = (key: (typeof ROUTE_KEYS)[number]): Entry | undefined => written.fields.find((e) => e.key === key);

  const line = written.text === undefined ? NO_LINE : parseRouteLine(written.text);
  for (const complaint of line.complaints) ctx.report(written.at, complaint.message, complaint.fix);
  const params = line.value ? parseParams(field('params'), line.value, written, ctx) : {};

  const queryEntry = field('query');
  const headersEntry = field('headers');
  const expectEntry = field('expect');
  const authEntry = field('auth');
  const query = queryEntry ? parseQuery(queryEntry, ctx) : {};
  const headers = headersEntry ? parseHeaders(headersEntry, ctx) : {};
  const expect = expectEntry ? parseExpect(expectEntry, ctx) : (defaults.expect ?? DEFAULT_EXPECT);
  const auth = authEntry ? parseAuth(authEntry, ctx) : undefined;
  const body = parseRouteBody(field('body'), line.value, ctx);
  const cors = parseRouteCors(field('cors'), line.value, ctx);
  const negative = parseNegative(field('negative'), ctx);

  if (ctx.problems.length > before || !line.value || !query || !headers || !expect) return undefined;
  const { method, path } = line.value;
  const spec: RouteSpec = {
    route: `${method} ${path}`,
    method,
    path,
    params,
    query: { ...defaults.query, ...query },
    headers: mergeHeaders(defaults.headers, headers),
    expect,
    // A preflight is never authorized, whatever the other routes need.
    auth: auth ?? (cors ? 'none' : (defaults.auth ?? 'auto')),
    source: item.at,
  };
  if (body) {
    spec.body = body.body;
    if (body.contentType) spec.bodyContentType = body.contentType;
  }
  if (cors) spec.cors = cors;
  if (negative === false) spec.negative = false;
  return spec;
}

/** `negative: false` opts the route out of negative probes; only a YAML boolean is accepted. */
export function parseNegative(entry: Entry | undefined, ctx: Ctx): boolean | undefined {
  if (!entry) return undefined;
  if (isScalar(entry.node) && typeof entry.node.value === 'boolean') return entry.node.value;
  ctx.report(
    entry.at,
    `\`negative\` cannot be ${describe(entry.node)}`,
    'write `negative: false` to send this route no request without credentials, or remove the key',
  );
  return undefined;
}

const NO_LINE = { value: undefined, complaints: [] };

interface WrittenRoute {
  /** "METHOD /path" as written; undefined when missing or not a string (already reported) */
  text?: string | undefined;
  at: SourceLocation;
  shorthand: boolean;
  /** the mapping form's keys */
  fields: Entry[];
}

/** The "METHOD /path" text and, for the mapping form, the other keys. */
function routeText(item: Item, ctx: Ctx): WrittenRoute | undefined {
  const shorthand = stringValue(item.node);
  if (shorthand !== undefined) return { text: shorthand, at: item.at, shorthand: true, fields: [] };
  if (!isMap(item.node)) {
    ctx.report(item.at, `a route cannot be ${describe(item.node)}`, 'write `- GET /path`, or a mapping starting with `- route: GET /path`');
    return undefined;
  }
  const fields = entriesOf(item.node, ctx, item.at, { keys: ROUTE_KEYS, where: 'a route' });
  const route = fields.find((e) => e.key === 'route');
  // the other keys are still checked, so that one run reports everything
  if (!route) {
    ctx.report(item.at, 'this route has no `route` key', 'add `route: METHOD /path`, e.g. `route: GET /health`');
    return { at: item.at, shorthand: false, fields };
  }
  const text = stringValue(route.node);
  if (text === undefined) {
    ctx.report(route.at, `\`route\` cannot be ${describe(route.node)}`, 'write `route: METHOD /path`, e.g. `route: GET /health`');
  }
  return { text, at: route.at, shorthand: false, fields };
}

/** Every `{param}` of the path gets a value, and every value names a `{param}`. */
function parseParams(entry: Entry | undefined, line: RouteLine, written: WrittenRoute, ctx: Ctx): Record<string, string> {
  const params: Record<string, string> = {};
  if (entry && !isMap(entry.node)) {
    ctx.report(entry.at, `\`params\` must be a mapping, not ${describe(entry.node)}`, 'write e.g. `params: { id: "42" }`');
    return params;
  }
  const given = entry && isMap(entry.node) ? entriesOf(entry.node, ctx, entry.at) : [];
  const names = line.params.map((p) => p.name);
  // a misspelt key (`{id}:`, `proxy+:`, `userid:`) is reported once, as a misspelling, not again as a missing value
  const claimed = new Set<string>();
  for (const param of given) {
    const declared = line.params.find((p) => p.name === param.key);
    if (!declared) {
      const suggestion = reportUnknownParam(param, line, names, ctx);
      if (suggestion) claimed.add(suggestion);
      continue;
    }
    claimed.add(param.key);
    const value = paramValue(param, declared, ctx);
    if (value !== undefined) params[param.key] = value;
  }
  for (const param of line.params) {
    if (claimed.has(param.name)) continue;
    const add = `add \`params: { ${param.name}: "…" }\``;
    const fix = written.shorthand ? `${add}, writing the route as a mapping: \`- route: ${written.text}\`` : add;
    ctx.report(written.at, `unsubstituted path parameter \`{${param.name}${param.greedy ? '+' : ''}}\``, fix);
  }
  return params;
}

/** Reports a key that names no parameter; returns the parameter it probably meant. */
function reportUnknownParam(param: Entry, line: RouteLine, names: string[], ctx: Ctx): string | undefined {
  const bare = bareName(param.key);
  const suggestion = names.includes(bare) ? bare : suggestKey(param.key, names);
  const message = `\`params.${param.key}\` names no \`{parameter}\` of \`${line.path}\``;
  if (suggestion)
    ctx.report(param.keyAt, `${message} — did you mean \`${suggestion}\`?`, `write \`${suggestion}:\`, the name without braces or \`+\``);
  else if (names.length === 0) ctx.report(param.keyAt, message, 'remove it: this path has no parameters');
  else ctx.report(param.keyAt, message, `remove it; this path's parameters are ${names.map((n) => `\`${n}\``).join(', ')}`);
  return suggestion;
}

/** `{id}`, `id+`, `{proxy+}` → the parameter's name */
function bareName(key: string): string {
  return key.replace(/^\{|\}$/g, '').replace(/\+$/, '');
}

export function paramValue(param: Entry, declared: PathParam, ctx: Ctx): string | undefined {
  const isText = isScalar(param.node) && (typeof param.node.value === 'string' || typeof param.node.value === 'number');
  const value = isText ? scalarText(param.node) : undefined;
  if (value === undefined) {
    ctx.report(
      param.at,
      `path parameter \`${param.key}\` cannot be ${describe(param.node)}`,
      `write a string or a number, e.g. \`${param.key}: "42"\``,
    );
    return undefined;
  }
  if (value === '') {
    ctx.report(
      param.at,
      `path parameter \`${param.key}\` is empty`,
      'give it a value; to test the path without it, declare that path as its own route',
    );
    return undefined;
  }
  if (!declared.greedy && value.includes('/')) {
    ctx.report(
      param.at,
      `path parameter \`${param.key}\` value \`${value}\` contains \`/\`, which would split it across path segments`,
      `only a greedy \`{${param.key}+}\` parameter spans segments; write \`%2F\` if the slash belongs to the value`,
    );
    return undefined;
  }
  if (value.split('/').some(isDotSegment)) {
    ctx.report(
      param.at,
      `path parameter \`${param.key}\` value \`${value}\` is or has a \`.\`/\`..\` dot segment, which clients resolve away before sending`,
      'give it a value the resource can have; to test a parent path, declare that path as its own route',
    );
    return undefined;
  }
  if (declared.greedy && (value.startsWith('/') || value.includes('//'))) {
    ctx.report(
      param.at,
      `path parameter \`${param.key}\` value \`${value}\` would put an empty segment in the path`,
      'write it without a leading `/` and without `//`',
    );
    return undefined;
  }
  return value;
}

function parseRouteBody(entry: Entry | undefined, line: RouteLine | undefined, ctx: Ctx): Body | undefined {
  if (!entry) return undefined;
  const body = parseBody(entry, ctx);
  if (line && BODYLESS_METHODS.includes(line.method)) {
    ctx.report(
      entry.keyAt,
      `a ${line.method} request carries no body`,
      'remove `body`, or use the verb that takes it (POST, PUT, PATCH, DELETE)',
    );
    return undefined;
  }
  return body;
}

function parseRouteCors(entry: Entry | undefined, line: RouteLine | undefined, ctx: Ctx): CorsSpec | undefined {
  if (!entry) return undefined;
  const cors = parseCors(entry, ctx);
  if (line && line.method !== 'OPTIONS') {
    ctx.report(
      entry.keyAt,
      `\`cors\` describes a CORS preflight, an OPTIONS request, but this route is \`${line.method} ${line.path}\``,
      `declare it as \`OPTIONS ${line.path}\` with \`cors:\` (and keep \`${line.method} ${line.path}\` as a route of its own)`,
    );
    return undefined;
  }
  return cors;
}
