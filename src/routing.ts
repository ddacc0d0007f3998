// API Gateway's routing model, used to explain what the gateway did with a request
// (DESIGN.md §7): the resource+method pair decides. Literal segments beat {param},
// which beats {proxy+}; a resource without the verb falls through to the most specific
// {proxy+} ancestor that serves it; {proxy+} never matches "/". Only then: MAT.
import type { MethodInfo, MethodTable, RouteSpec } from './types.ts';

export interface ServedBy {
  /** resource path template, "/users/{id}" */
  resourcePath: string;
  /** the method key that serves the request: the verb itself or "ANY" */
  verb: string;
  method: MethodInfo;
  via: 'exact' | 'proxy';
}

/** Path segments. REST APIs route "/users/" like "/users", so empty segments are dropped. */
export function segments(path: string): string[] {
  return path.split('/').filter(Boolean);
}

const isParam = (seg: string) => seg.startsWith('{') && seg.endsWith('}') && !seg.endsWith('+}');
const isProxy = (seg: string) => seg.startsWith('{') && seg.endsWith('+}');

/**
 * Tie-break between equally good matches, so the answer does not depend on the order the
 * control plane lists resources in: the one whose left-most differing segment is literal.
 */
function literalFirst(a: string, b: string): number {
  const [sa, sb] = [segments(a), segments(b)];
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    const [va, vb] = [isParam(sa[i]) || isProxy(sa[i]), isParam(sb[i]) || isProxy(sb[i])];
    if (va !== vb) return va ? 1 : -1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The path with every {param} replaced by its value: the path the gateway sees. */
export function concretePath(template: string, params: Record<string, string>): string {
  return template.replace(/\{([^}/+]+)\+?\}/g, (whole, name: string) => params[name] ?? whole);
}

/**
 * The non-proxy resource that matches `path` segment by segment (literal first, then
 * {param}, backtracking), or undefined. `path` may itself be a template: a {param}
 * segment in it matches a {param} segment of any name.
 */
export function findResource(table: MethodTable, path: string): string | undefined {
  const want = segments(path);
  const candidates = Object.keys(table).filter((p) => !segments(p).some(isProxy) && segments(p).length === want.length);
  const score = (resource: string): number | undefined => {
    const have = segments(resource);
    let literal = 0;
    for (let i = 0; i < want.length; i++) {
      if (have[i] === want[i]) literal += 1;
      else if (!isParam(have[i])) return undefined;
    }
    return literal;
  };
  let best: string | undefined;
  let bestScore = -1;
  for (const resource of candidates) {
    const s = score(resource);
    if (s !== undefined && (s > bestScore || (s === bestScore && best !== undefined && literalFirst(resource, best) < 0))) {
      best = resource;
      bestScore = s;
    }
  }
  return best;
}

/** {proxy+} resources whose prefix matches `path` (one or more segments left for the proxy), most specific first. */
export function findProxies(table: MethodTable, path: string): string[] {
  const want = segments(path);
  return Object.keys(table)
    .filter((resource) => {
      const have = segments(resource);
      if (have.length === 0 || !isProxy(have[have.length - 1])) return false;
      const prefix = have.slice(0, -1);
      if (want.length <= prefix.length) return false; // the proxy needs at least one segment
      return prefix.every((seg, i) => seg === want[i] || isParam(seg));
    })
    .sort((a, b) => segments(b).length - segments(a).length || literalFirst(a, b));
}

function methodFor(table: MethodTable, resource: string, verb: string): [string, MethodInfo] | undefined {
  const methods = table[resource] ?? {};
  if (methods[verb]) return [verb, methods[verb]];
  if (methods.ANY) return ['ANY', methods.ANY];
  return undefined;
}

/** What serves `verb path` in this table, or undefined when the gateway would answer MAT. */
export function servedBy(table: MethodTable, verb: string, path: string): ServedBy | undefined {
  const exact = findResource(table, path);
  if (exact) {
    const hit = methodFor(table, exact, verb);
    if (hit) return { resourcePath: exact, verb: hit[0], method: hit[1], via: 'exact' };
  }
  for (const proxy of findProxies(table, path)) {
    const hit = methodFor(table, proxy, verb);
    if (hit) return { resourcePath: proxy, verb: hit[0], method: hit[1], via: 'proxy' };
  }
  return undefined;
}

/** Verbs declared on a resource, without the CORS preflight, sorted. */
export function verbsOf(table: MethodTable, resource: string): string[] {
  return Object.keys(table[resource] ?? {}).filter((v) => v !== 'OPTIONS').sort();
}

/** What serves a manifest route: its verb on its path with the parameters filled in. */
export function servedRoute(table: MethodTable, route: Pick<RouteSpec, 'method' | 'path' | 'params'>): ServedBy | undefined {
  return servedBy(table, route.method.toUpperCase(), concretePath(route.path, route.params));
}
