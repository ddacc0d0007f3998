// Route a request to a resource+method pair of a deployment, as measured on real API Gateway:
// - literal segments beat `{param}`, which beats `{proxy+}` (greedy: one or more segments);
// - the exact resource wins when it declares the verb or ANY;
// - otherwise (no methods, only OPTIONS, other verbs) the most specific `{proxy+}` that matches
//   and serves the verb (or ANY) takes the request;
// - `{proxy+}` never matches the root, which needs its own method;
// - nothing serves the pair: Missing Authentication Token.
// Matching is case-sensitive. REST APIs ignore one trailing slash (`/users/` reaches `/users`,
// `/prod/` the root), so one is dropped before matching; an empty segment (`/users//1`) never matches.
import type { MethodModel, ResourcesModel } from '../model.ts';

type Segment = { kind: 'literal'; value: string } | { kind: 'param' } | { kind: 'greedy' };

export interface RouteMatch {
  /** the resource path template, e.g. "/users/{id}" */
  resourcePath: string;
  /** the method key that serves the request: the verb itself or "ANY" */
  methodKey: string;
  method: MethodModel;
  /** every method the resource declares (for CORS preflights) */
  resourceMethods: Record<string, MethodModel>;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** "/users/42/" → ["users", "42"]; "/" and "" → [] (the root). */
export function requestSegments(pathAfterStage: string): string[] {
  let path = pathAfterStage.replace(/^\//, '');
  if (path.endsWith('/')) path = path.slice(0, -1);
  return path === '' ? [] : path.split('/').map(decodeSegment);
}

// A deployment's resources are frozen once deployed, so each is indexed once, as a trie of
// template segments: a request visits the few resources that could match it instead of
// comparing itself with all of them (10,000 in the bench).
interface Compiled {
  resourcePath: string;
  template: Segment[];
}
interface TrieNode {
  literal: Map<string, TrieNode>;
  param?: TrieNode;
  /** templates whose greedy segment sits here: they take one or more remaining segments */
  greedy: Compiled[];
  /** templates that end here */
  end: Compiled[];
}
const newNode = (): TrieNode => ({ literal: new Map(), greedy: [], end: [] });
const indexes = new WeakMap<ResourcesModel, TrieNode>();

function indexOf(resources: ResourcesModel): TrieNode {
  let root = indexes.get(resources);
  if (root) return root;
  root = newNode();
  for (const resourcePath of Object.keys(resources)) {
    const compiled = { resourcePath, template: parseTemplate(resourcePath) };
    let node = root;
    let greedy = false;
    for (const segment of compiled.template) {
      if (segment.kind === 'greedy') {
        node.greedy.push(compiled);
        greedy = true;
        break;
      }
      let next = segment.kind === 'param' ? node.param : node.literal.get(segment.value);
      if (!next) {
        next = newNode();
        if (segment.kind === 'param') node.param = next;
        else node.literal.set(segment.value, next);
      }
      node = next;
    }
    if (!greedy) node.end.push(compiled);
  }
  indexes.set(resources, root);
  return root;
}

/** Every resource that could match `segments`; `matches` still decides. */
function candidatesFor(resources: ResourcesModel, segments: string[]): Compiled[] {
  const found: Compiled[] = [];
  const visit = (node: TrieNode, i: number): void => {
    if (i === segments.length) {
      found.push(...node.end);
      return;
    }
    const segment = segments[i];
    if (segment === undefined || segment === '') return; // an empty segment never matches
    found.push(...node.greedy);
    const literal = node.literal.get(segment);
    if (literal) visit(literal, i + 1);
    if (node.param) visit(node.param, i + 1);
  };
  visit(indexOf(resources), 0);
  return found;
}

function parseTemplate(resourcePath: string): Segment[] {
  return resourcePath
    .split('/')
    .filter((s) => s !== '')
    .map((s): Segment => {
      if (/^\{[^{}]+\+\}$/.test(s)) return { kind: 'greedy' };
      if (/^\{[^{}]+\}$/.test(s)) return { kind: 'param' };
      return { kind: 'literal', value: s };
    });
}

function matches(template: Segment[], request: string[]): boolean {
  for (const [i, segment] of template.entries()) {
    const value = request[i];
    if (value === undefined || value === '') return false;
    if (segment.kind === 'greedy') return true; // it is the last segment and took at least one
    if (segment.kind === 'literal' && segment.value !== value) return false;
  }
  return template.length === request.length;
}

const RANK = { literal: 0, param: 1, greedy: 2 } as const;

/** Negative when `a` is more specific than `b`: compared segment by segment, then the longer wins. */
function bySpecificity(a: Segment[], b: Segment[]): number {
  for (const [i, segment] of a.entries()) {
    const other = b[i];
    if (other === undefined) break;
    const diff = RANK[segment.kind] - RANK[other.kind];
    if (diff !== 0) return diff;
  }
  return b.length - a.length;
}

/** The method that serves `verb` on a resource: the verb's own, else ANY. */
function serving(methods: Record<string, MethodModel>, verb: string): { methodKey: string; method: MethodModel } | undefined {
  const own = methods[verb];
  if (own) return { methodKey: verb, method: own };
  const any = methods.ANY;
  if (any) return { methodKey: 'ANY', method: any };
  return undefined;
}

/** The resource+method that serves `verb` on `segments`, or undefined (→ MAT). */
export function matchRoute(resources: ResourcesModel, verb: string, segments: string[]): RouteMatch | undefined {
  const candidates = candidatesFor(resources, segments)
    .filter((c) => matches(c.template, segments))
    .map((c) => ({ ...c, methods: resources[c.resourcePath] ?? {} }))
    .sort((a, b) => bySpecificity(a.template, b.template));

  const found = (c: (typeof candidates)[number], served: { methodKey: string; method: MethodModel }): RouteMatch => ({
    resourcePath: c.resourcePath,
    methodKey: served.methodKey,
    method: served.method,
    resourceMethods: c.methods,
  });

  const exact = candidates.find((c) => !c.template.some((s) => s.kind === 'greedy'));
  const exactServed = exact && serving(exact.methods, verb);
  if (exact && exactServed) return found(exact, exactServed);

  for (const proxy of candidates.filter((c) => c.template.some((s) => s.kind === 'greedy'))) {
    const served = serving(proxy.methods, verb);
    if (served) return found(proxy, served);
  }
  return undefined;
}
