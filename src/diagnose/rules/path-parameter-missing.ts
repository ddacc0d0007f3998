// The path stops before a {param}: "/users" requested where only "/users/{id}" exists.
// (When "/users" is itself a resource with methods, method-not-defined explains it.)
import type { Rule } from '../rule.ts';
import { missAnswer, routeMiss } from '../gateway-miss.ts';
import { belowParameter, listForMessage, resourceAt, resourceServes } from '../paths.ts';
import { segments, verbsOf } from '../../routing.ts';

export default {
  meta: { code: 'path-parameter-missing', title: 'Path parameter missing', severity: 'error', category: 'routing' },
  match(ctx) {
    const miss = routeMiss(ctx);
    if (!miss || segments(miss.path).length === 0) return null;
    const { verb, path, deployed } = miss;
    const at = resourceAt(deployed, path);
    if (!at || verbsOf(deployed, at.resourcePath).length > 0) return null;
    const targets = belowParameter(deployed, path);
    if (targets.length === 0) return null;

    const depth = segments(path).length;
    const parameter = segments(targets[0])[depth];
    const name = parameter.slice(1, -1);
    const serving = targets.filter((r) => resourceServes(deployed, r, verb));
    const routes = (serving.length > 0 ? serving : targets).flatMap((r) =>
      serving.length > 0 ? [`${deployed[r][verb] ? verb : 'ANY'} ${r}`] : verbsOf(deployed, r).map((v) => `${v} ${r}`),
    );
    const full = serving.length > 0 ? `The full route is ${routes[0]}.` : `None of them serves ${verb} either: ${listForMessage(routes)}.`;
    const template = serving.length > 0 ? serving[0] : targets[0];
    return {
      title: `Path parameter ${parameter} missing`,
      explanation:
        `${path} is no resource with methods on stage ${ctx.snapshot.stage}, only the prefix of ${listForMessage(targets)}: ` +
        `the path stops before the ${parameter} parameter, so the gateway answered ${missAnswer(ctx.check)}. ${full}`,
      fix: `Add the ${parameter} segment: in the manifest, \`route: ${verb} ${template}\` with \`params: { ${name}: "<value>" }\`.`,
      evidence: { path, missingParameter: name, routes: routes.slice(0, 10) },
    };
  },
} satisfies Rule;
