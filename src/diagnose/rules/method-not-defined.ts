// The path names a resource the stage serves, but not with this verb: no method of its own,
// no ANY, and no {proxy+} above it that serves the verb.
import { findProxies, segments, verbsOf } from '../../routing.ts';
import { belowParameter, descendants, listForMessage, resourceAt, resourceServes, shadowedSiblings } from '../paths.ts';
import { capitalize, routeToChange } from '../answer.ts';
import { redeployCommand, routeMiss } from '../predicates.ts';
import type { Rule } from '../rule.ts';

export default {
  meta: {
    code: 'method-not-defined',
    title: 'Method not defined on the resource',
    severity: 'error',
    scope: ['check'],
    tier: 'routing',
    priority: 70,
  },
  check(e) {
    const miss = routeMiss(e);
    if (!miss || segments(miss.path).length === 0) return null; // "/" is root-has-no-method's
    const { verb, path, deployed } = miss;
    const at = resourceAt(deployed, path);
    if (!at) return null;
    const resource = at.resourcePath;
    const verbs = verbsOf(deployed, resource);
    // A path with no methods of its own that leads to a {param} is path-parameter-missing.
    if (verbs.length === 0 && belowParameter(deployed, path).length > 0) return null;

    const methods = Object.keys(deployed[resource] ?? {}).sort();
    const below = descendants(deployed, path)
      .filter((r) => resourceServes(deployed, r, verb))
      .map((r) => `${deployed[r]?.[verb] ? verb : 'ANY'} ${r}`);
    const siblings = shadowedSiblings(deployed, path, resource, verb);
    const proxies = findProxies(deployed, path);

    const has = methods.length > 0 ? `it has ${listForMessage(methods)}` : 'it has no methods at all';
    const parts = [
      `Resource ${resource} on stage ${e.snapshot.stage} has no ${verb} (nor ANY) method and no {proxy+} serves ${verb} there: ${has}.`,
    ];
    if (below.length > 0) parts.push(`${verb} is served below it: ${listForMessage(below)}.`);
    if (siblings.length > 0)
      parts.push(`${listForMessage(siblings)} would serve ${verb}, but the gateway does not fall back from ${resource} to it.`);
    if (verb === 'HEAD' && verbs.includes('GET')) parts.push('HEAD is not GET: API Gateway needs a HEAD (or ANY) method to answer it.');
    if (verb === 'GET') parts.push('A browser sends GET too, so opening the URL gets the same answer.');

    const redeploy = redeployCommand(e.snapshot);
    const add = `add a ${verb} (or ANY) method on ${resource} and redeploy (\`${redeploy}\`)`;
    const fix =
      below.length > 0
        ? `If you meant ${below[0]}, change ${routeToChange(e.routesIn)} to it (with its params); otherwise ${add}.`
        : verbs.length > 0
          ? `Change ${capitalize(routeToChange(e.routesIn))} to a method ${resource} has (${verbs.map((v) => `${v} ${resource}`).join(', ')}), or ${add}.`
          : `Add a ${verb} (or ANY) method on ${resource} and redeploy (\`${redeploy}\`).`;
    return {
      title: `${verb} not defined on ${resource}`,
      explanation: parts.join(' '),
      fix,
      evidence: {
        path,
        resource,
        verb,
        methods,
        ...(below.length > 0 ? { servedBelow: below.slice(0, 10) } : {}),
        ...(siblings.length > 0 ? { shadowedSiblings: siblings } : {}),
        ...(proxies.length > 0 ? { proxies } : {}),
      },
    };
  },
} satisfies Rule;
