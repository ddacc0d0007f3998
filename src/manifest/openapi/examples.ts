// Where a parameter's or a body's example value is found (docs/openapi.md#examples).

import { isMap, isSeq } from 'yaml';
import type { Item } from '../parse.ts';
import type { Doc } from './doc.ts';
import { child, entries, items, resolve } from './doc.ts';

/**
 * The places a parameter's value is looked for, first found wins: what the author wrote as an
 * example beats a default, which beats the first allowed value. `x-example` is Swagger 2's
 * common extension (its parameters have no `example`); OpenAPI 3 puts them under `schema`.
 */
export const PARAMETER_EXAMPLE_ORDER = [
  'example',
  'x-example',
  'examples',
  'schema.example',
  'schema.examples',
  'default',
  'schema.default',
  'enum',
  'schema.enum',
] as const;

/** The example value of a (resolved) parameter object, or undefined. */
export function parameterExample(parameter: Item, doc: Doc): Item | undefined {
  const schema = resolve(child(parameter, 'schema', doc), doc);
  for (const place of PARAMETER_EXAMPLE_ORDER) {
    const [holder, key] = place.startsWith('schema.') ? [schema, place.slice('schema.'.length)] : [parameter, place];
    const found = child(holder, key, doc);
    if (!found?.node) continue;
    const value = key === 'examples' || key === 'enum' ? firstExample(found, doc) : found;
    if (value?.node) return value;
  }
  return undefined;
}

/**
 * The first of `examples`: OpenAPI 3 writes a mapping of named Example objects (`value`),
 * JSON Schema a list of values; `enum` is a list.
 */
function firstExample(examples: Item, doc: Doc): Item | undefined {
  if (isSeq(examples.node)) return items(examples, doc)[0];
  if (isMap(examples.node)) {
    const first = resolve(entries(examples, doc)[0], doc);
    return child(first, 'value', doc);
  }
  return undefined;
}

/** A media type object's example: `example`, the first of `examples`, then the schema's. */
export function mediaExample(media: Item, doc: Doc): Item | undefined {
  const own = child(media, 'example', doc) ?? child(media, 'x-example', doc);
  if (own?.node) return own;
  const examples = child(media, 'examples', doc);
  const first = examples ? firstExample(examples, doc) : undefined;
  if (first?.node) return first;
  const schema = resolve(child(media, 'schema', doc), doc);
  const fromSchema = child(schema, 'example', doc);
  if (fromSchema?.node) return fromSchema;
  const schemaExamples = child(schema, 'examples', doc);
  return schemaExamples ? firstExample(schemaExamples, doc) : undefined;
}
