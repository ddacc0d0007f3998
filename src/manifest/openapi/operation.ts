// One operation (a path × verb of the document) → one RouteSpec, as if the manifest declared it.

import type { AuthMode, RouteSpec, SourceLocation } from '../../types.ts';
import { mergeHeaders } from '../fields.ts';
import type { Entry, Item } from '../parse.ts';
import type { PathParam } from '../route-line.ts';
import type { RouteDefaults } from '../route.ts';
import type { Flavour } from './detect.ts';
import type { Doc } from './doc.ts';
import { child, resolve, text } from './doc.ts';
import { bodyOf } from './body.ts';
import { parametersOf, pathParams, valuesOf } from './parameters.ts';
import { OVERRIDE_KEY, parseOverride } from './override.ts';
import { expectOf } from './responses.ts';
import type { Scheme } from './security.ts';
import { authOf } from './security.ts';

/** What the whole document gives every operation. */
export interface DocumentContext {
  doc: Doc;
  flavour: Flavour;
  schemes: Map<string, Scheme>;
  /** the top-level `security`, for operations without their own */
  security: Entry | undefined;
  /** Swagger 2's top-level `consumes` */
  consumes: Item | undefined;
  /** the document-level `x-apigw-route-verify` (the manifest's `defaults:` keys) */
  defaults: RouteDefaults;
}

export interface Operation {
  /** the verb sent: the operation's own, or the one chosen for `x-amazon-apigateway-any-method` */
  verb: string;
  path: string;
  params: PathParam[];
  /** the path key, where a problem of the path is shown */
  pathAt: SourceLocation;
  /** the operation key (`get:`), the route's source line */
  keyAt: SourceLocation;
  node: Item;
  /** the path item's own `parameters`, shared by its operations */
  pathParameters: Item | undefined;
}

/** Headers the action sets from its credentials: a document's required `Authorization` is not a value to invent. */
const CREDENTIAL_HEADERS = ['authorization', 'x-api-key', 'x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256'];

/** The route, 'skipped' (`x-apigw-route-verify: { skip: true }`), or undefined after a problem. */
export function routeOf(op: Operation, c: DocumentContext): RouteSpec | 'skipped' | undefined {
  const { ctx } = c.doc;
  const before = ctx.problems.length;
  const override = parseOverride(child(op.node, OVERRIDE_KEY, c.doc), ctx);
  if (override.skip) return 'skipped';
  const parameters = parametersOf(op, c.doc);
  const where = `\`${op.verb} ${op.path}\``;

  const params = pathParams(op, parameters, override, c.doc, where);
  const givenQuery = { ...c.defaults.query, ...override.query };
  const query = { ...valuesOf('query', parameters, givenQuery, c.doc, where), ...givenQuery };
  const authHeaders = new Set([
    ...CREDENTIAL_HEADERS,
    ...[...c.schemes.values()].flatMap((s) => (s.header ? [s.header.toLowerCase()] : [])),
  ]);
  const headerParameters = parameters.filter((p) => !authHeaders.has((text(child(p, 'name', c.doc)) ?? '').toLowerCase()));
  const given = mergeHeaders(c.defaults.headers, override.headers ?? {});
  const headers = mergeHeaders(valuesOf('header', headerParameters, given, c.doc, where), given);
  const body = bodyOf(op, parameters, override, c);
  const cors = override.cors && op.verb !== 'OPTIONS' ? undefined : override.cors;
  if (override.cors && !cors && override.corsAt) {
    ctx.report(
      override.corsAt.keyAt,
      `\`cors\` describes a CORS preflight, an OPTIONS request, but this operation is ${where}`,
      `put \`cors:\` on the \`options\` operation of \`${op.path}\``,
    );
  }
  const security = child(op.node, 'security', c.doc) ?? c.security;
  const declared = authOf(security, c.schemes, c.doc); // also reports a scheme the document does not define
  const auth: AuthMode = override.auth ?? (cors ? 'none' : (c.defaults.auth ?? declared));
  const expect = override.expect ?? c.defaults.expect ?? expectOf(resolve(child(op.node, 'responses', c.doc), c.doc), c.doc);
  if (ctx.problems.length > before) return undefined;

  const spec: RouteSpec = {
    route: `${op.verb} ${op.path}`,
    method: op.verb,
    path: op.path,
    params,
    query,
    headers,
    expect,
    auth,
    source: op.keyAt,
  };
  if (body) {
    spec.body = body.body;
    if (body.contentType) spec.bodyContentType = body.contentType;
  }
  if (cors) spec.cors = cors;
  if (override.negative === false) spec.negative = false;
  return spec;
}
