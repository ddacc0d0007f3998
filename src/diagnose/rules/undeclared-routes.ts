// Methods the stage serves that no manifest route covers: nothing proves they answer (or
// that they should exist at all). A method is covered (docs/diagnoses.md#undeclared-routes)
// by the same verb on the same resource path; an ANY method, by any verb declared on its
// resource; a {proxy+} resource, by any declared route served through it. OPTIONS
// preflights never count.
import { findResource, segments, servedRoute } from '../../routing.ts';
import type { MethodTable, RouteSpec } from '../../types.ts';
import { byCodePoint, isProxyResource, listForMessage } from '../paths.ts';
import type { Rule } from '../rule.ts';

export default {
  meta: {
    code: 'undeclared-routes',
    title: 'Deployed routes not in the manifest',
    severity: 'notice',
    scope: ['stage'],
    tier: 'routing',
    priority: 100,
    findingGroup: 'notice',
  },
  stage(run) {
    const deployed = run.snapshot.deployed;
    if (!deployed) return null;
    const routes = undeclaredRoutes(deployed, run.manifest.routes);
    if (routes.length === 0) return null;
    const one = routes.length === 1;
    const methods = one ? 'a method' : `${routes.length} methods`;
    const it = one ? 'it' : 'them';
    // An OpenAPI document the API was imported from and a stage that serves more: one of the two is stale.
    const fix = run.manifest.openApi
      ? `Add ${it} to ${run.manifest.file} as operations (if the API is imported from it, the document is older than the deployment), or remove ${it} from the API.`
      : `Declare ${it} in the manifest, or remove ${it} from the API.`;
    return {
      message:
        `Stage ${run.snapshot.stage} serves ${methods} that ${run.manifest.file} does not declare, so no check proves ${one ? 'it answers' : 'they answer'}: ` +
        `${listForMessage(routes)}. ${fix}`,
      evidence: { routes, count: routes.length },
    };
  },
} satisfies Rule;

/** "VERB /resource" of every deployed method no manifest route covers, sorted by path, then verb. */
export function undeclaredRoutes(deployed: MethodTable, declaredRoutes: readonly RouteSpec[]): string[] {
  const verbsOn = new Map<string, Set<string>>();
  const proxiesUsed = new Set<string>();
  const proxyByShape = proxiesByShape(deployed);
  for (const route of declaredRoutes) {
    const verb = route.method.toUpperCase();
    // The resource the route is written against: its template matches {param}s of any name.
    const resource = findResource(deployed, route.path) ?? (isProxyResource(route.path) ? proxyByShape.get(shape(route.path)) : undefined);
    if (resource) {
      if (!verbsOn.has(resource)) verbsOn.set(resource, new Set());
      verbsOn.get(resource)?.add(verb);
    }
    const served = servedRoute(deployed, route);
    if (served?.via === 'proxy') proxiesUsed.add(served.resourcePath);
  }

  const undeclared: string[] = [];
  for (const resource of Object.keys(deployed).sort(byCodePoint)) {
    if (proxiesUsed.has(resource)) continue;
    const declared = verbsOn.get(resource);
    for (const verb of Object.keys(deployed[resource] ?? {}).sort()) {
      if (verb === 'OPTIONS') continue;
      const covered = verb === 'ANY' ? (declared?.size ?? 0) > 0 : (declared?.has(verb) ?? false);
      if (!covered) undeclared.push(`${verb} ${resource}`);
    }
  }
  return undeclared;
}

/** "/files/{proxy+}" → "files/{+}": a {param} or {proxy+} of any name. */
const shape = (path: string) =>
  segments(path)
    .map((s) => (s.startsWith('{') ? (s.endsWith('+}') ? '{+}' : '{}') : s))
    .join('/');

/** A route written against a proxy resource itself ("GET /files/{proxy+}") names the deployed proxy with the same shape (the first listed). */
function proxiesByShape(deployed: MethodTable): Map<string, string> {
  const byShape = new Map<string, string>();
  for (const resource of Object.keys(deployed)) {
    if (isProxyResource(resource) && !byShape.has(shape(resource))) byShape.set(shape(resource), resource);
  }
  return byShape;
}
