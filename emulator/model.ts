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
  /**
   * tokens for which the Lambda function returns a policy with an explicit Deny:
   * 403 AccessDeniedException `{"Message":"User is not authorized to access this resource with an explicit deny"}`
   */
  denyTokens?: string[];
  /**
   * Lambda authorizers: the method ARNs the function's Allow policy lists for a valid token
   * (wildcards `*` and `?`; default every method). A method it does not cover is refused with
   * 403 `{"Message":"User is not authorized to access this resource"}` unless the API's resource
   * policy allows the caller (`policyEvaluation: 'full'`) — the classic policy cached for one path
   * of a `{proxy+}` and replayed for another.
   */
  allowedResources?: string[];
  /**
   * TOKEN authorizers: a regular expression the whole token must match, or the gateway answers
   * 401 Unauthorized without running the function (GetAuthorizers shows it). REQUEST authorizers
   * ignore it, as on AWS; for COGNITO_USER_POOLS (where AWS matches it against the token's `aud`)
   * the data plane ignores it too.
   */
  identityValidationExpression?: string;
  /**
   * token → the API key value the function returns as `usageIdentifierKey`; the key a method with
   * `apiKeyRequired` is checked with when the API's `apiKeySource` is AUTHORIZER
   */
  usageIdentifierKeys?: Record<string, string>;
}

export interface DeploymentModel {
  id: string;
  /** ISO date; decides which deployment is newest */
  createdDate: string;
  description?: string;
  /** the API definition frozen at deployment time */
  resources: ResourcesModel;
  /**
   * The resource policy this deployment froze: a policy change takes effect on the data plane only
   * when the API is deployed again. Unset: the API's current `policy` (deployed with it); null:
   * deployed before the API had one. `EmulatorState.deploy()` freezes the current policy.
   */
  policy?: string | null;
}

/**
 * A canary on a stage (GetStage `canarySettings`): `percentTraffic` % of the stage's data-plane
 * requests are served from `deploymentId`'s frozen resources instead of the stage's deployment.
 * Real AWS picks at random; the emulator spreads the canary requests evenly over the sequence of
 * the stage's requests, so that of every 100 consecutive requests exactly `percentTraffic` (rounded
 * down) go to the canary — 50 alternates stable, canary, stable, … (the 2nd, 4th, … request is the
 * canary's). `EmulatorState.canaryServed` counts both sides; `resetCounters()` restarts the sequence.
 * Stage variables are not modelled: `stageVariableOverrides` only shows in GetStage.
 */
export interface CanarySettingsModel {
  percentTraffic: number;
  deploymentId: string;
  stageVariableOverrides?: Record<string, string>;
  useStageCache?: boolean; // default false
}

export interface StageModel {
  name: string;
  deploymentId: string;
  /** a WAF web ACL is associated; `wafBlocks` makes it block every request */
  webAclArn?: string;
  wafBlocks?: boolean;
  canarySettings?: CanarySettingsModel;
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
  /**
   * GetRestApi shows EDGE when unset. Only an explicit 'EDGE' makes the data plane answer through
   * API Gateway's CloudFront distribution (Via, X-Amz-Cf-Id, X-Amz-Cf-Pop, X-Cache on every answer).
   */
  endpointType?: 'REGIONAL' | 'EDGE' | 'PRIVATE';
  /** the region the API lives in (default: the model's); its execute-api host names it */
  region?: string;
  /**
   * The default execute-api endpoint is turned off: every request to
   * `<id>.execute-api.<region>.amazonaws.com` answers 403 `{"message":"Forbidden"}`; custom domains still work.
   */
  disableExecuteApiEndpoint?: boolean;
  /**
   * The setting above is saved but not in effect yet: AWS applies it when a setting of any stage is
   * next updated (a deployment to a stage included). GetRestApi already shows true, the execute-api
   * host still serves. `EmulatorState.deploy()` to a stage puts it into effect.
   */
  disableExecuteApiEndpointPending?: boolean;
  /** where a method with `apiKeyRequired` takes the key from (default HEADER: `x-api-key`) */
  apiKeySource?: 'HEADER' | 'AUTHORIZER';
  /** a resource policy document (JSON string); `denyAll` makes it deny every IAM caller */
  policy?: string;
  /**
   * How the data plane evaluates `policy`. 'explicit-deny' (default): only unconditional Deny
   * statements for everyone count, every other caller is let through. 'full': IAM evaluation —
   * Allow and Deny, Principal lists, NotAction/NotResource and Condition blocks
   * (IpAddress/NotIpAddress, String(Not)Equals/String(Not)Like on aws:SourceIp, aws:SourceVpce,
   * aws:SourceVpc, aws:PrincipalArn, aws:PrincipalAccount); a caller no Allow covers is refused with the
   * implicit-deny AccessDenied. See emulator/data/policy-evaluation.ts.
   */
  policyEvaluation?: 'explicit-deny' | 'full';
  /**
   * GetDeployment(embed=apisummary) lists each method as `{}`, without authorizationType and
   * apiKeyRequired (as some emulators do, and as a future shape might).
   */
  apiSummaryWithoutAuth?: boolean;
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

/**
 * One cache behavior of a CloudFront distribution. CloudFront forwards the request path whole:
 * the gateway sees `originPath` + the path as requested (the path pattern is NOT stripped), so
 * `/api/*` with originPath `/prod` forwards `/api/users` as `/prod/api/users`.
 */
export interface DistributionBehaviorModel {
  /** CloudFront path pattern ("/api/*", "*.json", "*" for the default behavior); `*` and `?` wildcards, case-sensitive */
  pathPattern: string;
  /** an execute-api host or a custom domain of the model: the Host the gateway sees */
  originDomain: string;
  /** prefixed to the forwarded path ("/prod"); default none */
  originPath?: string;
  /**
   * The origin request policy forwards the viewer's Host header (e.g. AllViewer). API Gateway then
   * routes on the distribution's name: 403 `{"message":"Forbidden"}` unless that name is a custom
   * domain of the model.
   */
  forwardHostHeader?: boolean;
}

/**
 * A user's CloudFront distribution in front of the gateway. Requests reach it on the data plane by
 * Host header, like custom domains. Behaviors are tried in order (list the `*` default last); a path
 * no behavior matches is answered 403 by CloudFront (an emulator choice: real distributions always
 * have a default behavior). Answers carry the CloudFront headers plus the gateway's own.
 */
export interface DistributionModel {
  /** "d111111abcdef8.cloudfront.net" */
  domainName: string;
  /** alternate domain names (CNAMEs) that reach the same distribution */
  aliases?: string[];
  behaviors: DistributionBehaviorModel[];
  /**
   * The address the gateway sees the request come from (aws:SourceIp): CloudFront's origin-facing
   * address, not the viewer's. Default 130.176.0.1 (a CloudFront origin-facing range).
   */
  originFacingIp?: string;
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
  /** CloudFront distributions in front of the gateway (reached by Host header) */
  distributions?: DistributionModel[];
  /**
   * The caller's address for resource-policy conditions (aws:SourceIp). Default: the connection's
   * remote address (127.0.0.1 on loopback). Requests through a distribution come from its `originFacingIp`.
   */
  sourceIp?: string;
  /**
   * The interface VPC endpoint the caller comes through (aws:SourceVpce). Default none: a runner on
   * the public internet, where aws:SourceVpce is absent from the request context.
   */
  sourceVpce?: string;
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
  kind:
    | 'throttle'
    | 'server-error'
    | 'reset'
    | 'hang'
    | 'status'
    | 'malformed-json'
    | 'reset-mid-body'
    | 'huge-body'
    | 'endless-body'
    | 'redirect';
  /** seconds for Retry-After on throttle (default 1); null: no Retry-After header */
  retryAfter?: number | null;
  /** status for `status` */
  status?: number;
  /** body size for `huge-body` */
  bytes?: number;
  /** Location for `redirect` */
  location?: string;
}
