// Model → the JSON the real control plane returns. Timestamps are epoch seconds (REST-JSON's
// default timestamp format); optional fields are left out rather than sent as null.
import type {
  ApiKeyModel,
  AuthorizerModel,
  BasePathMappingModel,
  DeploymentModel,
  DomainNameModel,
  RestApiModel,
  StageModel,
  UsagePlanModel,
} from '../model.ts';
import type { EmulatorState } from '../state.ts';
import { authorizerId, resourceId, stableId } from './ids.ts';
import { apiSummary } from './resources.ts';

/** When the model does not date something. */
const EPOCH_OF_MODEL = '2024-01-01T00:00:00.000Z';

export function epochSeconds(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`emulator model: "${iso}" is not an ISO date`);
  return Math.floor(ms / 1000);
}

/**
 * The real service returns a resource policy minified and JSON-escaped a second time
 * (`{\"Version\":…}`, `\/` for slashes): clients must unescape it before parsing.
 */
export function escapedPolicy(policy: string): string {
  let minified = policy;
  try {
    minified = JSON.stringify(JSON.parse(policy));
  } catch {
    // not JSON: return it escaped as it is
  }
  return JSON.stringify(minified).slice(1, -1).replaceAll('/', '\\/');
}

function apiCreatedDate(api: RestApiModel): string {
  if (api.createdDate) return api.createdDate;
  const dates = api.deployments.map((d) => d.createdDate).sort();
  return dates[0] ?? EPOCH_OF_MODEL;
}

export function restApiJson(api: RestApiModel): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: api.id,
    name: api.name ?? api.id,
    createdDate: epochSeconds(apiCreatedDate(api)),
    apiKeySource: api.apiKeySource ?? 'HEADER',
    endpointConfiguration: { types: [api.endpointType ?? 'EDGE'] },
    disableExecuteApiEndpoint: api.disableExecuteApiEndpoint ?? false,
    rootResourceId: resourceId(api.id, '/'),
  };
  if (api.policy !== undefined) json.policy = escapedPolicy(api.policy);
  return json;
}

export function stageJson(api: RestApiModel, stage: StageModel): Record<string, unknown> {
  const deployment = api.deployments.find((d) => d.id === stage.deploymentId);
  const date = epochSeconds(deployment?.createdDate ?? apiCreatedDate(api));
  const json: Record<string, unknown> = {
    deploymentId: stage.deploymentId,
    stageName: stage.name,
    cacheClusterEnabled: false,
    cacheClusterStatus: 'NOT_AVAILABLE',
    methodSettings: {},
    tracingEnabled: false,
    createdDate: date,
    lastUpdatedDate: date,
  };
  if (stage.webAclArn !== undefined) json.webAclArn = stage.webAclArn;
  if (stage.canarySettings) {
    // The recorded shape: percentTraffic as a double, useStageCache always present.
    const { percentTraffic, deploymentId, stageVariableOverrides, useStageCache } = stage.canarySettings;
    const canary: Record<string, unknown> = { deploymentId, percentTraffic, useStageCache: useStageCache ?? false };
    if (stageVariableOverrides) canary.stageVariableOverrides = stageVariableOverrides;
    json.canarySettings = canary;
  }
  return json;
}

export function deploymentJson(deployment: DeploymentModel, withSummary: boolean, summaryWithoutAuth = false): Record<string, unknown> {
  const json: Record<string, unknown> = { id: deployment.id, createdDate: epochSeconds(deployment.createdDate) };
  if (deployment.description !== undefined) json.description = deployment.description;
  if (withSummary) json.apiSummary = apiSummary(deployment.resources, summaryWithoutAuth);
  return json;
}

export function authorizerJson(state: EmulatorState, api: RestApiModel, authorizer: AuthorizerModel): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: authorizerId(api.id, authorizer),
    name: authorizer.name,
    type: authorizer.type,
    identitySource: authorizer.identitySource ?? 'method.request.header.Authorization',
    authorizerResultTtlInSeconds: 300,
  };
  if (authorizer.identityValidationExpression !== undefined) json.identityValidationExpression = authorizer.identityValidationExpression;
  if (authorizer.type === 'COGNITO_USER_POOLS') {
    json.authType = 'cognito_user_pools';
    json.providerARNs = authorizer.providerARNs ?? [];
  } else {
    json.authType = 'custom';
    const fn = `arn:aws:lambda:${state.region}:${state.accountId}:function:${authorizer.name}`;
    json.authorizerUri = `arn:aws:apigateway:${state.region}:lambda:path/2015-03-31/functions/${fn}/invocations`;
  }
  return json;
}

export function apiKeyJson(key: ApiKeyModel, includeValue: boolean): Record<string, unknown> {
  const date = epochSeconds(EPOCH_OF_MODEL);
  const json: Record<string, unknown> = {
    id: key.id,
    name: key.name ?? key.id,
    enabled: key.enabled ?? true,
    createdDate: date,
    lastUpdatedDate: date,
    stageKeys: [],
  };
  if (includeValue) json.value = key.value;
  return json;
}

export function usagePlanJson(plan: UsagePlanModel): Record<string, unknown> {
  return {
    id: plan.id,
    name: plan.name ?? plan.id,
    apiStages: plan.apiStages.map((s) => ({ apiId: s.apiId, stage: s.stage })),
  };
}

export function usagePlanKeyJson(state: EmulatorState, keyId: string): Record<string, unknown> {
  const key = state.model.apiKeys?.find((k) => k.id === keyId);
  if (!key) throw new Error(`emulator model: a usage plan lists key ${keyId}, which apiKeys does not define`);
  return { id: key.id, type: 'API_KEY', value: key.value, name: key.name ?? key.id };
}

export function domainNameJson(state: EmulatorState, domain: DomainNameModel): Record<string, unknown> {
  return {
    domainName: domain.domainName,
    domainNameStatus: 'AVAILABLE',
    endpointConfiguration: { types: ['REGIONAL'] },
    regionalDomainName: `d-${stableId(domain.domainName, 10)}.execute-api.${state.region}.amazonaws.com`,
    securityPolicy: 'TLS_1_2',
  };
}

export function basePathMappingJson(mapping: BasePathMappingModel): Record<string, unknown> {
  return { basePath: mapping.basePath, restApiId: mapping.restApiId, stage: mapping.stage };
}
