// `routes: deployed`: the routes are the methods the stage's deployment serves (GetDeployment
// with its API summary), each sent once with placeholder path values and judged `reachable` —
// "the gateway routed and authorized it", whatever the backend makes of a placeholder.
import { METHODS } from '../manifest/route-line.ts';
import type { ExpectSpec, MethodTable, RouteSpec } from '../types.ts';

/** The value every path parameter gets, `{proxy+}` included (one segment). Documented in docs/local-runs.md. */
export const PATH_PLACEHOLDER = 'smoke';

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The `routes` input value that selects this source. */
export const DEPLOYED_ROUTES = 'deployed';

export const REACHABLE: ExpectSpec = { codes: [], classes: [], reachable: true, text: 'reachable' };

/** The verbs an ANY method is tried with, in order: the first the resource has no method of its own for. */
const ANY_STAND_INS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** One deployed method as a request: the verb sent (ANY becomes a concrete one) and its resource path. */
export interface DeployedMethod {
  /** the verb sent */
  method: string;
  path: string;
  /** the verb deployed: differs from `method` for ANY */
  deployedVerb: string;
}

/**
 * Every deployed method, sorted by path then verb. An ANY method is sent as the first of
 * GET, POST, PUT, PATCH, DELETE its resource has no method of its own for (that one tests the
 * ANY, not its sibling); one whose resource has all of them is left out, they cover it.
 * OPTIONS methods are kept: a CORS preflight method is a route the stage serves too.
 */
export function deployedMethods(table: MethodTable): DeployedMethod[] {
  const methods: DeployedMethod[] = [];
  for (const path of Object.keys(table).sort(byCodePoint)) {
    const verbs = Object.keys(table[path] ?? {}).map((v) => v.toUpperCase());
    for (const verb of [...verbs].sort(byVerb)) {
      if (verb !== 'ANY') {
        if ((METHODS as readonly string[]).includes(verb)) methods.push({ method: verb, path, deployedVerb: verb });
        continue;
      }
      const standIn = ANY_STAND_INS.find((v) => !verbs.includes(v));
      if (standIn) methods.push({ method: standIn, path, deployedVerb: 'ANY' });
    }
  }
  return methods;
}

/** GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, then ANY: the order people list them in. */
function byVerb(a: string, b: string): number {
  const rank = (v: string) => {
    const i = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'ANY'].indexOf(v);
    return i < 0 ? 99 : i;
  };
  return rank(a) - rank(b) || byCodePoint(a, b);
}

/** `{id}` and `{proxy+}` of a resource path, without braces and `+`. */
export function pathParams(path: string): { name: string; greedy: boolean }[] {
  return [...path.matchAll(/\{([^{}/]+?)(\+?)\}/g)].map(([, name = '', plus]) => ({ name, greedy: plus === '+' }));
}

/**
 * The routes of a deployment. `file` is what checks name as their source: empty, since no file
 * declares them — annotations then carry no file; `line` is the route's place in this list
 * (1-based), stable for one deployment, so shards and their merge agree on it.
 */
export function routesOfDeployment(table: MethodTable, file = ''): RouteSpec[] {
  return deployedMethods(table).map(({ method, path }, index) => ({
    route: `${method} ${path}`,
    method,
    path,
    params: Object.fromEntries(pathParams(path).map((p) => [p.name, PATH_PLACEHOLDER])),
    query: {},
    headers: {},
    expect: REACHABLE,
    // what the deployed method asks of a caller, as a manifest's `auth: auto` does
    auth: 'auto',
    source: { file, line: index + 1, column: 1 },
  }));
}
