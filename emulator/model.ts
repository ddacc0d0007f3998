// The declarative model the API Gateway emulator serves. Test support only: never bundled into dist/.
//
// A model describes REST APIs the way API Gateway stores them: the current definition
// (resources → methods), deployments that each froze a copy of the definition when they
// were made, and stages pointing at one deployment. The data plane serves a stage from its
// deployment's copy; the control plane answers the SDK from all of it.

export type AuthorizationType = 'NONE' | 'AWS_IAM' | 'CUSTOM' | 'COGNITO_USER_POOLS';

export interface IntegrationModel {
  /** status the mock integration answers with (default 200) */
  status?: number;
  /** body (default `{"ok":true,"route":"<VERB> <path>"}`) */
  body?: string;
  headers?: Record<string, string>;
  /** a failing backend: 502 `Internal server error` or 504 `Endpoint request timed out` */
  fault?: 'error' | 'timeout';
}

export interface MethodModel {
  authorizationType?: AuthorizationType; // default NONE
  apiKeyRequired?: boolean;
  /** name of an authorizer of the same API (CUSTOM / COGNITO_USER_POOLS) */
  authorizer?: string;
  integration?: IntegrationModel;
}

/** path ("/users/{id}", "/{proxy+}", "/") → verb ("GET", "ANY", "OPTIONS") → method */
export type ResourcesModel = Record<string, Record<string, MethodModel>>;

export interface AuthorizerModel {
  id?: string;
  name: string;
  type: 'TOKEN' | 'REQUEST' | 'COGNITO_USER_POOLS';
  /** default "method.request.header.Authorization" */
  identitySource?: string;
  providerARNs?: string[];
  /** tokens the authorizer accepts (exact header value, "Bearer …" included as sent) */
  validTokens: string[];
}

export interface DeploymentModel {
  id: string;
  /** ISO date; decides which deployment is newest */
  createdDate: string;
  description?: string;
  /** the API definition frozen at deployment time */
  resources: ResourcesModel;
}

export interface StageModel {
  name: string;
  deploymentId: string;
  /** a WAF web ACL is associated; `wafBlocks` makes it block every request */
  webAclArn?: string;
  wafBlocks?: boolean;
}

/** API Gateway gateway-response types (MISSING_AUTHENTICATION_TOKEN, ACCESS_DENIED, …) */
export interface GatewayResponseModel {
  statusCode?: number;
  /** the body template, already rendered: sent as is */
  body?: string;
  headers?: Record<string, string>;
}

export interface RestApiModel {
  id: string;
  name?: string;
  endpointType?: 'REGIONAL' | 'EDGE' | 'PRIVATE';
  /** a resource policy document (JSON string); `denyAll` makes it deny every IAM caller */
  policy?: string;
  /** current definition */
  resources: ResourcesModel;
  authorizers?: AuthorizerModel[];
  deployments: DeploymentModel[];
  stages: StageModel[];
  gatewayResponses?: Record<string, GatewayResponseModel>;
  createdDate?: string;
}

export interface ApiKeyModel {
  id: string;
  value: string;
  name?: string;
  enabled?: boolean; // default true
}

export interface UsagePlanModel {
  id: string;
  name?: string;
  apiStages: { apiId: string; stage: string }[];
  /** ids of API keys in the plan */
  keys: string[];
}

export interface BasePathMappingModel {
  /** "(none)" for the empty base path, as API Gateway shows it */
  basePath: string;
  restApiId: string;
  stage: string;
}

export interface DomainNameModel {
  domainName: string;
  mappings: BasePathMappingModel[];
}

/** An AWS identity the emulator knows. Requests signed with an unknown key → UnrecognizedClient. */
export interface IdentityModel {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** the session token has expired → ExpiredToken */
  expired?: boolean;
  /** may call execute-api:Invoke (default true); false → AccessDenied */
  invoke?: boolean;
  /** may call the control plane apigateway:GET (default true); false → AccessDenied there */
  controlPlane?: boolean;
  /** shown in AccessDenied messages, e.g. arn:aws:sts::123456789012:assumed-role/deploy/ci */
  arn?: string;
}

export interface EmulatorModel {
  region?: string; // default us-east-1
  accountId?: string; // default 123456789012
  apis: RestApiModel[];
  apiKeys?: ApiKeyModel[];
  usagePlans?: UsagePlanModel[];
  domainNames?: DomainNameModel[];
  identities?: IdentityModel[];
  /**
   * Drop x-amzn-ErrorType (and the other x-amz* headers) from gateway errors,
   * as some proxies in front of API Gateway do.
   */
  stripErrorTypeHeader?: boolean;
  /** added to every data-plane and control-plane request, milliseconds */
  latencyMs?: number;
}

/**
 * A fault injected into the first `count` matching requests.
 * `target` is a control-plane operation name ("GetResources") or a data-plane route
 * "<VERB> <path as requested, after the stage>" ("GET /users/42"), or "*" for every data-plane request.
 *
 * Kinds, on both planes unless said:
 * - `throttle`: 429 TooManyRequests with Retry-After (`retryAfter`, default 1; `null` sends none)
 * - `server-error`: a 5xx (data plane 500 InternalServerError; control plane 503 ServiceUnavailable)
 * - `reset`: the connection is dropped before any answer
 * - `hang`: the request is accepted and never answered (the connection stays open)
 * - `status` (data plane): a bare `status` (502/503/504 …) from something in front of the gateway
 * - `malformed-json` (control plane): 200 with a body that is not JSON
 * - `reset-mid-body` (data plane): 200, half the announced body, then the connection drops
 * - `huge-body` (data plane): 200 with a body of `bytes` bytes, streamed as the client reads it
 * - `endless-body` (data plane): 200 with a chunked body that never ends
 * - `redirect` (data plane): 302 to `location`
 */
export interface FaultModel {
  target: string;
  count: number;
  kind: 'throttle' | 'server-error' | 'reset' | 'hang' | 'status' | 'malformed-json' | 'reset-mid-body' | 'huge-body' | 'endless-body' | 'redirect';
  /** seconds for Retry-After on throttle (default 1); null: no Retry-After header */
  retryAfter?: number | null;
  /** status for `status` */
  status?: number;
  /** body size for `huge-body` */
  bytes?: number;
  /** Location for `redirect` */
  location?: string;
}
