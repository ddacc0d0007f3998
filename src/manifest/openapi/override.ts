// `x-apigw-route-verify:` on an operation: the manifest's route keys, checked by the manifest's
// own validators, for what the document cannot say (a value to send, another expectation, a skip).

import { isMap, isScalar } from 'yaml';
import type { AuthMode, CorsSpec, ExpectSpec } from '../../types.ts';
import { parseCors } from '../cors.ts';
import { parseExpect } from '../expect.ts';
import type { Body } from '../fields.ts';
import { parseAuth, parseBody, parseHeaders, parseQuery } from '../fields.ts';
import type { Ctx, Entry } from '../parse.ts';
import { describe, entriesOf } from '../parse.ts';
import { parseNegative } from '../route.ts';

export const OVERRIDE_KEY = 'x-apigw-route-verify';
const OVERRIDE_KEYS = ['params', 'query', 'headers', 'body', 'expect', 'auth', 'cors', 'negative', 'skip'] as const;

export interface Override {
  skip: boolean;
  /** checked against the path's parameters by the caller */
  params: Entry[];
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: Body;
  bodyAt?: Entry;
  expect?: ExpectSpec;
  auth?: AuthMode;
  cors?: CorsSpec;
  corsAt?: Entry;
  negative?: boolean;
}

export const NO_OVERRIDE: Override = { skip: false, params: [] };

/** Problems go to `ctx`; what could be read is returned. */
export function parseOverride(entry: Entry | undefined, ctx: Ctx): Override {
  if (!entry) return NO_OVERRIDE;
  if (!isMap(entry.node)) {
    ctx.report(
      entry.at,
      `\`${OVERRIDE_KEY}\` must be a mapping, not ${describe(entry.node)}`,
      `write e.g. \`${OVERRIDE_KEY}: { expect: 404, params: { id: "42" } }\``,
    );
    return NO_OVERRIDE;
  }
  const override: Override = { skip: false, params: [] };
  for (const field of entriesOf(entry.node, ctx, entry.at, { keys: OVERRIDE_KEYS, where: `\`${OVERRIDE_KEY}\`` })) {
    const set = <K extends keyof Override>(key: K, value: Override[K] | undefined) => {
      if (value !== undefined) override[key] = value;
    };
    switch (field.key) {
      case 'skip':
        if (isScalar(field.node) && typeof field.node.value === 'boolean') override.skip = field.node.value;
        else
          ctx.report(
            field.at,
            `\`skip\` cannot be ${describe(field.node)}`,
            'write `skip: true` to leave this operation out, or remove the key',
          );
        break;
      case 'params':
        if (isMap(field.node)) override.params = entriesOf(field.node, ctx, field.at);
        else ctx.report(field.at, `\`params\` must be a mapping, not ${describe(field.node)}`, 'write e.g. `params: { id: "42" }`');
        break;
      case 'query':
        set('query', parseQuery(field, ctx));
        break;
      case 'headers':
        set('headers', parseHeaders(field, ctx));
        break;
      case 'body':
        set('body', parseBody(field, ctx));
        override.bodyAt = field;
        break;
      case 'expect':
        set('expect', parseExpect(field, ctx));
        break;
      case 'auth':
        set('auth', parseAuth(field, ctx));
        break;
      case 'cors':
        set('cors', parseCors(field, ctx));
        override.corsAt = field;
        break;
      case 'negative':
        set('negative', parseNegative(field, ctx));
        break;
    }
  }
  return override;
}
