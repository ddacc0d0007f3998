// "/" is a resource of its own: a {proxy+} needs at least one segment, so it never serves the
// root, and a request to the bare stage URL needs a method on "/" itself.
import { segments } from '../../routing.ts';
import { isProxyResource, listForMessage } from '../paths.ts';
import { redeployCommand, routeMiss } from '../predicates.ts';
import type { Rule } from '../rule.ts';

export default {
  meta: {
    code: 'root-has-no-method',
    title: 'The root resource has no method',
    severity: 'error',
    scope: ['check'],
    tier: 'routing',
    priority: 60,
  },
  check(e) {
    const miss = routeMiss(e);
    if (!miss || segments(miss.path).length > 0) return null;
    const methods = Object.keys(miss.deployed['/'] ?? {}).sort();
    const rootProxies = Object.keys(miss.deployed).filter((p) => isProxyResource(p) && segments(p).length === 1);
    const proxyNote =
      rootProxies.length > 0 ? ` ${rootProxies.join(', ')} does not cover it: a {proxy+} needs at least one path segment.` : '';
    return {
      explanation:
        `Stage ${e.snapshot.stage} has no ${miss.verb} (nor ANY) method on the root resource / ` +
        `(it has ${listForMessage(methods)}), so the gateway answered ${e.miss.phrase}.${proxyNote}`,
      fix: `Add a ${miss.verb} or ANY method on / and redeploy (\`${redeployCommand(e.snapshot)}\`), or call a sub-path that has one.`,
      evidence: { path: '/', verb: miss.verb, methods, ...(rootProxies.length > 0 ? { proxies: rootProxies } : {}) },
    };
  },
} satisfies Rule;
