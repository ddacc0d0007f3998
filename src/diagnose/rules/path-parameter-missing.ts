// The path stops before a {param}: "/users" requested where only "/users/{id}" exists.
// (When "/users" is itself a resource with methods, method-not-defined explains it.)
import { segments, verbsOf } from '../../routing.ts';
import { belowParameter, listForMessage, resourceAt, resourceServes } from '../paths.ts';
import { routeMiss } from '../predicates.ts';
import type { Rule } from '../rule.ts';

export default {
  meta: {
    code: 'path-parameter-missing',
    title: 'Path parameter missing',
    severity: 'error',
    scope: ['check'],
    tier: 'routing',
    priority: 80,
  },
  check(e) {
    const miss = routeMiss(e);
    if (!miss || segments(miss.path).length === 0) return null;
    const { verb, path, deployed } = miss;
    const at = resourceAt(deployed, path);
    if (!at || verbsOf(deployed, at.resourcePath).length > 0) return null;
    const targets = belowParameter(deployed, path);
    const depth = segments(path).length;
    const parameter = targets[0] === undefined ? undefined : segments(targets[0])[depth];
    if (parameter === undefined) return null;

    const name = parameter.slice(1, -1);
    const serving = targets.filter((r) => resourceServes(deployed, r, verb));
    const routes = (serving.length > 0 ? serving : targets).flatMap((r) =>
      serving.length > 0 ? [`${deployed[r]?.[verb] ? verb : 'ANY'} ${r}`] : verbsOf(deployed, r).map((v) => `${v} ${r}`),
    );
    const full = serving.length > 0 ? `The full route is ${routes[0]}.` : `None of them serves ${verb} either: ${listForMessage(routes)}.`;
    const template = serving[0] ?? targets[0];
    return {
      title: `Path parameter ${parameter} missing`,
      explanation:
        `${path} is no resource with methods on stage ${e.snapshot.stage}, only the prefix of ${listForMessage(targets)}: ` +
        `the path stops before the ${parameter} parameter, so the gateway answered ${e.miss.phrase}. ${full}`,
      fix: `Add the ${parameter} segment: in the manifest, \`route: ${verb} ${template}\` with \`params: { ${name}: "<value>" }\`.`,
      evidence: { path, missingParameter: name, routes: routes.slice(0, 10) },
    };
  },
} satisfies Rule;
