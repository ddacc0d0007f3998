// On an execute-api host the first path segment IS the stage. A base URL without the stage
// (or with something else first) makes the gateway take the route's first segment as the stage.
import type { UrlStageProblem } from '../evidence.ts';
import { closestStage, listForMessage, parseExecuteApiUrl } from '../paths.ts';
import type { Rule } from '../rule.ts';

export default {
  meta: {
    code: 'stage-missing-in-url',
    title: 'Stage missing in the base URL',
    severity: 'error',
    scope: ['check'],
    tier: 'routing',
    priority: 30,
  },
  check(e) {
    const problem = e.urlStageProblem;
    if (!e.miss.noMatchOrForbidden || !problem) return null;
    const { existingStages, takenAsStage } = problem;
    const origin = new URL(problem.baseUrl).origin;
    const basePath = parseExecuteApiUrl(problem.baseUrl)?.segments ?? [];
    const suggestedBaseUrl = suggestBaseUrl(origin, basePath, e.settings.stage, problem);
    const taken = takenAsStage === null ? 'no stage at all' : `"${takenAsStage}" as the stage`;
    const stagesText = existingStages.length > 0 ? ` The API's stages: ${listForMessage(existingStages)}.` : '';
    const what =
      problem.reason === 'no-stage-segment'
        ? `The base URL ${problem.baseUrl} has no stage segment, so the gateway took ${taken}`
        : `The base URL ${problem.baseUrl} starts with "${takenAsStage}", which is no stage of the API, and the gateway took it as the stage`;
    return {
      explanation: `${what} and answered ${e.classification.errorType}: on an execute-api host the first path segment is always the stage.${stagesText}`,
      fix: e.settings.baseUrlIsDefault
        ? 'Set the `stage` input (or `api.stage` in the manifest): the default base URL is built from it.'
        : `Put the stage first in the URL: \`base-url: ${suggestedBaseUrl ?? `${origin}/<stage>`}\`, or leave base-url unset to use the stage input.`,
      evidence: {
        baseUrl: problem.baseUrl,
        takenAsStage,
        existingStages,
        ...(suggestedBaseUrl ? { suggestedBaseUrl } : {}),
      },
    };
  },
} satisfies Rule;

/**
 * The base URL with a stage first. A first segment close to a stage name ("production" for
 * "prod") was a misspelt stage and is replaced; any other is a path prefix ("/api") that
 * belongs after the stage. The configured stage is used when it exists or nothing is known.
 */
function suggestBaseUrl(origin: string, basePath: string[], configured: string, problem: UrlStageProblem): string | undefined {
  const { existingStages, takenAsStage } = problem;
  if (problem.reason === 'not-a-stage' && takenAsStage) {
    const closest = closestStage(takenAsStage, existingStages);
    if (closest) return [origin, closest.stage, ...basePath.slice(1)].join('/');
  }
  const stage =
    configured && (existingStages.length === 0 || existingStages.includes(configured))
      ? configured
      : existingStages.length === 1
        ? existingStages[0]
        : undefined;
  return stage ? [origin, stage, ...basePath].join('/') : undefined;
}
