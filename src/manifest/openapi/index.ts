// An OpenAPI 3 / Swagger 2 document as the routes source (docs/openapi.md): every path × verb
// becomes a route, as the manifest would declare it, with the operation key's line as its source.

import { isMap } from 'yaml';
import type { InputProblem, Manifest } from '../../types.ts';
import type { Ctx, Entry, Item } from '../parse.ts';
import type { RouteDefaults } from '../route.ts';
import { NO_DEFAULTS, parseDefaults } from '../route.ts';
import { describe } from '../parse.ts';
import { parsePathTemplate } from '../route-line.ts';
import type { Detected } from './detect.ts';
import type { Doc } from './doc.ts';
import { child, entries, resolve } from './doc.ts';
import type { DocumentContext, Operation } from './operation.ts';
import { routeOf } from './operation.ts';
import { OVERRIDE_KEY } from './override.ts';
import { readSchemes } from './security.ts';

export { detectOpenApi } from './detect.ts';

/** Operation keys of a path item → the verb API Gateway gives the method. */
const OPERATION_KEYS: Record<string, string> = {
  get: 'GET',
  put: 'PUT',
  post: 'POST',
  delete: 'DELETE',
  options: 'OPTIONS',
  head: 'HEAD',
  patch: 'PATCH',
  'x-amazon-apigateway-any-method': 'ANY',
};

/**
 * What a check of an ANY method sends: the first of these its path declares no method for, so
 * that the request reaches the ANY method and not a sibling (GET unless the path has a GET).
 */
export const ANY_VERBS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Problems are reported to `ctx`; the manifest is returned only when there are none. */
export function parseOpenApi(
  root: Item,
  detected: Detected,
  ctx: Ctx,
  maxRoutes: number,
): { manifest: Manifest | null; problems: InputProblem[] } {
  const doc: Doc = { ctx, root };
  const paths = child(root, 'paths', doc);
  const fail = () => ({ manifest: null, problems: ctx.problems });
  if (!paths?.node || !entries(paths, doc).length) {
    ctx.report(
      paths?.at ?? detected.at,
      'the OpenAPI document has no `paths`',
      'declare at least one path with an operation, e.g. `paths: { /health: { get: { responses: { "200": { description: ok } } } } }`',
    );
    return fail();
  }
  const operations = operationsOf(paths, doc);
  if (operations.length > maxRoutes) {
    ctx.report(
      paths.keyAt,
      `the OpenAPI document declares ${operations.length} operations; at most ${maxRoutes} are checked in one run`,
      `leave operations out with \`x-apigw-route-verify: { skip: true }\`, or split the document, one per API or service`,
    );
    return fail();
  }
  const context: DocumentContext = {
    doc,
    flavour: detected.flavour,
    schemes: readSchemes(doc, detected.flavour),
    security: child(root, 'security', doc),
    consumes: child(root, 'consumes', doc),
    defaults: documentDefaults(child(root, OVERRIDE_KEY, doc), ctx),
  };
  const routes = [];
  let skipped = 0;
  for (const op of operations) {
    const route = routeOf(op, context);
    if (route === 'skipped') skipped++;
    else if (route) routes.push(route);
  }
  if (ctx.problems.length > 0) return fail();
  if (routes.length === 0) {
    ctx.report(
      paths.keyAt,
      skipped > 0
        ? `every operation of the OpenAPI document is skipped (${skipped})`
        : 'the OpenAPI document has no operations under `paths`',
      'keep at least one operation (`get`, `post` …) without `x-apigw-route-verify: { skip: true }`',
    );
    return fail();
  }
  return { manifest: { file: ctx.file, api: {}, apiSource: {}, routes, openApi: true }, problems: [] };
}

/** The document-level `x-apigw-route-verify`: the manifest's `defaults:` keys, read by its own parser. */
function documentDefaults(entry: Entry | undefined, ctx: Ctx): RouteDefaults {
  return entry ? parseDefaults(entry, ctx, OVERRIDE_KEY) : NO_DEFAULTS;
}

/** Every path × operation in document order; a path API Gateway could not have is reported at its key. */
function operationsOf(paths: Item, doc: Doc): Operation[] {
  const operations: Operation[] = [];
  for (const pathEntry of entries(paths, doc)) {
    if (pathEntry.key.startsWith('x-')) continue; // an extension of the Paths object, not a path
    const template = parsePathTemplate(pathEntry.key);
    if (template.value === undefined) {
      for (const complaint of template.complaints) doc.ctx.report(pathEntry.keyAt, complaint.message, complaint.fix);
      continue;
    }
    const pathItem = resolve(pathEntry, doc);
    if (!pathItem) continue;
    const verbs = entries(pathItem, doc).flatMap((e) => {
      const verb = OPERATION_KEYS[e.key];
      return verb ? [{ verb, entry: e }] : [];
    });
    const taken = new Set(verbs.map((v) => v.verb));
    for (const { verb, entry } of verbs) {
      // an ANY method every verb of which has its own method is reached by none of them
      const sent = verb === 'ANY' ? ANY_VERBS.find((v) => !taken.has(v)) : verb;
      if (!sent) continue;
      const node = resolve(entry, doc);
      if (!node) continue;
      if (!isMap(node.node)) {
        doc.ctx.report(
          entry.at,
          `operation \`${entry.key}\` of \`${pathEntry.key}\` must be a mapping, not ${describe(node.node)}`,
          'write e.g. `get: { responses: { "200": { description: ok } } }`',
        );
        continue;
      }
      operations.push({
        verb: sent,
        path: pathEntry.key,
        params: template.value,
        pathAt: pathEntry.keyAt,
        keyAt: entry.keyAt,
        node,
        pathParameters: child(pathItem, 'parameters', doc),
      });
    }
  }
  return operations;
}
