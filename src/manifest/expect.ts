// `expect:` → ExpectSpec. Accepted: 201, [201, 409], "2xx" … "5xx", a list mixing codes and
// classes, or "reachable".

import { isScalar, isSeq } from 'yaml';
import type { ExpectSpec } from '../types.ts';
import type { Ctx, Item } from './parse.ts';
import { describe, itemsOf, scalarText } from './parse.ts';

export const DEFAULT_EXPECT: ExpectSpec = { codes: [], classes: [2], reachable: false, text: '2xx' };

export const EXPECT_FORMS =
  'write a status code (`expect: 200`), a list (`expect: [201, 409]`), a class (`2xx`, `3xx`, `4xx`, `5xx`, also inside a list) or `reachable`';

type Term = { code: number; text: string } | { class: number; text: string };

export function parseExpect(item: Item, ctx: Ctx): ExpectSpec | undefined {
  const { node } = item;
  if (isSeq(node)) {
    const entries = itemsOf(node, ctx, item.at);
    if (entries.length === 0) {
      ctx.report(item.at, '`expect` is an empty list', EXPECT_FORMS);
      return undefined;
    }
    const terms: Term[] = [];
    let valid = true;
    for (const entry of entries) {
      if (scalarText(entry.node)?.trim().toLowerCase() === 'reachable') {
        ctx.report(
          entry.at,
          '`reachable` cannot be part of a list',
          'write `expect: reachable` on its own: it already accepts every status the backend answers',
        );
        valid = false;
        continue;
      }
      const term = parseTerm(entry, ctx);
      if (term) terms.push(term);
      else valid = false;
    }
    if (!valid) return undefined;
    return {
      codes: unique(terms.flatMap((t) => ('code' in t ? [t.code] : []))),
      classes: unique(terms.flatMap((t) => ('class' in t ? [t.class] : []))),
      reachable: false,
      text: `[${terms.map((t) => t.text).join(', ')}]`,
    };
  }
  if (isScalar(node) && scalarText(node)?.trim().toLowerCase() === 'reachable') {
    return { codes: [], classes: [], reachable: true, text: 'reachable' };
  }
  const term = parseTerm(item, ctx);
  if (!term) return undefined;
  return 'code' in term
    ? { codes: [term.code], classes: [], reachable: false, text: term.text }
    : { codes: [], classes: [term.class], reachable: false, text: term.text };
}

function parseTerm(item: Item, ctx: Ctx): Term | undefined {
  const { node } = item;
  const written =
    isScalar(node) && (typeof node.value === 'number' || typeof node.value === 'string') ? scalarText(node)?.trim() : undefined;
  if (written !== undefined) {
    const lower = written.toLowerCase();
    const statusClass = /^([2-5])xx$/.exec(lower);
    if (statusClass) return { class: Number(statusClass[1]), text: lower };
    // a quoted "201" means the same as 201
    if (/^\d+$/.test(written)) {
      const code = Number(written);
      if (code >= 100 && code <= 599) return { code, text: String(code) };
      ctx.report(item.at, `\`expect\` value ${written} is not an HTTP status code (100–599)`, EXPECT_FORMS);
      return undefined;
    }
    ctx.report(item.at, `\`expect\` value \`${written}\` is not a status code, a status class or \`reachable\``, EXPECT_FORMS);
    return undefined;
  }
  ctx.report(item.at, `\`expect\` cannot be ${describe(node)}`, EXPECT_FORMS);
  return undefined;
}

function unique(numbers: number[]): number[] {
  return [...new Set(numbers)];
}
