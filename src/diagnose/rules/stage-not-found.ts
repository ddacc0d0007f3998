// The API exists but has no stage of that name: the gateway took the stage segment and found
// nothing, so every request of the run gets MAT (or Forbidden). Reported once for the run,
// and on every check it explains.
import { closestStage, listForMessage } from '../paths.ts';
import { apiKeySource, redeployCommand } from '../predicates.ts';
import type { Rule } from '../rule.ts';
import type { Snapshot } from '../../types.ts';

function stageNotFound(snapshot: Snapshot): boolean {
  return snapshot.api.status !== 'not-found' && snapshot.stageInfo.status === 'not-found';
}

export default {
  meta: {
    code: 'stage-not-found',
    title: 'Stage not found',
    severity: 'error',
    scope: ['check', 'stage'],
    tier: 'routing',
    priority: 20,
    findingGroup: 'run-wide',
  },
  check(e) {
    const { snapshot } = e;
    if (!stageNotFound(snapshot) || !e.miss.noMatchOrForbidden) return null;
    const stages = [...snapshot.stageInfo.existingStages].sort();
    const closest = closestStage(snapshot.stage, stages);
    const didYouMean = closest ? ` Did you mean "${closest.stage}" (${closest.reason})?` : '';
    const { errorType } = e.classification;
    return {
      title: closest ? `Stage "${snapshot.stage}" not found — did you mean "${closest.stage}"?` : `Stage "${snapshot.stage}" not found`,
      explanation:
        `REST API ${snapshot.restApiId} has no stage "${snapshot.stage}" (its stages: ${listForMessage(stages)}), ` +
        `so the gateway had nothing to route the request to and answered ${errorType}.${didYouMean}`,
      fix: closest
        ? `Set \`stage: ${closest.stage}\`${e.settings.baseUrlIsDefault ? '' : ` (and a \`base-url\` that ends in /${closest.stage})`}, or create the stage: \`${redeployCommand(snapshot)}\`.`
        : `Set \`stage\` to one of the API's stages, or create the stage: \`${redeployCommand(snapshot)}\`.`,
      evidence: {
        stage: snapshot.stage,
        existingStages: stages,
        ...(closest ? { suggestion: closest.stage, suggestionReason: closest.reason } : {}),
        errorType,
      },
    };
  },
  stage(run) {
    const { snapshot } = run;
    if (!stageNotFound(snapshot)) return null;
    const stages = [...snapshot.stageInfo.existingStages].sort();
    const closest = closestStage(snapshot.stage, stages);
    const didYouMean = closest ? ` Did you mean "${closest.stage}" (${closest.reason})?` : '';
    const source = apiKeySource(run, 'stage');
    return {
      message:
        `REST API ${snapshot.restApiId} has no stage "${snapshot.stage}" (its stages: ${listForMessage(stages)}).${didYouMean} ` +
        `Set stage to an existing one, or create it: \`${redeployCommand(snapshot)}\`.`,
      evidence: {
        stage: snapshot.stage,
        existingStages: stages,
        ...(closest ? { suggestion: closest.stage, suggestionReason: closest.reason } : {}),
      },
      ...(source ? { source } : {}),
    };
  },
} satisfies Rule;
