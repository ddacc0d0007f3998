// Is the file at `routes` an OpenAPI document? Its top level says so: `openapi: 3.x` or `swagger: "2.0"`.

import { isMap } from 'yaml';
import type { Node } from 'yaml';
import type { SourceLocation } from '../../types.ts';
import type { Ctx, Item } from '../parse.ts';
import { scalarText } from '../parse.ts';

export type Flavour = 'openapi3' | 'swagger2';

export interface Detected {
  flavour: Flavour;
  /** the version as written, e.g. "3.0.1" */
  version: string;
  at: SourceLocation;
}

/**
 * The document's flavour, undefined for a routes manifest (no `openapi` or `swagger` key), or
 * 'unsupported' (reported to `ctx`) for a version this action does not read.
 */
export function detectOpenApi(root: Item, ctx: Ctx): Detected | 'unsupported' | undefined {
  if (!isMap(root.node)) return undefined;
  for (const pair of root.node.items) {
    const key = scalarText(ctx.deref(pair.key));
    if (key !== 'openapi' && key !== 'swagger') continue;
    const at = ctx.locate(pair.value as Node, ctx.locate(pair.key as Node, root.at));
    // `openapi: 3.0` unquoted is the number 3, written "3.0": scalarText keeps what was written
    const version = scalarText(ctx.deref(pair.value))?.trim() ?? '';
    if (key === 'openapi' && /^3\.\d+(\.\d+)?$/.test(version)) return { flavour: 'openapi3', version, at };
    if (key === 'swagger' && /^2\.0$/.test(version)) return { flavour: 'swagger2', version, at };
    ctx.report(
      at,
      `\`${key}: ${version || '…'}\` is not a version this action reads (OpenAPI 3.x or Swagger 2.0)`,
      key === 'openapi'
        ? 'write `openapi: 3.0.1` (3.0 and 3.1 are read), or convert the file to OpenAPI 3'
        : 'write `swagger: "2.0"`, the only Swagger version',
    );
    return 'unsupported';
  }
  return undefined;
}
