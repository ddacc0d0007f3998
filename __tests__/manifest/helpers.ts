// Builders for expected parser output, so each table row states only what differs.

import type { ExpectSpec, RouteSpec } from '../../src/types.ts';

export const FILE = '.github/apigw-routes.yml';

export const EXPECT_2XX: ExpectSpec = { codes: [], classes: [2], reachable: false, text: '2xx' };

/** A RouteSpec with the parser's defaults for everything not given. */
export function route(line: string, at: [number, number], extra: Partial<RouteSpec> = {}, file = FILE): RouteSpec {
  const [method, path] = line.split(' ');
  return {
    route: line,
    method,
    path,
    params: {},
    query: {},
    headers: {},
    expect: EXPECT_2XX,
    auth: 'auto',
    source: { file, line: at[0], column: at[1] },
    ...extra,
  };
}

/** Manifest text from lines, so that line numbers in the tables are easy to count. */
export function yaml(...lines: string[]): string {
  return lines.join('\n') + '\n';
}
