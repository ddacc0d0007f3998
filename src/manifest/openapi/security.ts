// An operation's `security` → the manifest's `auth` mode (docs/openapi.md#auth).
//
// A REST API method has one authorization type and one "API key required" flag, so API Gateway
// cannot keep OpenAPI's OR of requirements: every scheme an operation names counts, as if
// AND-ed. An API key scheme anywhere adds `+api-key`; the first IAM or authorizer scheme is the type.

import { isSeq } from 'yaml';
import type { AuthMode } from '../../types.ts';
import { describe } from '../parse.ts';
import type { Entry, Item } from '../parse.ts';
import type { Flavour } from './detect.ts';
import type { Doc } from './doc.ts';
import { child, entries, items, resolve, text } from './doc.ts';

export type SchemeKind = 'iam' | 'api-key' | 'token' | 'other';

export interface Scheme {
  kind: SchemeKind;
  /** the header the credential travels in, when the scheme names one (never sent from the document) */
  header?: string;
}

const SIGV4 = ['awssigv4', 'sigv4'];
const AUTHORIZER_TYPES = ['token', 'request', 'cognito_user_pools'];

/** `components.securitySchemes` (OpenAPI 3) or `securityDefinitions` (Swagger 2), by name. */
export function readSchemes(doc: Doc, flavour: Flavour): Map<string, Scheme> {
  const holder =
    flavour === 'openapi3'
      ? child(child(doc.root, 'components', doc), 'securitySchemes', doc)
      : child(doc.root, 'securityDefinitions', doc);
  const schemes = new Map<string, Scheme>();
  for (const entry of entries(holder, doc)) {
    const scheme = resolve(entry, doc);
    if (scheme) schemes.set(entry.key, schemeOf(entry.key, scheme, doc));
  }
  return schemes;
}

function schemeOf(name: string, scheme: Item, doc: Doc): Scheme {
  const authType = text(child(scheme, 'x-amazon-apigateway-authtype', doc))?.toLowerCase();
  const authorizer = child(scheme, 'x-amazon-apigateway-authorizer', doc);
  const inHeader = text(child(scheme, 'in', doc))?.toLowerCase() === 'header';
  const headerName = text(child(scheme, 'name', doc));
  const header = inHeader && headerName ? { header: headerName } : {};
  if (authType && SIGV4.includes(authType)) return { kind: 'iam', ...header };
  if (authorizer) {
    const type = text(child(authorizer, 'type', doc))?.toLowerCase() ?? 'token';
    return { kind: AUTHORIZER_TYPES.includes(type) ? 'token' : 'other', ...header };
  }
  if (authType === 'cognito_user_pools' || authType === 'custom') return { kind: 'token', ...header };
  const isApiKey = text(child(scheme, 'type', doc)) === 'apiKey';
  if (isApiKey && (name === 'api_key' || headerName?.toLowerCase() === 'x-api-key')) return { kind: 'api-key', header: 'x-api-key' };
  return { kind: 'other', ...header };
}

/**
 * The auth of an operation: its own `security` (an empty list means none), else the document's.
 * A scheme no definition names is reported at its requirement.
 */
export function authOf(security: Entry | undefined, schemes: Map<string, Scheme>, doc: Doc): AuthMode {
  if (!security) return 'none';
  if (security.node && !isSeq(security.node)) {
    doc.ctx.report(
      security.at,
      `\`security\` must be a list of requirements, not ${describe(security.node)}`,
      'write e.g. `security: [{ api_key: [] }]`, or `security: []` for none',
    );
    return 'none';
  }
  let apiKey = false;
  let type: 'iam' | 'token' | undefined;
  let other = false;
  for (const requirement of items(security, doc)) {
    for (const named of entries(requirement, doc)) {
      const scheme = schemes.get(named.key);
      if (!scheme) {
        const where = schemes.size > 0 ? `; the file defines ${[...schemes.keys()].map((k) => `\`${k}\``).join(', ')}` : '';
        doc.ctx.report(
          named.keyAt,
          `security scheme \`${named.key}\` is not defined${where}`,
          'define it under `components.securitySchemes` (OpenAPI 3) or `securityDefinitions` (Swagger 2), or fix the name',
        );
        continue;
      }
      if (scheme.kind === 'api-key') apiKey = true;
      else if (scheme.kind === 'other') other = true;
      else type ??= scheme.kind;
    }
  }
  if (type) return apiKey ? `${type}+api-key` : type;
  // a scheme API Gateway does not enforce by itself (OAuth 2, HTTP basic …): the deployed method decides
  if (other) return 'auto';
  return apiKey ? 'api-key' : 'none';
}
