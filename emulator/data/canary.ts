// Which deployment serves a request to a stage with a canary (see CanarySettingsModel).
import type { RestApiModel, StageModel } from '../model.ts';
import type { EmulatorState } from '../state.ts';

/**
 * The stage's deployment, or its canary's for `percentTraffic` % of the requests: request n
 * (1-based, counted per stage) goes to the canary when floor(n·p/100) > floor((n−1)·p/100), which
 * spreads the canary's share evenly and deterministically over the sequence.
 */
export function servingDeploymentId(state: EmulatorState, api: RestApiModel, stage: StageModel): string {
  const canary = stage.canarySettings;
  if (!canary) return stage.deploymentId;
  const key = `${api.id}/${stage.name}`;
  const served = (state.canaryServed[key] ??= { stable: 0, canary: 0 });
  const n = served.stable + served.canary + 1;
  const p = Math.min(100, Math.max(0, canary.percentTraffic));
  const toCanary = Math.floor((n * p) / 100) > Math.floor(((n - 1) * p) / 100);
  if (toCanary) served.canary += 1;
  else served.stable += 1;
  return toCanary ? canary.deploymentId : stage.deploymentId;
}
