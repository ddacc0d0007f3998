// The small per-route values shared by routes and `defaults`: auth, query, headers, body.

import type * as Http from 'node:http';
import { createRequire } from 'node:module';
import { isMap, isScalar, isSeq } from 'yaml';
import type { AuthMode } from '../types.ts';
import type { Ctx, Entry, Item } from './parse.ts';
import { describe, entriesOf, scalarText } from './parse.ts';
import { suggestKey } from './suggest.ts';

// Through require, as in src/probe/send.ts: an ES import of node:http loads Node's internal
// undici (its lazy fetch/WebSocket getters) at every start, bad input included.
const { validateHeaderName, validateHeaderValue } = createRequire(import.meta.url)('node:http') as typeof Http;

export const AUTH_MODES: readonly AuthMode[] = ['auto', 'none', 'api-key', 'iam', 'iam+api-key', 'token', 'token+api-key'];

/** What people write when they think in API Gateway's own names. */
const AUTH_ALIASES: Record<string, AuthMode> = {
  aws_iam: 'iam',
  sigv4: 'iam',
  cognito_user_pools: 'token',
  cognito: 'token',
  custom: 'token',
  lambda: 'token',
  jwt: 'token',
  bearer: 'token',
  apikey: 'api-key',
  'x-api-key': 'api-key',
};

/** `headers:` names are HTTP tokens (RFC 9110), exactly as Node will check them when sending. */
export function isHeaderName(name: string): boolean {
  try {
    validateHeaderName(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * A header value Node sends as written. Node also takes Latin-1 letters, but sends them as
 * one byte each where curl (the reproduce command) sends UTF-8: only ASCII is the same in both.
 */
export function isSendableHeaderValue(value: string): boolean {
  if (!/^[\t\x20-\x7e]*$/.test(value)) return false;
  try {
    validateHeaderValue('x', value);
    return true;
  } catch {
    return false;
  }
}

export function parseAuth(item: Item, ctx: Ctx): AuthMode | undefined {
  const written = scalarText(item.node);
  const mode = written?.trim().toLowerCase();
  const known = AUTH_MODES.find((m) => m === mode);
  if (known) return known;
  const accepted = AUTH_MODES.map((m) => `\`${m}\``).join(', ');
  if (mode === undefined) {
    ctx.report(item.at, `\`auth\` cannot be ${describe(item.node)}`, `use one of ${accepted}`);
    return undefined;
  }
  const suggestion = AUTH_ALIASES[mode] ?? suggestKey(mode, AUTH_MODES);
  ctx.report(item.at, `unknown auth \`${written}\`${suggestion ? ` — did you mean \`${suggestion}\`?` : ''}`, `use one of ${accepted}`);
  return undefined;
}

/** `query:` — parameter name → value; numbers and booleans become their text. */
export function parseQuery(item: Item, ctx: Ctx): Record<string, string> | undefined {
  return parseStringMap(item, ctx, 'query');
}

/** `headers:` — like `query`, plus valid header names, no line breaks, no two names differing only in case. */
export function parseHeaders(item: Item, ctx: Ctx): Record<string, string> | undefined {
  const seen = new Map<string, string>();
  return parseStringMap(item, ctx, 'headers', (entry, value) => {
    if (!isHeaderName(entry.key)) {
      ctx.report(entry.keyAt, `\`${entry.key}\` is not a valid header name`, 'use letters, digits and `-` (e.g. `x-request-id`)');
    }
    if (/[\r\n]/.test(value)) {
      ctx.report(
        entry.at,
        `header \`${entry.key}\` has a line break in its value`,
        'write the value on one line (a plain or quoted string, not a block `|`)',
      );
    } else if (!isSendableHeaderValue(value)) {
      // the value is not repeated: headers may hold credentials
      ctx.report(
        entry.at,
        `header \`${entry.key}\` has a character that cannot be sent in a header (a control character or a non-ASCII letter)`,
        'write the value in printable ASCII; percent-encode or Base64-encode other text, as the API expects it',
      );
    }
    const first = seen.get(entry.key.toLowerCase());
    if (first !== undefined) {
      ctx.report(
        entry.keyAt,
        `header \`${entry.key}\` is set twice (also as \`${first}\`)`,
        'header names are case-insensitive: keep one of them',
      );
    }
    seen.set(entry.key.toLowerCase(), entry.key);
  });
}

function parseStringMap(
  item: Item,
  ctx: Ctx,
  what: 'query' | 'headers',
  check?: (entry: Entry, value: string) => void,
): Record<string, string> | undefined {
  if (!isMap(item.node)) {
    ctx.report(
      item.at,
      `\`${what}\` must be a mapping of names to values, not ${describe(item.node, what === 'query')}`,
      `write e.g. \`${what}: ${what === 'query' ? '{ page: "1" }' : '{ accept: application/json }'}\``,
    );
    return undefined;
  }
  const before = ctx.problems.length;
  const values: Record<string, string> = {};
  for (const entry of entriesOf(item.node, ctx, item.at)) {
    const text = scalarText(entry.node);
    if (text !== undefined) {
      check?.(entry, text);
      values[entry.key] = text;
    } else if (isMap(entry.node) || isSeq(entry.node)) {
      ctx.report(
        entry.at,
        `\`${what}.${entry.key}\` is ${describe(entry.node)}; values must be strings, numbers or booleans`,
        'write a single value: lists and nested mappings are not supported',
      );
    } else {
      ctx.report(entry.at, `\`${what}.${entry.key}\` has no value`, `write \`${entry.key}: ""\` for an empty value, or remove it`);
    }
  }
  return ctx.problems.length === before ? values : undefined;
}

/** Later (route) headers replace earlier (defaults) ones, names compared case-insensitively. */
export function mergeHeaders(base: Record<string, string>, override: Record<string, string>): Record<string, string> {
  const merged = { ...base };
  for (const [name, value] of Object.entries(override)) {
    for (const existing of Object.keys(merged)) {
      if (existing.toLowerCase() === name.toLowerCase()) delete merged[existing];
    }
    merged[name] = value;
  }
  return merged;
}

export interface Body {
  body: string;
  contentType?: string;
}

/** A mapping or list is sent as JSON; a string as it is. */
export function parseBody(item: Item, ctx: Ctx): Body | undefined {
  const { node } = item;
  if (isMap(node) || isSeq(node)) return { body: JSON.stringify(ctx.toJS(node)), contentType: 'application/json' };
  if (isScalar(node) && typeof node.value === 'string') return { body: node.value };
  ctx.report(
    item.at,
    `\`body\` cannot be ${describe(node)}`,
    'write a mapping or list (sent as JSON) or a string (sent as is; quote it, e.g. `body: "42"`)',
  );
  return undefined;
}
