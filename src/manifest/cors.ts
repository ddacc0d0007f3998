// `cors:` → the preflight a browser would send: Origin, Access-Control-Request-Method and -Headers.

import { isMap, isSeq } from 'yaml';
import type { CorsSpec } from '../types.ts';
import type { Ctx, Entry, Item } from './parse.ts';
import { describe, entriesOf, itemsOf, stringValue } from './parse.ts';
import { isHeaderName } from './fields.ts';
import { parseMethod } from './route-line.ts';

const CORS_KEYS = ['origin', 'method', 'headers'] as const;
const EXAMPLE = '`cors: { origin: https://app.example.com, method: POST }`';

export function parseCors(item: Item, ctx: Ctx): CorsSpec | undefined {
  if (!isMap(item.node)) {
    ctx.report(item.at, `\`cors\` must be a mapping, not ${describe(item.node)}`, `write ${EXAMPLE}`);
    return undefined;
  }
  const before = ctx.problems.length;
  const entries = entriesOf(item.node, ctx, item.at, { keys: CORS_KEYS, where: '`cors`' });
  const find = (key: string): Entry | undefined => entries.find((e) => e.key === key);

  const originEntry = find('origin');
  const methodEntry = find('method');
  const headersEntry = find('headers');
  const origin = originEntry ? parseOrigin(originEntry, ctx) : missing(ctx, item, 'origin');
  const method = methodEntry ? parsePreflightMethod(methodEntry, ctx) : missing(ctx, item, 'method');
  const headers = headersEntry ? parseHeaderList(headersEntry, ctx) : [];

  if (ctx.problems.length > before || origin === undefined || method === undefined || headers === undefined) return undefined;
  return { origin, method, headers };
}

function missing(ctx: Ctx, item: Item, key: 'origin' | 'method'): undefined {
  ctx.report(item.at, `\`cors\` has no \`${key}\``, `write ${EXAMPLE}`);
  return undefined;
}

/** `scheme://host[:port]`, exactly what a browser puts in the Origin header. */
function parseOrigin(entry: Entry, ctx: Ctx): string | undefined {
  const origin = stringValue(entry.node)?.trim();
  const fix = "write the page's origin: scheme, host and optional port, nothing else (e.g. `https://app.example.com`)";
  if (origin === undefined) {
    ctx.report(entry.at, `\`cors.origin\` cannot be ${describe(entry.node)}`, fix);
    return undefined;
  }
  let url: URL | undefined;
  try {
    url = new URL(origin);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol) || !/^[a-z][a-z0-9+.-]*:\/\/[^/?#@\s]+$/i.test(origin)) {
    ctx.report(entry.at, `\`cors.origin\` \`${origin}\` is not an origin (\`scheme://host[:port]\`)`, fix);
    return undefined;
  }
  // The Origin header is ASCII: browsers send an internationalised host in its punycode form.
  if (!/^[\x21-\x7e]+$/.test(origin)) {
    ctx.report(
      entry.at,
      `\`cors.origin\` \`${origin}\` is not ASCII, so it cannot be sent as the Origin header`,
      `write \`${url.origin}\`, the form a browser sends`,
    );
    return undefined;
  }
  return origin;
}

function parsePreflightMethod(entry: Entry, ctx: Ctx): string | undefined {
  const token = stringValue(entry.node)?.trim();
  if (token === undefined) {
    ctx.report(
      entry.at,
      `\`cors.method\` cannot be ${describe(entry.node)}`,
      'write the verb the browser will send after the preflight, e.g. `method: POST`',
    );
    return undefined;
  }
  const method = parseMethod(token);
  for (const complaint of method.complaints) ctx.report(entry.at, `\`cors.method\`: ${complaint.message}`, complaint.fix);
  return method.value;
}

/** A list of header names, or one comma-separated string as in Access-Control-Request-Headers. */
function parseHeaderList(entry: Entry, ctx: Ctx): string[] | undefined {
  const written: { name: string | undefined; at: Item['at']; node: Item['node'] }[] = [];
  const single = stringValue(entry.node);
  if (single !== undefined) {
    for (const name of single.split(',')) written.push({ name: name.trim(), at: entry.at, node: entry.node });
    if (single.trim() === '') return [];
  } else if (isSeq(entry.node)) {
    for (const item of itemsOf(entry.node, ctx, entry.at))
      written.push({ name: stringValue(item.node)?.trim(), at: item.at, node: item.node });
  } else {
    ctx.report(
      entry.at,
      `\`cors.headers\` cannot be ${describe(entry.node)}`,
      'write a list of header names, e.g. `headers: [content-type, authorization]`',
    );
    return undefined;
  }
  const names: string[] = [];
  let valid = true;
  for (const { name, at, node } of written) {
    if (name === undefined || !isHeaderName(name)) {
      const shown = name === undefined ? describe(node) : `\`${name}\``;
      ctx.report(
        at,
        `\`cors.headers\`: ${shown} is not a header name`,
        'write header names only, e.g. `headers: [content-type, authorization]`',
      );
      valid = false;
    } else {
      names.push(name);
    }
  }
  return valid ? names : undefined;
}
