// The API exists but the stage does not: every request of the run will miss.
import type { FindingRule } from '../finding-rule.ts';
import { closestStage, listForMessage } from '../paths.ts';
import { redeployCommand } from '../gateway-miss.ts';
import { apiKeySource } from '../finding-source.ts';

export default {
  meta: { code: 'stage-not-found', title: 'Stage not found', severity: 'error' },
  detect(ctx) {
    const { snapshot } = ctx;
    if (snapshot.api.status === 'not-found' || snapshot.stageInfo.status !== 'not-found') return null;
    const stages = [...snapshot.stageInfo.existingStages].sort();
    const closest = closestStage(snapshot.stage, stages);
    const didYouMean = closest ? ` Did you mean "${closest.stage}" (${closest.reason})?` : '';
    const source = apiKeySource(ctx, 'stage');
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
} satisfies FindingRule;
