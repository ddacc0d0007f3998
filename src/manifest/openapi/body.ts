// The request body an operation is checked with: the override's, else the document's example
// (OpenAPI 3 `requestBody` content, Swagger 2 `in: body` parameter).

import { isMap, isSeq } from 'yaml';
import type { Body } from '../fields.ts';
import type { Item } from '../parse.ts';
import { BODYLESS_METHODS } from '../route-line.ts';
import type { Doc } from './doc.ts';
import { child, entries, items, plain, resolve, text } from './doc.ts';
import { mediaExample } from './examples.ts';
import type { DocumentContext, Operation } from './operation.ts';
import type { Override } from './override.ts';

/** The override's body, else the document's example body (OpenAPI 3 `requestBody`, Swagger 2 `in: body`). */
export function bodyOf(op: Operation, parameters: Item[], override: Override, c: DocumentContext): Body | undefined {
  const bodyless = BODYLESS_METHODS.includes(op.verb);
  if (override.body) {
    if (!bodyless) return override.body;
    c.doc.ctx.report(
      override.bodyAt?.keyAt ?? op.keyAt,
      `a ${op.verb} request carries no body`,
      'remove `body`, or put it on the operation of a verb that takes one (POST, PUT, PATCH, DELETE)',
    );
    return undefined;
  }
  if (bodyless) return undefined;
  if (c.flavour === 'swagger2') {
    const parameter = parameters.find((p) => text(child(p, 'in', c.doc)) === 'body');
    const example = parameter ? mediaExample(parameter, c.doc) : undefined;
    if (!example) return undefined;
    const consumes = items(child(op.node, 'consumes', c.doc) ?? c.consumes, c.doc).flatMap((i) => text(i) ?? []);
    return bodyText(example, pickMediaType(consumes) ?? 'application/json', c.doc);
  }
  const requestBody = resolve(child(op.node, 'requestBody', c.doc), c.doc);
  const content = entries(child(requestBody, 'content', c.doc), c.doc);
  const type = pickMediaType(content.map((e) => e.key));
  const media = content.find((e) => e.key === type);
  const example = media ? mediaExample(media, c.doc) : undefined;
  return example && type ? bodyText(example, type, c.doc) : undefined;
}

/** JSON first, as API Gateway's own default; then the first one declared. */
function pickMediaType(types: string[]): string | undefined {
  return types.find((t) => t.toLowerCase() === 'application/json') ?? types.find((t) => /json/i.test(t)) ?? types[0];
}

function bodyText(example: Item, mediaType: string, doc: Doc): Body {
  const contentType = mediaType.includes('*') ? {} : { contentType: mediaType };
  if (isMap(example.node) || isSeq(example.node)) return { body: JSON.stringify(plain(example, doc)), ...contentType };
  const value = plain(example, doc);
  // a JSON media type's example is a JSON value: a string example is sent as the JSON string
  if (/json/i.test(mediaType) && typeof value === 'string' && !looksLikeJson(value)) return { body: JSON.stringify(value), ...contentType };
  return { body: typeof value === 'string' ? value : JSON.stringify(value), ...contentType };
}

function looksLikeJson(value: string): boolean {
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}
