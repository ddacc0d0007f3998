// The data that flows between the pipeline stages:
//   manifest ─► plan ─► snapshot (control plane) ─► probe (data plane) ─► diagnose ─► report
// Every stage is a pure function of these shapes; only src/main.ts touches inputs and outputs.

/** Where a thing was declared, for error messages and annotations. Lines and columns are 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** `auth` as written in the manifest. `auto` takes it from the deployed method. */
export type AuthMode = 'auto' | ResolvedAuth;
/** How a request is actually sent. */
export type ResolvedAuth = 'none' | 'api-key' | 'iam' | 'iam+api-key' | 'token' | 'token+api-key';

/**
 * `expect` after parsing: a response meets it when its status is in `codes`, or its
 * status class (2 for 2xx …) is in `classes`, or `reachable` is set and the gateway
 * routed and authorized the request (no gateway error type).
 */
export interface ExpectSpec {
  codes: number[];
  classes: number[];
  reachable: boolean;
  /** as written, for messages: "2xx", "[201, 409]", "reachable" */
  text: string;
}

export interface CorsSpec {
  origin: string;
  /** Access-Control-Request-Method */
  method: string;
  /** Access-Control-Request-Headers */
  headers: string[];
}

/** One route of the manifest, validated, defaults applied. */
export interface RouteSpec {
  /** "GET /users/{id}" — the identity of the route in reports and annotations */
  route: string;
  /** upper case; OPTIONS when it is a CORS preflight */
  method: string;
  /** the resource path template, "/users/{id}"; always starts with "/" */
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** the request body as sent; objects were serialised to JSON */
  body?: string;
  /** the content-type to send with `body` when no header names one */
  bodyContentType?: string;
  expect: ExpectSpec;
  auth: AuthMode;
  cors?: CorsSpec;
  /** `negative: false` in the manifest: no negative probe for this route (absent means probe) */
  negative?: false;
  source: SourceLocation;
}

export interface ManifestApi {
  restApiId?: string;
  stage?: string;
  region?: string;
  baseUrl?: string;
}

export interface Manifest {
  /** path as given (relative to the workspace), used in messages and annotations */
  file: string;
  api: ManifestApi;
  /** where each key of the api block was written, for annotations */
  apiSource: Partial<Record<keyof ManifestApi, SourceLocation>>;
  routes: RouteSpec[];
  /** set when the routes come from an OpenAPI 3 / Swagger 2 document, which has no `api` block */
  openApi?: true;
}

/** A problem in the user's input (manifest or action inputs), found before any request is sent. */
export interface InputProblem {
  message: string;
  /** what to change */
  fix: string;
  source?: SourceLocation;
}

// ─── Control plane ───────────────────────────────────────────────────────────

export interface MethodInfo {
  /** NONE | AWS_IAM | CUSTOM | COGNITO_USER_POOLS */
  authorizationType: string;
  apiKeyRequired: boolean;
  authorizerId?: string;
}

/** resource path ("/users/{id}") → HTTP verb ("GET", "ANY", "OPTIONS") → method */
export type MethodTable = Record<string, Record<string, MethodInfo>>;

export interface AuthorizerInfo {
  id: string;
  name: string;
  /** TOKEN | REQUEST | COGNITO_USER_POOLS */
  type: string;
  /** "method.request.header.Authorization" */
  identitySource?: string;
  providerARNs?: string[];
  /** TOKEN authorizers: the regex a token must match (whole) before the function runs */
  identityValidationExpression?: string;
}

/**
 * How far a part of the control plane could be read:
 * `ok` read; `not-found` the service said NotFound; `denied` AccessDenied;
 * `skipped` not attempted (an earlier part failed, or no credentials); `error` anything else.
 */
export type ReadStatus = 'ok' | 'not-found' | 'denied' | 'skipped' | 'error';

/** One read of the control plane; `stage` covers GetStages, `deployment` the stage's GetDeployment. */
export type SnapshotPart = 'api' | 'stage' | 'deployments' | 'deployment' | 'resources' | 'authorizers';

export interface PartRead {
  status: ReadStatus;
  error?: string;
}

export interface Snapshot {
  restApiId: string;
  stage: string;
  region: string;
  /** how each part was read (absent in snapshots built by hand, as in tests) */
  parts?: Record<SnapshotPart, PartRead>;

  api: {
    status: ReadStatus;
    name?: string;
    /** REGIONAL | EDGE | PRIVATE */
    endpointTypes?: string[];
    hasResourcePolicy?: boolean;
    /** the resource policy, parsed; absent when there is none or it is not JSON */
    policy?: PolicyDocument;
    /** HEADER (x-api-key) | AUTHORIZER (the Lambda authorizer's usageIdentifierKey) */
    apiKeySource?: string;
    /** GetRestApi `disableExecuteApiEndpoint`: the execute-api host answers 403 Forbidden to everything */
    disableExecuteApiEndpoint?: boolean;
    error?: string;
  };
  stageInfo: {
    status: ReadStatus;
    deploymentId?: string;
    webAclArn?: string;
    /** GetStage `canarySettings`: `percentTraffic` % of requests are served by `deploymentId` */
    canary?: { deploymentId: string; percentTraffic: number };
    /** every stage of the API (for suggestions); empty when unreadable */
    existingStages: string[];
    error?: string;
  };
  latestDeployment?: { id: string; createdDate?: string };
  /** GetDeployment(stage's deployment, embed apisummary): what the stage serves */
  deployed?: MethodTable;
  /**
   * The deployed summary listed methods without authorizationType/apiKeyRequired (a partial
   * control plane): what each deployed method asks of a caller was taken from the current definition.
   */
  authFromDefinition?: boolean;
  /** GetDeployment(the canary's deployment, embed apisummary): what the canary's share of requests is served by */
  canaryDeployed?: MethodTable;
  /** GetResources(embed methods): the current definition, possibly not deployed yet */
  defined?: MethodTable;
  authorizers: Record<string, AuthorizerInfo>;
  /** management calls made, by operation name ("GetResources": 2) */
  calls: Record<string, number>;
  /** the custom domain `base-url` is on, when it is not an execute-api host (src/aws/domain.ts) */
  domain?: DomainReadout;
}

/** An IAM policy document as GetRestApi returns it (parsed): only what the diagnoses read is typed. */
export interface PolicyDocument {
  Version?: string;
  Statement: PolicyStatement[];
}

export interface PolicyStatement {
  Sid?: string;
  Effect: string;
  Principal?: unknown;
  NotPrincipal?: unknown;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

/** One base-path mapping of a custom domain: "(none)" is the empty base path, "v1/orders" a multi-level one. */
export interface DomainMapping {
  basePath: string;
  restApiId: string;
  stage: string;
}

/** A custom domain name as GetDomainName and GetBasePathMappings describe it. */
export interface DomainReadout {
  status: ReadStatus;
  domainName: string;
  mappings: DomainMapping[];
  /** GetDomainName's domainNameStatus (AVAILABLE, UPDATING, PENDING…), when it could be read */
  domainNameStatus?: string;
  /** stage name → deployment id of the verified API, read when a mapping leads to another of its stages */
  stageDeployments?: Record<string, string>;
  error?: string;
  /** management calls made for it */
  calls: Record<string, number>;
}

// ─── Data plane ──────────────────────────────────────────────────────────────

/** One HTTP attempt of a check. */
export interface Attempt {
  status?: number;
  errorType?: string;
  /** network error code or message when no response came */
  networkError?: string;
  durationMs: number;
}

/**
 * What the gateway (or something in front of it) said, classified by
 * x-amzn-ErrorType first, then the body, then the status.
 */
export interface Classification {
  /** e.g. MissingAuthenticationTokenException; absent for a backend answer */
  errorType?: string;
  /**
   * where errorType came from; `control-plane`: a 4xx nothing names, for a request no deployed
   * method serves — a customised MAT response behind a proxy that dropped x-amzn-ErrorType
   */
  by?: 'header' | 'body' | 'status' | 'control-plane';
  /** the gateway's "message" when the body had one */
  message?: string;
}

/**
 * What came back for one route's request, after retries: exactly one of three cases.
 * `classification` is the data plane's own reading of the answer (header, body, status).
 */
export type Answer =
  | { kind: 'answered'; status: number; headers: Record<string, string>; body: string; classification: Classification }
  | { kind: 'network-error'; error: string }
  /** the request could not be built (a path parameter without a value …); the check is failed */
  | { kind: 'not-sent'; reason: string }
  /** the run was cancelled before the route had its answer: the check is skipped */
  | { kind: 'cancelled' };

/** The result of sending one route's request (after retries). */
export interface ProbeResult {
  route: RouteSpec;
  method: string;
  url: string;
  auth: ResolvedAuth;
  /** where `auth` came from: the manifest, or the deployed method (auto) */
  authFrom: 'manifest' | 'deployed' | 'default';
  /** what was attached to the request */
  sent: { apiKey: boolean; signed: boolean; token: boolean; tokenHeader?: string };
  answer: Answer;
  attempts: Attempt[];
  durationMs: number;
  /** a curl command that sends the same request; secrets replaced by env var references */
  reproduce: string;
  /** the same request sent again without its credentials (src/probe/negative.ts); absent when none was sent */
  negative?: NegativeProbe[];
}

/**
 * How a request sent without credentials fared: `refused` the gateway turned it away for want
 * of them; `not-enforced` it got past authorization (a backend answer, or an error only sent
 * after it); `inconclusive` nothing to judge by (no answer, throttled …).
 */
export type Refusal = 'refused' | 'not-enforced' | 'inconclusive';

/** One request sent with no credential at all, to prove a protected route refuses it. */
export interface NegativeProbe {
  /** `bare`: nothing attached; `wrong-token`: a well-formed JWT no authorizer can have issued */
  kind: 'bare' | 'wrong-token';
  /** what the smoke request carried and this one did not, in words: "the SigV4 signature" */
  removed: string[];
  method: string;
  url: string;
  /** the header a wrong token went in */
  tokenHeader?: string;
  answer: Answer;
  refusal: Refusal;
  /** a curl command that sends it (no secret: it carries none) */
  reproduce: string;
}

/** One unsigned request for a verb (or a path) a less protected `ANY` / `{proxy+}` serves beside a protected route. */
export interface BypassProbe {
  /** the declared protected route: "POST /admin" */
  route: string;
  /** what was sent: "GET /admin" */
  request: string;
  url: string;
  answer: Answer;
  refusal: Refusal;
}

// ─── Diagnosis and report ────────────────────────────────────────────────────

export type Severity = 'error' | 'warning' | 'notice';

export interface Diagnosis {
  code: string;
  severity: Severity;
  title: string;
  explanation: string;
  fix: string;
  evidence: Record<string, unknown>;
  /** a copy-paste command; secrets replaced by env var names */
  reproduce?: string;
  /** URL of the docs section for this code */
  docs: string;
}

export type Outcome = 'passed' | 'failed' | 'warning' | 'skipped';

export interface Check {
  route: string;
  method: string;
  url: string;
  auth: ResolvedAuth;
  status: number | null;
  errorType: string | null;
  outcome: Outcome;
  /** why a skipped check was skipped ("cancelled before it was checked") */
  reason?: string;
  durationMs: number;
  attempts: number;
  source: { file: string; line: number; column?: number };
  diagnosis: Diagnosis | null;
}

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  evidence: Record<string, unknown>;
  docs: string;
  /** where to annotate; the manifest line of the api block or of a route */
  source?: { file: string; line: number; column?: number };
}

export interface Report {
  version: 1;
  result: 'passed' | 'failed';
  api: {
    restApiId: string;
    stage: string;
    region: string;
    baseUrl: string;
    stageDeploymentId: string | null;
    latestDeploymentId: string | null;
  };
  findings: Finding[];
  checks: Check[];
  /** counts as the outputs give them */
  totals: { total: number; passed: number; failed: number; skipped: number; missingAuthenticationToken: number };
  controlPlaneCalls: Record<string, number>;
  /** why the definition (GetResources) was read, or why not */
  definitionRead?: string;
  /**
   * Requests sent without credentials to protected routes, counted apart from the checks (the
   * totals count smoke checks only); absent when `negative-probes` is off
   */
  negativeProbes?: NegativeProbeTotals;
  durationMs: number;
  /** present when the run checked one shard (`shard: k/n`); `routes` is how many routes it had */
  shard?: { index: number; count: number; routes: number };
  /** `deployed`: the routes were every method of the stage's deployment (`routes: deployed`), not a manifest's */
  routesFrom?: 'deployed';
  /** the workflow run that published the report (src/report/run-link.ts); null outside GitHub Actions */
  run?: RunLink | null;
}

/** The commit a run verified and the link to the run, each null when the environment did not give a valid one. */
export interface RunLink {
  sha: string | null;
  url: string | null;
}

export interface NegativeProbeTotals {
  sent: number;
  refused: number;
  notEnforced: number;
  inconclusive: number;
  /** `deployed`: which routes are protected came from the deployed methods; `manifest`: only from explicit `auth:` values */
  basis: 'deployed' | 'manifest';
}
