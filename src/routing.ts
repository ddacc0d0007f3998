// API Gateway's routing model, used to explain what the gateway did with a request
// (measured on real API Gateway): the resource+method pair decides. Literal segments beat {param},
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

export const isParam = (seg: string | undefined): boolean =>
  seg !== undefined && seg.startsWith('{') && seg.endsWith('}') && !seg.endsWith('+}');
export const isProxy = (seg: string | undefined): boolean => seg !== undefined && seg.startsWith('{') && seg.endsWith('+}');
const isVariable = (seg: string | undefined): boolean => isParam(seg) || isProxy(seg);

/**
 * A segment trie over a table's resource paths, built once per table: routing a path walks
 * it segment by segment, so the cost depends on the path, not on the number of resources.
 */
interface TrieNode {
  /** every child by its segment as written (literal, {param} or {proxy+}) */
  children: Map<string, TrieNode>;
  /** the {param} children, which match any value */
  params: TrieNode[];
  /** the {proxy+} children, which match one or more remaining segments */
  proxies: TrieNode[];
  /** table keys spelling exactly this path ("/users" and "/users/" share a node) */
  resources: string[];
  /** some segment on the way here is a {proxy+} */
  viaProxy: boolean;
}

/** A resource with what the tie-break compares, precomputed. */
interface Ranked {
  resource: string;
  /** one flag per segment: true where it is {param} or {proxy+} */
  variable: boolean[];
}

const newNode = (viaProxy: boolean): TrieNode => ({ children: new Map(), params: [], proxies: [], resources: [], viaProxy });

// Resources are listed once by the control plane; their tables are not changed afterwards.
const indexes = new WeakMap<MethodTable, { root: TrieNode; ranked: Map<string, Ranked> }>();

function indexOf(table: MethodTable): { root: TrieNode; ranked: Map<string, Ranked> } {
  let index = indexes.get(table);
  if (index) return index;
  const root = newNode(false);
  const ranked = new Map<string, Ranked>();
  for (const resource of Object.keys(table)) {
    const segs = segments(resource);
    let node = root;
    for (const seg of segs) {
      let child = node.children.get(seg);
      if (!child) {
        child = newNode(node.viaProxy || isProxy(seg));
        node.children.set(seg, child);
        if (isParam(seg)) node.params.push(child);
        else if (isProxy(seg)) node.proxies.push(child);
      }
      node = child;
    }
    node.resources.push(resource);
    ranked.set(resource, { resource, variable: segs.map(isVariable) });
  }
  index = { root, ranked };
  indexes.set(table, index);
  return index;
}

/**
 * Tie-break between equally good matches, so the answer does not depend on the order the
 * control plane lists resources in: the one whose left-most differing segment is literal.
 */
function literalFirst(a: Ranked, b: Ranked): number {
  for (let i = 0; i < Math.min(a.variable.length, b.variable.length); i++) {
    if (a.variable[i] !== b.variable[i]) return a.variable[i] ? 1 : -1;
  }
  return a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0;
}

/** The path with every {param} replaced by its value: the path the gateway sees. */
export function concretePath(template: string, params: Record<string, string>): string {
  return template.replace(/\{([^}/+]+)\+?\}/g, (whole, name: string) => params[name] ?? whole);
}

/**
 * The non-proxy resource that matches `path` segment by segment, or undefined: the one with
 * the most literal segments in common, ties broken by literalFirst. `path` may itself be a
 * template: a {param} segment in it matches a {param} segment of any name.
 */
export function findResource(table: MethodTable, path: string): string | undefined {
  const { root, ranked } = indexOf(table);
  const want = segments(path);
  let best: Ranked | undefined;
  let bestScore = -1;
  const visit = (node: TrieNode, depth: number, literal: number): void => {
    if (node.viaProxy) return;
    if (depth === want.length) {
      for (const resource of node.resources) {
        const candidate = ranked.get(resource) as Ranked;
        if (literal > bestScore || (literal === bestScore && best !== undefined && literalFirst(candidate, best) < 0)) {
          best = candidate;
          bestScore = literal;
        }
      }
      return;
    }
    const segment = want[depth];
    const same = segment === undefined ? undefined : node.children.get(segment);
    if (same) visit(same, depth + 1, literal + 1);
    for (const param of node.params) if (param !== same) visit(param, depth + 1, literal);
  };
  visit(root, 0, 0);
  return (best as Ranked | undefined)?.resource;
}

/** {proxy+} resources whose prefix matches `path` (one or more segments left for the proxy), most specific first. */
export function findProxies(table: MethodTable, path: string): string[] {
  const { root, ranked } = indexOf(table);
  const want = segments(path);
  const found: Ranked[] = [];
  const visit = (node: TrieNode, depth: number): void => {
    if (depth === want.length) return; // the proxy needs at least one segment
    for (const proxy of node.proxies) for (const resource of proxy.resources) found.push(ranked.get(resource) as Ranked);
    const segment = want[depth];
    const same = segment === undefined ? undefined : node.children.get(segment);
    if (same) visit(same, depth + 1);
    for (const param of node.params) if (param !== same) visit(param, depth + 1);
  };
  visit(root, 0);
  return found.sort((a, b) => b.variable.length - a.variable.length || literalFirst(a, b)).map((r) => r.resource);
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
  return Object.keys(table[resource] ?? {})
    .filter((v) => v !== 'OPTIONS')
    .sort();
}

/** What serves a manifest route: its verb on its path with the parameters filled in. */
export function servedRoute(table: MethodTable, route: Pick<RouteSpec, 'method' | 'path' | 'params'>): ServedBy | undefined {
  return servedBy(table, route.method.toUpperCase(), concretePath(route.path, route.params));
}
