// Lambda (TOKEN/REQUEST) and Cognito authorizers, and API keys with usage plans.
import type { EmulatorModel, MethodModel, RestApiModel } from '../model.ts';
import { type GatewayError, authorizerConfigurationError, invalidApiKey, unauthorized } from './gateway-errors.ts';

const DEFAULT_IDENTITY_SOURCE = 'method.request.header.Authorization';

/** The value of one identity source ("method.request.header.X" or "method.request.querystring.y"). */
function identityValue(source: string, headers: Record<string, string | undefined>, query: URLSearchParams): string | undefined {
  const header = /^method\.request\.header\.(.+)$/i.exec(source);
  if (header) return headers[header[1].toLowerCase()];
  const param = /^method\.request\.querystring\.(.+)$/i.exec(source);
  if (param) return query.get(param[1]) ?? undefined;
  return undefined;
}

/**
 * The authorizer's verdict: every identity source must be present (or the gateway answers 401
 * without calling the authorizer), and the first one must be one of `validTokens`.
 */
export function checkAuthorizer(
  api: RestApiModel,
  method: MethodModel,
  headers: Record<string, string | undefined>,
  query: URLSearchParams,
): GatewayError | undefined {
  const authorizer = api.authorizers?.find((a) => a.name === method.authorizer || (a.id !== undefined && a.id === method.authorizer));
  if (!authorizer) return authorizerConfigurationError();
  const sources = (authorizer.identitySource ?? DEFAULT_IDENTITY_SOURCE)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const values = sources.map((s) => identityValue(s, headers, query));
  if (values.length === 0 || values.some((v) => v === undefined || v === '')) return unauthorized();
  return authorizer.validTokens.includes(values[0] as string) ? undefined : unauthorized();
}

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
