// The request body an operation is checked with: the override's, else the document's example
// (OpenAPI 3 `requestBody` content, Swagger 2 `in: body` parameter).

import { isMap, isSeq } from 'yaml';
import type { Body } from '../fields.ts';
import type { SourceLocation } from '../../types.ts';
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
    const consumes = items(child(op.node, 'consumes', c.doc) ?? c.consumes, c.doc).flatMap((i) => {
      const type = text(i);
      return type === undefined ? [] : [{ type, at: i.at }];
    });
    return bodyText(example, pickMediaType(consumes) ?? { type: 'application/json', at: example.at }, c.doc);
  }
  const requestBody = resolve(child(op.node, 'requestBody', c.doc), c.doc);
  const content = entries(child(requestBody, 'content', c.doc), c.doc);
  const media = pickMediaType(content.map((e) => ({ type: e.key, at: e.keyAt, entry: e })));
  const example = media ? mediaExample(media.entry, c.doc) : undefined;
  return example && media ? bodyText(example, media, c.doc) : undefined;
}

interface MediaType {
  type: string;
  at: SourceLocation;
}

/** JSON first, as API Gateway's own default; then the first one declared. */
function pickMediaType<T extends MediaType>(types: T[]): T | undefined {
  return types.find((t) => t.type.toLowerCase() === 'application/json') ?? types.find((t) => /json/i.test(t.type)) ?? types[0];
}

/** `type/subtype` and parameters, as a content-type header can carry it. */
const MEDIA_TYPE = /^[\w!#$&^.+*-]+\/[\w!#$&^.+*-]+(\s*;[\t\x20-\x7e]*)?$/;

function bodyText(example: Item, media: MediaType, doc: Doc): Body | undefined {
  if (!MEDIA_TYPE.test(media.type)) {
    // it would be sent as the content-type header: nothing else may ride along
    doc.ctx.report(media.at, 'this media type cannot be sent as a content-type header', 'write a media type such as `application/json`');
    return undefined;
  }
  const contentType = media.type.includes('*') ? {} : { contentType: media.type };
  if (isMap(example.node) || isSeq(example.node)) return { body: JSON.stringify(plain(example, doc)), ...contentType };
  const value = plain(example, doc);
  // a JSON media type's example is a JSON value: a string example is sent as the JSON string
  if (/json/i.test(media.type) && typeof value === 'string' && !looksLikeJson(value))
    return { body: JSON.stringify(value), ...contentType };
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
