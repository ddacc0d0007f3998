// No resource of the stage matches the path and no {proxy+} serves it: a typo, a plural, a
// prefix too many or too few. Suggest the nearest deployed paths.
import { findProxies, segments, verbsOf } from '../../routing.ts';
import { isProxyResource, listForMessage, resourceAt, suggestPaths } from '../paths.ts';
import { routeToChange } from '../answer.ts';
import { redeployCommand, routeMiss } from '../predicates.ts';
import type { Rule } from '../rule.ts';

export default {
  meta: {
    code: 'resource-not-found',
    title: 'No deployed resource matches the path',
    severity: 'error',
    scope: ['check'],
    tier: 'routing',
    priority: 90,
  },
  check(e) {
    const miss = routeMiss(e);
    if (!miss || segments(miss.path).length === 0) return null; // the root always exists
    const { verb, path, deployed } = miss;
    if (resourceAt(deployed, path)) return null; // it exists: method-not-defined or path-parameter-missing

    const suggestions = suggestPaths(deployed, path, verb);
    const deployedPaths = Object.keys(deployed)
      .filter((p) => verbsOf(deployed, p).length > 0)
      .sort();
    // Proxies that match the path but lack the verb: they explain why nothing served it either.
    const proxies = findProxies(deployed, path).map((p) => `${p} (${listForMessage(verbsOf(deployed, p))})`);

    const parts = [`No resource on stage ${e.snapshot.stage} matches ${path}, so the gateway answered ${e.miss.phrase}.`];
    if (proxies.length > 0) parts.push(`${listForMessage(proxies)} matches the path but has no ${verb} or ANY method.`);
    parts.push(
      suggestions.length > 0
        ? `Nearest deployed paths: ${suggestions.map((s) => `${s.path} (${s.reason})`).join(', ')}.`
        : `The stage serves: ${listForMessage(deployedPaths.filter((p) => !isProxyResource(p)))}.`,
    );
    const best = suggestions[0];
    const baseUrlFix = best ? prefixInBaseUrl(e.settings.baseUrl, e.basePrefix, best.reason) : undefined;
    if (baseUrlFix) parts.push(baseUrlFix.why);
    return {
      title: best ? `No resource ${path} — did you mean ${best.path}?` : `No resource ${path}`,
      explanation: parts.join(' '),
      fix: baseUrlFix
        ? `Set \`base-url: ${baseUrlFix.baseUrl}\`${baseUrlFix.orRoute ? ` — or, if only this route lives there, change ${routeToChange(e.routesIn)} to \`${verb} ${best?.path}\`` : ''}.`
        : best
          ? `If you meant ${best.path}, change ${routeToChange(e.routesIn)} to \`${verb} ${best.path}\`; otherwise add the resource ${path} with a ${verb} method and redeploy (\`${redeployCommand(e.snapshot)}\`).`
          : `Correct the route's path to one the stage serves, or add the resource ${path} with a ${verb} method and redeploy (\`${redeployCommand(e.snapshot)}\`).`,
      evidence: {
        path,
        suggestions,
        deployedPaths: deployedPaths.slice(0, 10),
        deployedPathCount: deployedPaths.length,
        ...(proxies.length > 0 ? { proxies } : {}),
        ...(e.basePrefix ? { basePrefix: e.basePrefix } : {}),
        ...(baseUrlFix ? { suggestedBaseUrl: baseUrlFix.baseUrl } : {}),
      },
    };
  },
} satisfies Rule;

/**
 * When the nearest path differs by a prefix that base-url adds or lacks, the cause is base-url,
 * not the route: "extra prefix /api/v1" equal to base-url's own prefix after the stage, or a
 * missing prefix that belongs after the stage in base-url.
 */
function prefixInBaseUrl(
  baseUrl: string,
  basePrefix: string | undefined,
  reason: string,
): { baseUrl: string; why: string; orRoute: boolean } | undefined {
  const extra = /^extra prefix (\/.+)$/.exec(reason)?.[1];
  if (extra && basePrefix && extra === basePrefix && baseUrl.endsWith(basePrefix)) {
    const fixed = baseUrl.slice(0, baseUrl.length - basePrefix.length);
    return {
      baseUrl: fixed,
      why: `The prefix ${basePrefix} comes from base-url (${baseUrl}), not from the manifest: the deployed resources do not have it.`,
      orRoute: false,
    };
  }
  const missing = /^prefix (\/.+) missing$/.exec(reason)?.[1];
  if (missing && !basePrefix) {
    return {
      baseUrl: `${baseUrl}${missing}`,
      why: `The deployed resources live under ${missing}, which base-url (${baseUrl}) lacks.`,
      orRoute: true,
    };
  }
  return undefined;
}
