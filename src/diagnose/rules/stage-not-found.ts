// The API exists but has no stage of that name: the gateway took the stage segment and found
// nothing, so every request gets MAT (or Forbidden).
import type { Rule } from '../rule.ts';
import { answeredMatOrForbidden, redeployCommand } from '../gateway-miss.ts';
import { closestStage, listForMessage } from '../paths.ts';

export default {
  meta: { code: 'stage-not-found', title: 'Stage not found', severity: 'error', category: 'routing' },
  match(ctx) {
    const { snapshot, check } = ctx;
    if (snapshot.api.status === 'not-found' || snapshot.stageInfo.status !== 'not-found' || !answeredMatOrForbidden(check)) return null;
    const stages = [...snapshot.stageInfo.existingStages].sort();
    const closest = closestStage(snapshot.stage, stages);
    const didYouMean = closest ? ` Did you mean "${closest.stage}" (${closest.reason})?` : '';
    return {
      title: closest ? `Stage "${snapshot.stage}" not found — did you mean "${closest.stage}"?` : `Stage "${snapshot.stage}" not found`,
      explanation:
        `REST API ${snapshot.restApiId} has no stage "${snapshot.stage}" (its stages: ${listForMessage(stages)}), ` +
        `so the gateway had nothing to route the request to and answered ${check.classification.errorType}.${didYouMean}`,
      fix: closest
        ? `Set \`stage: ${closest.stage}\`${ctx.settings.baseUrlIsDefault ? '' : ` (and a \`base-url\` that ends in /${closest.stage})`}, or create the stage: \`${redeployCommand(snapshot)}\`.`
        : `Set \`stage\` to one of the API's stages, or create the stage: \`${redeployCommand(snapshot)}\`.`,
      evidence: {
        stage: snapshot.stage,
        existingStages: stages,
        ...(closest ? { suggestion: closest.stage, suggestionReason: closest.reason } : {}),
        errorType: check.classification.errorType,
      },
    };
  },
} satisfies Rule;
