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

// Parsed once per resource path: the emulator routes every request against every resource
// (as a plain model of the gateway should), so the per-request work stays a comparison.
const templates = new Map<string, Segment[]>();

function templateSegments(resourcePath: string): Segment[] {
  let template = templates.get(resourcePath);
  if (!template) {
    template = parseTemplate(resourcePath);
    templates.set(resourcePath, template);
  }
  return template;
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
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const diff = RANK[a[i].kind] - RANK[b[i].kind];
    if (diff !== 0) return diff;
  }
  return b.length - a.length;
}

function serving(methods: Record<string, MethodModel>, verb: string): string | undefined {
  if (methods[verb]) return verb;
  if (methods.ANY) return 'ANY';
  return undefined;
}

/** The resource+method that serves `verb` on `segments`, or undefined (→ MAT). */
export function matchRoute(resources: ResourcesModel, verb: string, segments: string[]): RouteMatch | undefined {
  const candidates: { resourcePath: string; methods: Record<string, MethodModel>; template: Segment[] }[] = [];
  for (const resourcePath in resources) {
    const template = templateSegments(resourcePath);
    if (matches(template, segments)) candidates.push({ resourcePath, methods: resources[resourcePath], template });
  }
  candidates.sort((a, b) => bySpecificity(a.template, b.template));

  const found = (c: (typeof candidates)[number], methodKey: string): RouteMatch => ({
    resourcePath: c.resourcePath,
    methodKey,
    method: c.methods[methodKey],
    resourceMethods: c.methods,
  });

  const exact = candidates.find((c) => !c.template.some((s) => s.kind === 'greedy'));
  const exactKey = exact && serving(exact.methods, verb);
  if (exact && exactKey) return found(exact, exactKey);

  for (const proxy of candidates.filter((c) => c.template.some((s) => s.kind === 'greedy'))) {
    const key = serving(proxy.methods, verb);
    if (key) return found(proxy, key);
  }
  return undefined;
}
