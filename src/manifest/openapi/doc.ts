// Reading an OpenAPI document's nodes by key, with their source positions, and following its
// local `$ref`s. Everything else in this folder reads the document through these helpers.

import { isMap, isSeq } from 'yaml';
import type { Node, YAMLMap } from 'yaml';
import type { SourceLocation } from '../../types.ts';
import type { Ctx, Entry, Item } from '../parse.ts';
import { itemsOf, scalarText, stringValue } from '../parse.ts';

/** A `$ref` chain longer than this is a loop, or no document anyone wrote. */
const MAX_REF_HOPS = 32;

export interface Doc {
  ctx: Ctx;
  root: Item;
}

interface Indexed {
  list: Entry[];
  byKey: Map<string, Entry>;
}

/** Each mapping is indexed once: operations look up the same components thousands of times. */
const indexes = new WeakMap<YAMLMap, Indexed>();

/**
 * The entries of a mapping, or none when `item` is no mapping. Keys that are no plain value are
 * left out: nothing this action reads has such a key. The first of two equal keys wins (the YAML
 * parser already refuses duplicates).
 */
export function entries(item: Item | undefined, doc: Doc): Entry[] {
  return indexed(item, doc)?.list ?? [];
}

/** The value of `key` in a mapping, with where it was written. */
export function child(item: Item | undefined, key: string, doc: Doc): Entry | undefined {
  return indexed(item, doc)?.byKey.get(key);
}

function indexed(item: Item | undefined, doc: Doc): Indexed | undefined {
  if (!item || !isMap(item.node)) return undefined;
  const map = item.node;
  const known = indexes.get(map);
  if (known) return known;
  const index: Indexed = { list: [], byKey: new Map() };
  for (const pair of map.items) {
    const key = scalarText(doc.ctx.deref(pair.key));
    if (key === undefined) continue;
    const keyAt = doc.ctx.locate(pair.key as Node, item.at);
    const entry = { key, keyAt, node: doc.ctx.deref(pair.value), at: doc.ctx.locate(pair.value as Node, keyAt) };
    index.list.push(entry);
    if (!index.byKey.has(key)) index.byKey.set(key, entry);
  }
  indexes.set(map, index);
  return index;
}

/** The items of a list, or none when `item` is no list. */
export function items(item: Item | undefined, doc: Doc): Item[] {
  return item && isSeq(item.node) ? itemsOf(item.node, doc.ctx, item.at) : [];
}

export function text(item: Item | undefined): string | undefined {
  return item ? stringValue(item.node) : undefined;
}

/** Strings, numbers and booleans as written (`007` stays `007`). */
export function scalar(item: Item | undefined): string | undefined {
  return item && !isMap(item.node) && !isSeq(item.node) ? scalarText(item.node) : undefined;
}

/**
 * The node a `{ $ref: "#/…" }` points at (followed until it is no reference), or the item itself.
 * An external or broken reference is reported once, at the `$ref`, and gives undefined.
 */
export function resolve(item: Item | undefined, doc: Doc): Item | undefined {
  let current = item;
  for (let hop = 0; current && isMap(current.node); hop++) {
    const ref = child(current, '$ref', doc);
    if (!ref) return current;
    const target = text(ref);
    if (hop >= MAX_REF_HOPS) {
      doc.ctx.report(
        ref.at,
        `\`$ref\` chain longer than ${MAX_REF_HOPS} references (a loop?)`,
        'point the `$ref` at the definition itself',
      );
      return undefined;
    }
    if (target === undefined || !target.startsWith('#/')) {
      doc.ctx.report(
        ref.at,
        `\`$ref\` ${target === undefined ? 'is not a string' : `\`${target}\` points outside this file`}; only references inside the file (\`#/…\`) are read`,
        'bundle the definition into one file (e.g. `npx @redocly/cli bundle`) and point `routes` at the bundled file',
      );
      return undefined;
    }
    current = pointer(target, ref.at, doc);
  }
  return current;
}

/** `#/components/parameters/Id` → that node, or a problem at `at`. */
function pointer(target: string, at: SourceLocation, doc: Doc): Item | undefined {
  let current: Item | undefined = doc.root;
  for (const raw of target.slice(2).split('/')) {
    const key = decodeURIComponentSafe(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    current = isSeq(current?.node) && /^\d+$/.test(key) ? items(current, doc)[Number(key)] : child(current, key, doc);
    if (!current) break;
  }
  if (!current?.node) {
    doc.ctx.report(at, `\`$ref\` \`${target}\` points at nothing in this file`, 'fix the reference, or add the definition it names');
    return undefined;
  }
  return current;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The plain JS value of a node (for bodies and examples). */
export function plain(item: Item, doc: Doc): unknown {
  return item.node ? doc.ctx.toJS(item.node as Node) : null;
}
