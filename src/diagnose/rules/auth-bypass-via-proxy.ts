// Open doors beside locked ones: API Gateway protects a resource+method pair, not a path, so a
// less protected ANY method or {proxy+} ancestor serves the other verbs on a protected path (or
// the same verb beneath it) to anyone. Found from the deployed table alone; when negative
// probes ran, each pair carries the answer to one unsigned request through that door.
import { describeAnswer } from '../answer.ts';
import type { BypassPair } from '../../proxy-bypass.ts';
import { bypassPairs, pairRequests } from '../../proxy-bypass.ts';
import type { BypassProbe } from '../../types.ts';
import { listForMessage } from '../paths.ts';
import type { Rule } from '../rule.ts';

function protection(p: BypassPair['guarded']): string {
  return `${p.authorizationType}${p.apiKeyRequired ? ' + API key' : ''}`;
}

/** "proven: 200 from the proxy" / "refused: 403 …" / "not proven: no answer (…)". */
function proof(probe: BypassProbe | undefined): string | undefined {
  if (!probe) return undefined;
  if (probe.refusal === 'not-enforced') return `proven: ${describeAnswer(probe.answer)} to an unsigned ${probe.request}`;
  if (probe.refusal === 'refused') return `not proven: an unsigned ${probe.request} got ${describeAnswer(probe.answer)}`;
  return `not proven: ${describeAnswer(probe.answer)} for an unsigned ${probe.request}`;
}

function sentence(pair: BypassPair, probe: BypassProbe | undefined): string {
  const beneath = pair.kind === 'child' ? ' (beneath it)' : '';
  const proven = proof(probe);
  return (
    `${pair.route.route} needs ${protection(pair.guarded)}, but ${pairRequests(pair)}${beneath} ${pair.verbs.length > 1 ? 'are' : 'is'} served by ` +
    `${pair.open.method} with ${protection(pair.open)}${proven ? ` (${proven})` : ''}`
  );
}

export default {
  meta: {
    code: 'auth-bypass-via-proxy',
    title: 'A less protected ANY or {proxy+} serves other requests on a protected path',
    severity: 'warning',
    scope: ['stage'],
    tier: 'auth',
    priority: 110,
    findingGroup: 'deployment',
  },
  stage(run) {
    const deployed = run.snapshot.deployed;
    if (!deployed) return null;
    const pairs = bypassPairs(deployed, run.manifest.routes);
    if (pairs.length === 0) return null;
    const probeOf = (pair: BypassPair) =>
      run.bypassProbes.find((p) => p.route === pair.route.route && p.request === `${pair.probeVerb} ${pair.path}`);
    const sentences = pairs.map((pair) => sentence(pair, probeOf(pair)));
    const proven = pairs.filter((pair) => probeOf(pair)?.refusal === 'not-enforced').length;
    const first = pairs[0];
    return {
      message:
        `API Gateway protects a resource and method, not a path: ${listForMessage(sentences)}. ` +
        `Give those verbs methods of their own with the same protection, protect the ${pairs.some((p) => p.open.method.startsWith('ANY')) ? 'ANY method or ' : ''}proxy the same way, ` +
        `or narrow it, then redeploy; if the open door is intended, set \`negative: false\` on the route.`,
      evidence: {
        pairs: pairs.map((pair) => {
          const probe = probeOf(pair);
          return {
            route: pair.route.route,
            guarded: pair.guarded.method,
            guardedBy: protection(pair.guarded),
            openRequests: pairRequests(pair),
            servedBy: pair.open.method,
            openBy: protection(pair.open),
            kind: pair.kind,
            source: `${pair.source.file}:${pair.source.line}`,
            ...(probe ? { proof: proof(probe), refusal: probe.refusal } : {}),
          };
        }),
        count: pairs.length,
        proven,
      },
      ...(first ? { source: { file: first.source.file, line: first.source.line, column: first.source.column } } : {}),
    };
  },
} satisfies Rule;
