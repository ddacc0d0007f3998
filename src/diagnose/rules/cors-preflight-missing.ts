// A browser's CORS preflight (OPTIONS) reached a resource that has no OPTIONS method, and
// neither ANY nor a {proxy+} answers OPTIONS there: the gateway answers MAT and the browser
// never sends the real request.
import { findProxies } from '../../routing.ts';
import { listForMessage, resourceAt } from '../paths.ts';
import { redeployCommand, routeMiss } from '../predicates.ts';
import type { Rule } from '../rule.ts';

export default {
  meta: {
    code: 'cors-preflight-missing',
    title: 'CORS preflight has no OPTIONS method',
    severity: 'error',
    scope: ['check'],
    tier: 'routing',
    priority: 50,
  },
  check(e) {
    const { check, snapshot } = e;
    if (!check.route.cors && e.request.verb !== 'OPTIONS') return null;
    const miss = routeMiss(e);
    if (!miss) return null;
    // The resource the preflight falls on: the path's own, else the proxy that serves the path.
    const resource = resourceAt(miss.deployed, miss.path)?.resourcePath ?? findProxies(miss.deployed, miss.path)[0];
    if (!resource) return null; // no such resource at all: resource-not-found explains it
    const methods = Object.keys(miss.deployed[resource] ?? {}).sort();
    const actual = check.route.cors?.method;
    const forWhat = actual ? `, so browsers never send the ${actual.toUpperCase()} it announces` : '';
    return {
      explanation:
        `The CORS preflight OPTIONS ${miss.path} got ${e.miss.phrase}: resource ${resource} on stage ${snapshot.stage} ` +
        `has no OPTIONS method (it has ${listForMessage(methods)}) and no ANY or {proxy+} method answers OPTIONS there${forWhat}.`,
      fix:
        `Enable CORS on ${resource} — an OPTIONS method with a MOCK integration that returns the Access-Control-Allow-* headers ` +
        `(CDK: defaultCorsPreflightOptions; SAM: Cors) — then redeploy: \`${redeployCommand(snapshot)}\`.`,
      evidence: {
        path: miss.path,
        resource,
        methods,
        ...(check.route.cors ? { origin: check.route.cors.origin, requestMethod: check.route.cors.method } : {}),
      },
    };
  },
} satisfies Rule;
