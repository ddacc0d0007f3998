// The read-only operations the emulator serves, as the SDK calls them: verb, path template
// (labels in braces, as in the service model) and what each answers.
import type { RestApiModel } from '../model.ts';
import type { EmulatorState } from '../state.ts';
import { gatewayResponseList } from './gateway-responses.ts';
import { notFound } from './http.ts';
import { pageBody, paginate } from './paginate.ts';
import { resourceList } from './resources.ts';
import {
  apiKeyJson,
  authorizerJson,
  basePathMappingJson,
  deploymentJson,
  domainNameJson,
  restApiJson,
  stageJson,
  usagePlanJson,
  usagePlanKeyJson,
} from './shapes.ts';

export interface OperationContext {
  state: EmulatorState;
  /** decoded path labels */
  params: Record<string, string>;
  query: URLSearchParams;
  /** the region the request is signed for: the control plane of that region answers */
  region: string;
}

export interface Operation {
  name: string;
  method: 'GET';
  path: string;
  handle(ctx: OperationContext): unknown;
}

// The NotFound messages of the real service.
const NO_API = 'Invalid REST API identifier specified';
const NO_STAGE = 'Invalid stage identifier specified';
const NO_DEPLOYMENT = 'Invalid Deployment identifier specified';
const NO_DOMAIN = 'Invalid domain name identifier specified';
const NO_USAGE_PLAN = 'Invalid Usage Plan ID specified';

function apiOf(ctx: OperationContext): RestApiModel {
  const id = ctx.params.restApiId;
  const api = id === undefined ? undefined : ctx.state.apiIn(id, ctx.region);
  if (!api) throw notFound(NO_API);
  return api;
}

/** `embed` is a list: the SDK repeats the key, hand-written calls separate values with commas. */
function embeds(query: URLSearchParams, what: string): boolean {
  return query.getAll('embed').some((v) =>
    v
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .includes(what),
  );
}

function domainOf(ctx: OperationContext) {
  const domain = ctx.state.model.domainNames?.find((d) => d.domainName === ctx.params.domainName);
  if (!domain) throw notFound(NO_DOMAIN);
  return domain;
}

export const OPERATIONS: readonly Operation[] = [
  {
    name: 'GetRestApis',
    method: 'GET',
    path: '/restapis',
    handle: (ctx) =>
      pageBody(paginate(ctx.state.model.apis.filter((a) => ctx.state.regionOf(a) === ctx.region).map(restApiJson), ctx.query)),
  },
  { name: 'GetRestApi', method: 'GET', path: '/restapis/{restApiId}', handle: (ctx) => restApiJson(apiOf(ctx)) },
  {
    name: 'GetStages',
    method: 'GET',
    path: '/restapis/{restApiId}/stages',
    handle: (ctx) => {
      const api = apiOf(ctx);
      const deploymentId = ctx.query.get('deploymentId');
      const stages = api.stages.filter((s) => !deploymentId || s.deploymentId === deploymentId);
      return { item: stages.map((s) => stageJson(api, s)) };
    },
  },
  {
    name: 'GetStage',
    method: 'GET',
    path: '/restapis/{restApiId}/stages/{stageName}',
    handle: (ctx) => {
      const api = apiOf(ctx);
      const stage = api.stages.find((s) => s.name === ctx.params.stageName);
      if (!stage) throw notFound(NO_STAGE);
      return stageJson(api, stage);
    },
  },
  {
    name: 'GetDeployments',
    method: 'GET',
    path: '/restapis/{restApiId}/deployments',
    handle: (ctx) =>
      pageBody(
        paginate(
          apiOf(ctx).deployments.map((d) => deploymentJson(d, false)),
          ctx.query,
        ),
      ),
  },
  {
    name: 'GetDeployment',
    method: 'GET',
    path: '/restapis/{restApiId}/deployments/{deploymentId}',
    handle: (ctx) => {
      const api = apiOf(ctx);
      const deployment = api.deployments.find((d) => d.id === ctx.params.deploymentId);
      if (!deployment) throw notFound(NO_DEPLOYMENT);
      return deploymentJson(deployment, embeds(ctx.query, 'apisummary'), api.apiSummaryWithoutAuth === true);
    },
  },
  {
    name: 'GetResources',
    method: 'GET',
    path: '/restapis/{restApiId}/resources',
    handle: (ctx) => pageBody(paginate(resourceList(apiOf(ctx), embeds(ctx.query, 'methods')), ctx.query)),
  },
  {
    name: 'GetAuthorizers',
    method: 'GET',
    path: '/restapis/{restApiId}/authorizers',
    handle: (ctx) => {
      const api = apiOf(ctx);
      return pageBody(
        paginate(
          (api.authorizers ?? []).map((a) => authorizerJson(ctx.state, api, a)),
          ctx.query,
        ),
      );
    },
  },
  {
    name: 'GetGatewayResponses',
    method: 'GET',
    path: '/restapis/{restApiId}/gatewayresponses',
    handle: (ctx) => pageBody(paginate(gatewayResponseList(apiOf(ctx).gatewayResponses), ctx.query)),
  },
  {
    name: 'GetApiKeys',
    method: 'GET',
    path: '/apikeys',
    handle: (ctx) => {
      const includeValues = ctx.query.get('includeValues') === 'true';
      const nameQuery = ctx.query.get('name');
      const keys = (ctx.state.model.apiKeys ?? []).filter((k) => !nameQuery || (k.name ?? k.id).startsWith(nameQuery));
      return pageBody(
        paginate(
          keys.map((k) => apiKeyJson(k, includeValues)),
          ctx.query,
        ),
      );
    },
  },
  {
    name: 'GetUsagePlans',
    method: 'GET',
    path: '/usageplans',
    handle: (ctx) => {
      const keyId = ctx.query.get('keyId');
      const plans = (ctx.state.model.usagePlans ?? []).filter((p) => !keyId || p.keys.includes(keyId));
      return pageBody(paginate(plans.map(usagePlanJson), ctx.query));
    },
  },
  {
    name: 'GetUsagePlanKeys',
    method: 'GET',
    path: '/usageplans/{usagePlanId}/keys',
    handle: (ctx) => {
      const plan = ctx.state.model.usagePlans?.find((p) => p.id === ctx.params.usagePlanId);
      if (!plan) throw notFound(NO_USAGE_PLAN);
      return pageBody(
        paginate(
          plan.keys.map((id) => usagePlanKeyJson(ctx.state, id)),
          ctx.query,
        ),
      );
    },
  },
  {
    name: 'GetDomainName',
    method: 'GET',
    path: '/domainnames/{domainName}',
    handle: (ctx) => domainNameJson(ctx.state, domainOf(ctx)),
  },
  {
    name: 'GetBasePathMappings',
    method: 'GET',
    path: '/domainnames/{domainName}/basepathmappings',
    handle: (ctx) => pageBody(paginate(domainOf(ctx).mappings.map(basePathMappingJson), ctx.query)),
  },
];

function decodeLabel(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment) || undefined;
  } catch {
    return undefined; // malformed %-escape: no operation matches
  }
}

/** The operation serving `method path`, with its decoded labels. */
export function matchOperation(method: string, path: string): { operation: Operation; params: Record<string, string> } | undefined {
  const segments = path.split('/').slice(1);
  for (const operation of OPERATIONS) {
    if (operation.method !== method) continue;
    const template = operation.path.split('/').slice(1);
    if (template.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = template.every((part, i) => {
      const segment = segments[i];
      const label = /^\{(\w+)\}$/.exec(part)?.[1];
      if (label === undefined) return part === segment;
      const value = segment === undefined ? undefined : decodeLabel(segment);
      if (!value) return false;
      params[label] = value;
      return true;
    });
    if (matches) return { operation, params };
  }
  return undefined;
}
