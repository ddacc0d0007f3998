// Open doors beside locked ones, read from the deployed table alone. API Gateway routes on the
// resource+method pair, so protecting `POST /admin` protects that pair only: `GET /admin` goes
// to whatever serves it, and an `ANY` method or a `{proxy+}` ancestor with weaker protection
// serves it. Shared by the probe (which proves each pair with one unsigned request) and the
// auth-bypass-via-proxy finding (which names them).
import { authOfMethod } from './authorizers.ts';
import { concretePath, servedBy, servedRoute } from './routing.ts';
import type { MethodInfo, MethodTable, ResolvedAuth, RouteSpec, SourceLocation } from './types.ts';

/** Verbs tried beside a protected route; OPTIONS is left out (a CORS preflight is open by design). */
export const BYPASS_VERBS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
/** The segment appended to a protected path to try the same verb beneath it. */
export const BYPASS_CHILD_SEGMENT = 'apigw-route-verify-probe';

export interface BypassPair {
  /** the declared route whose method is protected */
  route: RouteSpec;
  /** "AWS_IAM", "AWS_IAM + API key"… the protection the declared route's method has */
  guarded: { method: string; auth: ResolvedAuth; authorizationType: string; apiKeyRequired: boolean };
  /** the less protected method that serves `verbs` on `path` */
  open: { method: string; auth: ResolvedAuth; authorizationType: string; apiKeyRequired: boolean };
  /** `verb`: other verbs on the same path; `child`: the same verb on a path beneath it */
  kind: 'verb' | 'child';
  verbs: string[];
  /**
   * the verb that proves the pair: HEAD when the open method serves it (ANY does), so the proof
   * changes nothing on the backend; otherwise the first open verb
   */
  probeVerb: string;
  /** the concrete path the verbs are served on (parameters filled in) */
  path: string;
  source: SourceLocation;
}

const authenticates = (a: ResolvedAuth) => a.startsWith('iam') || a.startsWith('token');
const needsKey = (a: ResolvedAuth) => a.endsWith('api-key');

/** `open` lacks a layer `guarded` has: a caller check (SigV4 or an authorizer), or an API key. */
export function lessProtected(guarded: ResolvedAuth, open: ResolvedAuth): boolean {
  return (authenticates(guarded) && !authenticates(open)) || (needsKey(guarded) && !needsKey(open));
}

function describe(method: string, info: MethodInfo) {
  return { method, auth: authOfMethod(info), authorizationType: info.authorizationType, apiKeyRequired: info.apiKeyRequired };
}

/**
 * Every declared route whose deployed method is protected, paired with the less protected
 * `ANY` or `{proxy+}` method that serves other verbs on its path, or its verb beneath it.
 * One pair per (route, open method, kind); routes with `negative: false` are left out.
 */
export function bypassPairs(table: MethodTable, routes: readonly RouteSpec[]): BypassPair[] {
  const pairs: BypassPair[] = [];
  for (const route of routes) {
    if (route.negative === false || route.method === 'OPTIONS') continue;
    const served = servedRoute(table, route);
    if (!served) continue;
    const guarded = describe(`${served.verb} ${served.resourcePath}`, served.method);
    if (guarded.auth === 'none') continue;
    const path = concretePath(route.path, route.params);
    const add = (kind: BypassPair['kind'], verb: string, at: string) => {
      const by = servedBy(table, verb, at);
      // only what an ANY method or a proxy serves: a method of its own is a route someone declared on purpose
      if (!by || (by.verb !== 'ANY' && by.via !== 'proxy')) return;
      const open = describe(`${by.verb} ${by.resourcePath}`, by.method);
      if (open.method === guarded.method || !lessProtected(guarded.auth, open.auth)) return;
      const key = `${route.route}\u0000${open.method}\u0000${kind}`;
      const existing = pairs.find((p) => `${p.route.route}\u0000${p.open.method}\u0000${p.kind}` === key);
      if (existing) {
        if (!existing.verbs.includes(verb)) existing.verbs.push(verb);
        return;
      }
      const head = servedBy(table, 'HEAD', at);
      const probeVerb = head && `${head.verb} ${head.resourcePath}` === open.method ? 'HEAD' : verb;
      pairs.push({ route, guarded, open, kind, verbs: [verb], probeVerb, path: at, source: route.source });
    };
    for (const verb of BYPASS_VERBS) if (verb !== route.method) add('verb', verb, path);
    add('child', route.method, `${path.replace(/\/+$/, '')}/${BYPASS_CHILD_SEGMENT}`);
  }
  // The same open method beside and beneath one route is one door: the other verbs name it.
  return pairs.filter(
    (p) => p.kind === 'verb' || !pairs.some((q) => q.kind === 'verb' && q.route === p.route && q.open.method === p.open.method),
  );
}

/** "GET /admin", "GET, PUT /admin": what a pair's open method serves. */
export function pairRequests(pair: BypassPair): string {
  return `${pair.verbs.join(', ')} ${pair.path}`;
}
