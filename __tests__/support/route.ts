// The one RouteSpec builder the unit tests share: what the manifest stage hands over for
// "METHOD /path" with every default applied; each test overrides only what it is about.
import type { ExpectSpec, RouteSpec } from '../../src/types.ts';

export const MANIFEST_FILE = '.github/apigw-routes.yml';
export const EXPECT_2XX: ExpectSpec = { codes: [], classes: [2], reachable: false, text: '2xx' };

export function routeSpec(spec: string, source: RouteSpec['source'], extra: Partial<RouteSpec> = {}): RouteSpec {
  const [method, path] = spec.split(' ');
  if (method === undefined || path === undefined) throw new Error(`routeSpec(): "${spec}" is not "METHOD /path"`);
  return { route: spec, method, path, params: {}, query: {}, headers: {}, expect: EXPECT_2XX, auth: 'auto', source, ...extra };
}
