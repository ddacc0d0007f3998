// API keys with usage plans. (Authorizers: authorizer.ts.)
import type { EmulatorModel } from '../model.ts';
import { type GatewayError, invalidApiKey } from './gateway-errors.ts';

/**
 * `x-api-key` must name an enabled key that is in a usage plan bound to this API and stage.
 * Every failure is the same 403 Forbidden, as on the real gateway.
 */
export function checkApiKey(model: EmulatorModel, apiId: string, stage: string, sent: string | undefined): GatewayError | undefined {
  if (!sent) return invalidApiKey();
  const key = model.apiKeys?.find((k) => k.value === sent);
  if (!key || key.enabled === false) return invalidApiKey();
  const inPlan = (model.usagePlans ?? []).some(
    (plan) => plan.keys.includes(key.id) && plan.apiStages.some((s) => s.apiId === apiId && s.stage === stage),
  );
  return inPlan ? undefined : invalidApiKey();
}
