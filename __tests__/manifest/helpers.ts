// Builders for expected parser output, so each table row states only what differs.

import type { RouteSpec } from '../../src/types.ts';
import { EXPECT_2XX, routeSpec } from '../support/route.ts';

export const FILE = '.github/apigw-routes.yml';

export { EXPECT_2XX };

/** A RouteSpec with the parser's defaults for everything not given. */
export function route(line: string, at: [number, number], extra: Partial<RouteSpec> = {}, file = FILE): RouteSpec {
  return routeSpec(line, { file, line: at[0], column: at[1] }, extra);
}

/** Manifest text from lines, so that line numbers in the tables are easy to count. */
export function yaml(...lines: string[]): string {
  return lines.join('\n') + '\n';
}
