// The facts every diagnosis rests on, computed once per check: what came back, what the
// deployed and the defined API serve for the request, what the serving method asks of a
// caller, whether the gateway missed the route, and whether the request reached the stage.
// Rules are predicates over this; none of them recomputes a routing fact.
import { authOfMethod, authorizerOf, identityHeaders } from '../authorizers.ts';
import { GatewayError } from '../gateway-errors.ts';
import type { ServedBy } from '../routing.ts';
import { concretePath, servedBy } from '../routing.ts';
import type { Settings } from '../settings.ts';
import type {
  Answer,
  AuthorizerInfo,
  BypassProbe,
  Classification,
  Manifest,
  MethodTable,
  NegativeProbe,
  PartRead,
  ProbeResult,
  ResolvedAuth,
  Snapshot,
} from '../types.ts';
import { meetsExpectation } from '../expect.ts';
import { jwtClaims } from './jwt.ts';
import { executeApiBaseUrl, mappedBaseUrl, mappingFor, parseExecuteApiUrl } from './paths.ts';
import type { DomainMapping } from '../types.ts';
import { withControlPlaneEvidence } from './unserved.ts';

export type DiagnoseSettings = Pick<Settings, 'baseUrl' | 'baseUrlIsDefault' | 'stage' | 'region' | 'restApiId'>;

/** What a check's diagnosis starts from. `snapshot` parts may be missing (not read, denied). */
export interface CheckInput {
  check: ProbeResult;
  snapshot: Snapshot;
  settings: DiagnoseSettings;
  /** AWS credentials were available for signing */
  hasCredentials: boolean;
  /**
   * Safe claims decoded (not verified) from the authorizer-token input when it is a JWT:
   * exp, iat, aud, client_id, iss, token_use, scope. Never the token itself.
   */
  tokenClaims?: Record<string, unknown>;
  /** the follow-up request's answer (src/front-door.ts), when one was made */
  direct?: DirectAnswer;
  /** blind mode: the SigV4-signed retry of an unsigned request answered MAT (src/follow-up.ts), when one was made */
  signedRetry?: DirectAnswer;
  /** the runner's public address, learned when a resource policy filtering on aws:SourceIp refused a check */
  runnerIp?: string;
  /** ids of the TOKEN authorizers whose identityValidationExpression the authorizer-token does not match (whole) */
  tokenFailsValidation?: ReadonlySet<string>;
  /** `openapi`: the route was read from an OpenAPI document, so a fix edits that (default: the manifest) */
  routesIn?: RoutesDocument;
}

/** What the routes were written in: a fix that edits a route says where, in its words. */
export type RoutesDocument = 'manifest' | 'openapi';

/**
 * What one method table says about the request: `unknown` not read (skipped, or nothing to
 * read it from), `denied`/`error` the read failed, `none` read and nothing serves the verb
 * and path (the gateway would answer MAT), `served` the method that serves it.
 */
export type TableLookup =
  | { state: 'unknown' }
  | { state: 'denied' | 'error'; error: string | undefined }
  | { state: 'none'; table: MethodTable }
  | { state: 'served'; table: MethodTable; by: ServedBy };

export interface ServedMethod extends ServedBy {
  /** the table it was found in */
  from: 'deployed' | 'defined';
}

export interface UrlStageProblem {
  baseUrl: string;
  /** the first path segment of the request URL, which the gateway took as the stage; null when there was none */
  takenAsStage: string | null;
  /** the API's stages; empty when they could not be read */
  existingStages: string[];
  reason: 'no-stage-segment' | 'not-a-stage';
}

export interface GatewayMiss {
  /** the gateway answered "Missing Authentication Token": nothing served the request, or an unsigned IAM call */
  mat: boolean;
  /**
   * The gateway found nothing to serve the request: MAT, or — when the unsigned request carried
   * an `Authorization` header that is not SigV4 — IncompleteSignatureException, which API
   * Gateway answers for an unmatched route instead of MAT.
   */
  noMatch: boolean;
  /** no match, or the Forbidden some set-ups answer for an unknown API or stage */
  noMatchOrForbidden: boolean;
  /** how the gateway said it found nothing, for explanations: "… so the gateway answered <this>" */
  phrase: string;
}

export interface Evidence {
  /** the request as sent: route, url, auth, what was attached, attempts, reproduce command */
  check: ProbeResult;
  /** what came back; a 4xx nothing names is relabelled MAT when no deployed method serves the request */
  answer: Answer;
  /** the answer's status; undefined when there was no answer */
  status: number | undefined;
  /** the answer's classification; empty when there was no answer */
  classification: Classification;
  snapshot: Snapshot;
  settings: DiagnoseSettings;
  hasCredentials: boolean;
  tokenClaims: Record<string, unknown> | undefined;
  routesIn: RoutesDocument;
  /** the answer met the route's `expect` */
  expectationMet: boolean;
  /** the verb and the concrete path (parameters filled in, relative to the stage) the gateway routes on */
  request: { verb: string; path: string };
  deployed: TableLookup;
  defined: TableLookup;
  /** is there any method table to look in? Without one a rule can only read the answer */
  hasMethodTable: boolean;
  /** what serves the request: the deployed table decides; the definition stands in only when it could not be read */
  served: ServedMethod | undefined;
  /** what the served method asks of a caller */
  auth: {
    /** in the manifest's words; undefined for no method or an authorization type we do not know */
    required: ResolvedAuth | undefined;
    authorizer: AuthorizerInfo | undefined;
    /** header names among the authorizer's identity sources */
    identityHeaders: string[];
    /** the token sent does not match the authorizer's identityValidationExpression: refused before the function ran */
    tokenFailsValidation?: boolean;
  };
  /** the runner's public address, when it was learned (a resource policy filters on aws:SourceIp) */
  runnerIp?: string;
  miss: GatewayMiss;
  /** the base URL is on the API's execute-api host but its path does not start with a stage */
  urlStageProblem: UrlStageProblem | undefined;
  /** nothing known rules out that the request reached the configured API and stage */
  reachedStage: boolean;
  /** base-url's execute-api host names another API or region */
  baseUrlMismatch?: BaseUrlMismatch;
  /** segments after the stage in an execute-api base-url ("/api/v1"): the gateway routes on them too */
  basePrefix?: string;
  /** the custom domain the request went through, when its mappings were read */
  frontDoor?: FrontDoor;
  /** the follow-up request to the direct execute-api URL, when one was made */
  direct?: DirectAnswer;
  /** blind mode: the same URL sent again, SigV4-signed, after an unsigned MAT, when one was made */
  signedRetry?: DirectAnswer;
  /** the requests sent without credentials for this route (src/probe/negative.ts) */
  negative: NegativeFacts;
  /** the stage has a canary and both deployments' summaries were read: which of them serves the request */
  canary?: CanaryFacts;
  /** the answer came through CloudFront (Via / X-Amz-Cf-Id): whose distribution */
  cloudFront?: CloudFrontFacts;
}

/**
 * CloudFront answered: API Gateway's own edge distribution (an EDGE API on its execute-api host or
 * on a custom domain mapped to it), or a user's distribution in front of the gateway (any other host).
 */
export interface CloudFrontFacts {
  distribution: 'user' | 'api-gateway';
  /** CloudFront hops in Via */
  hops: number;
  /** X-Amz-Cf-Pop, when it looks like one */
  pop?: string;
}

/** A stage with a canary: each request is served by one of two deployments. */
export interface CanaryFacts {
  stableDeploymentId: string;
  canaryDeploymentId: string;
  /** the share of requests the canary's deployment serves */
  percentTraffic: number;
  inStable: boolean;
  inCanary: boolean;
}

/** `base-url`'s execute-api host names another API or region than the control plane read. */
export interface BaseUrlMismatch {
  baseUrl: string;
  urlApiId: string;
  urlRegion: string;
  restApiId: string;
  region: string;
}

/** A request through a custom domain (base-url's host is not an execute-api host), read from its mappings. */
export interface FrontDoor {
  domainName: string;
  mappings: DomainMapping[];
  /** the mapping the gateway picked and the path after its base path; undefined: none matches (Forbidden) */
  landed: { mapping: DomainMapping; path: string } | undefined;
  /** the landing is the verified API and stage */
  onVerifiedStage: boolean;
  /** base URLs on the domain that lead to the verified API and stage */
  rightBaseUrls: string[];
  /** the direct invoke URL of the verified stage */
  directBaseUrl: string;
  /** stage → deployment id, when a mapping leads to another stage of the API */
  stageDeployments?: Record<string, string>;
  /** GetDomainName's status (AVAILABLE, UPDATING …) when read */
  domainNameStatus?: string;
}

/** A follow-up request's answer (src/follow-up.ts): the direct execute-api URL, or a signed retry of the same URL. */
export interface DirectAnswer {
  url: string;
  status?: number;
  errorType?: string;
  /** why there was no answer */
  error?: string;
  /** the answer met the route's expect */
  met: boolean;
}

/** A route's negative probes, judged once: did the gateway refuse each request sent without credentials? */
export interface NegativeFacts {
  probes: NegativeProbe[];
  /** the probes the gateway let through: the route does not enforce what it was sent without */
  notEnforced: NegativeProbe[];
  /**
   * where "this route is protected" came from: the deployed method, or only the manifest's
   * explicit `auth` (the control plane could not be read)
   */
  basis: 'deployed' | 'manifest';
}

/** The whole run, as a stage-level finding sees it. */
export interface RunEvidence {
  snapshot: Snapshot;
  settings: Settings;
  manifest: Manifest;
  hasCredentials: boolean;
  checks: Evidence[];
  /** unsigned requests sent through the open doors beside protected routes (auth-bypass-via-proxy) */
  bypassProbes: BypassProbe[];
}

/** What a run's findings start from, before each check's evidence is computed. */
export interface RunInput {
  snapshot: Snapshot;
  settings: Settings;
  manifest: Manifest;
  probes: ProbeResult[];
  hasCredentials: boolean;
  bypassProbes?: BypassProbe[];
  /** the runner's public address (src/runner-ip.ts), when it was learned */
  runnerIp?: string;
}

const KNOWN_AUTHORIZATION_TYPES = new Set(['NONE', 'AWS_IAM', 'CUSTOM', 'COGNITO_USER_POOLS']);

export function evidenceOf(input: CheckInput): Evidence {
  const { check, snapshot, settings } = input;
  const baseUrlMismatch = baseUrlMismatchOf(settings);
  const frontDoor = frontDoorOf(settings, snapshot, check.url);
  const basePrefix = baseUrlMismatch ? undefined : basePrefixOf(settings);
  const routePath = concretePath(check.route.path, check.route.params);
  // The path the stage routes on: after the stage and any prefix in base-url, or after the
  // custom domain's base path when the mapping leads to the verified stage.
  const gatewayPath =
    frontDoor?.onVerifiedStage && frontDoor.landed ? frontDoor.landed.path : basePrefix ? joinPath(basePrefix, routePath) : routePath;
  const request = { verb: check.method.toUpperCase(), path: gatewayPath };
  const parts = snapshot.parts;
  const deployed = lookup(
    snapshot.deployed,
    request,
    parts ? [parts.api, parts.stage, parts.deployment] : [snapshot.api, snapshot.stageInfo],
  );
  const defined = lookup(snapshot.defined, request, parts ? [parts.api, parts.resources] : [snapshot.api]);

  const status = check.answer.kind === 'answered' ? check.answer.status : undefined;
  const raw = check.answer.kind === 'answered' ? check.answer.classification : {};
  const classification = withControlPlaneEvidence(
    raw,
    status,
    deployed.state === 'served' ? 'served' : deployed.state === 'none' ? 'none' : 'unknown',
  );
  const answer: Answer = check.answer.kind === 'answered' && classification !== raw ? { ...check.answer, classification } : check.answer;

  const served = servedOf(deployed, defined);
  const authorizer = authorizerOf(snapshot, served?.method);
  const urlStage = urlStageProblem(settings, snapshot, check.url);
  return {
    check,
    answer,
    status,
    classification,
    snapshot,
    settings,
    hasCredentials: input.hasCredentials,
    tokenClaims: input.tokenClaims,
    routesIn: input.routesIn ?? 'manifest',
    expectationMet: meetsExpectation(check.route.expect, status, classification),
    request,
    deployed,
    defined,
    hasMethodTable: snapshot.deployed !== undefined || snapshot.defined !== undefined,
    served,
    auth: {
      required: served && KNOWN_AUTHORIZATION_TYPES.has(served.method.authorizationType) ? authOfMethod(served.method) : undefined,
      authorizer,
      identityHeaders: identityHeaders(authorizer),
      ...(authorizer && check.sent.token && input.tokenFailsValidation?.has(authorizer.id) ? { tokenFailsValidation: true } : {}),
    },
    ...(input.runnerIp ? { runnerIp: input.runnerIp } : {}),
    miss: gatewayMiss(check, status, classification),
    urlStageProblem: urlStage,
    reachedStage:
      snapshot.api.status !== 'not-found' &&
      snapshot.stageInfo.status !== 'not-found' &&
      !urlStage &&
      !baseUrlMismatch &&
      (!frontDoor || frontDoor.onVerifiedStage),
    negative: negativeFacts(check, snapshot),
    ...(baseUrlMismatch ? { baseUrlMismatch } : {}),
    ...(basePrefix ? { basePrefix } : {}),
    ...(frontDoor ? { frontDoor } : {}),
    ...(input.direct ? { direct: input.direct } : {}),
    ...(input.signedRetry ? { signedRetry: input.signedRetry } : {}),
    ...canaryOf(snapshot, request),
    ...cloudFrontOf(check, snapshot, settings),
  };
}

function cloudFrontOf(check: ProbeResult, snapshot: Snapshot, settings: DiagnoseSettings): { cloudFront?: CloudFrontFacts } {
  if (check.answer.kind !== 'answered') return {};
  const { headers } = check.answer;
  const via = headers.via ?? '';
  const hops = via.split(',').filter((hop) => /cloudfront/i.test(hop)).length;
  if (hops === 0 && headers['x-amz-cf-id'] === undefined) return {};
  const mapped = snapshot.domain?.status === 'ok' && snapshot.domain.mappings.some((m) => m.restApiId === settings.restApiId);
  const pop = headers['x-amz-cf-pop'];
  return {
    cloudFront: {
      distribution: parseExecuteApiUrl(settings.baseUrl) || mapped ? 'api-gateway' : 'user',
      hops: Math.max(hops, 1),
      ...(pop && /^[A-Za-z0-9-]{1,16}$/.test(pop) ? { pop } : {}),
    },
  };
}

function canaryOf(snapshot: Snapshot, request: { verb: string; path: string }): { canary?: CanaryFacts } {
  const canary = snapshot.stageInfo.canary;
  const stableDeploymentId = snapshot.stageInfo.deploymentId;
  if (!canary || !stableDeploymentId || !snapshot.deployed || !snapshot.canaryDeployed) return {};
  return {
    canary: {
      stableDeploymentId,
      canaryDeploymentId: canary.deploymentId,
      percentTraffic: canary.percentTraffic,
      inStable: servedBy(snapshot.deployed, request.verb, request.path) !== undefined,
      inCanary: servedBy(snapshot.canaryDeployed, request.verb, request.path) !== undefined,
    },
  };
}

/** The execute-api host of base-url names another API id or region than the inputs. */
export function baseUrlMismatchOf(settings: DiagnoseSettings): BaseUrlMismatch | undefined {
  const base = parseExecuteApiUrl(settings.baseUrl);
  if (!base) return undefined;
  const restApiId = settings.restApiId.toLowerCase();
  const region = settings.region.toLowerCase();
  if (base.apiId === restApiId && base.region === region) return undefined;
  return {
    baseUrl: settings.baseUrl,
    urlApiId: base.apiId,
    urlRegion: base.region,
    restApiId: settings.restApiId,
    region: settings.region,
  };
}

/** "/api/v1" for `https://{id}.execute-api.{region}.amazonaws.com/{stage}/api/v1`; undefined without such a prefix. */
function basePrefixOf(settings: DiagnoseSettings): string | undefined {
  const base = parseExecuteApiUrl(settings.baseUrl);
  if (!base || base.segments.length < 2 || decodeSegment(base.segments[0] ?? '') !== settings.stage) return undefined;
  return '/' + base.segments.slice(1).map(decodeSegment).join('/');
}

function joinPath(prefix: string, path: string): string {
  return path === '/' ? prefix : `${prefix}${path}`;
}

/** Where a request through a custom domain landed, from the domain's mappings; undefined on an execute-api host or unread mappings. */
function frontDoorOf(settings: DiagnoseSettings, snapshot: Snapshot, url: string): FrontDoor | undefined {
  const domain = snapshot.domain;
  if (!domain || domain.status !== 'ok' || parseExecuteApiUrl(settings.baseUrl)) return undefined;
  let requestUrl: URL;
  let base: URL;
  try {
    requestUrl = new URL(url);
    base = new URL(settings.baseUrl);
  } catch {
    return undefined;
  }
  if (requestUrl.hostname.toLowerCase() !== domain.domainName.toLowerCase()) return undefined;
  const hit = mappingFor(domain.mappings, requestUrl.pathname.split('/').map(decodeSegment).join('/'));
  const verified = (m: DomainMapping) => m.restApiId === settings.restApiId && m.stage === settings.stage;
  return {
    domainName: domain.domainName,
    mappings: domain.mappings,
    landed: hit,
    onVerifiedStage: hit !== undefined && verified(hit.mapping),
    rightBaseUrls: domain.mappings.filter(verified).map((m) => mappedBaseUrl(base.origin, m.basePath)),
    directBaseUrl: executeApiBaseUrl(settings, settings.baseUrl),
    ...(domain.stageDeployments ? { stageDeployments: domain.stageDeployments } : {}),
    ...(domain.domainNameStatus ? { domainNameStatus: domain.domainNameStatus } : {}),
  };
}

function negativeFacts(check: ProbeResult, snapshot: Snapshot): NegativeFacts {
  const probes = check.negative ?? [];
  const basis = snapshot.deployed !== undefined || snapshot.defined !== undefined ? 'deployed' : 'manifest';
  return { probes, notEnforced: probes.filter((p) => p.refusal === 'not-enforced'), basis };
}

/** The run's evidence from its probes: each check's evidence, computed once (evidenceOf). */
export function runEvidenceOf(input: RunInput): RunEvidence {
  const tokenClaims = input.settings.authorizerToken ? jwtClaims(input.settings.authorizerToken) : undefined;
  const { probes, bypassProbes, runnerIp, ...run } = input;
  const token = input.settings.authorizerToken;
  const tokenFailsValidation = new Set(
    token
      ? Object.values(input.snapshot.authorizers)
          .filter((a) => matchesValidation(a.identityValidationExpression, token) === false)
          .map((a) => a.id)
      : [],
  );
  const checks = probes.map((check) =>
    evidenceOf({
      check,
      snapshot: input.snapshot,
      settings: input.settings,
      hasCredentials: input.hasCredentials,
      ...(tokenClaims ? { tokenClaims } : {}),
      ...(runnerIp ? { runnerIp } : {}),
      ...(tokenFailsValidation.size > 0 ? { tokenFailsValidation } : {}),
      ...(input.manifest.openApi ? { routesIn: 'openapi' as const } : {}),
    }),
  );
  return { ...run, checks, bypassProbes: bypassProbes ?? [] };
}

const NESTED_QUANTIFIER = /\([^)]*[*+}][^)]*\)\s*[*+{]/;

/**
 * Whether a token matches a TOKEN authorizer's identityValidationExpression as the gateway tests it
 * (the whole token); undefined without an expression or for one JavaScript cannot compile.
 */
export function matchesValidation(expression: string | undefined, token: string): boolean | undefined {
  if (!expression) return undefined;
  // A quantified group that holds a quantifier can backtrack for minutes on a long token: not tested.
  if (NESTED_QUANTIFIER.test(expression)) return undefined;
  try {
    return new RegExp(`^(?:${expression})$`).test(token);
  } catch {
    return undefined;
  }
}

function lookup(
  table: MethodTable | undefined,
  request: { verb: string; path: string },
  reads: readonly (PartRead | undefined)[],
): TableLookup {
  if (table) {
    const by = servedBy(table, request.verb, request.path);
    return by ? { state: 'served', table, by } : { state: 'none', table };
  }
  const failed = reads.find((read) => read?.status === 'denied' || read?.status === 'error');
  if (failed?.status === 'denied' || failed?.status === 'error') return { state: failed.status, error: failed.error };
  return { state: 'unknown' };
}

function servedOf(deployed: TableLookup, defined: TableLookup): ServedMethod | undefined {
  if (deployed.state === 'served') return { ...deployed.by, from: 'deployed' };
  if (deployed.state === 'none') return undefined;
  return defined.state === 'served' ? { ...defined.by, from: 'defined' } : undefined;
}

function gatewayMiss(check: ProbeResult, status: number | undefined, c: Classification): GatewayMiss {
  const mat = c.errorType === GatewayError.MissingAuthenticationToken;
  const noMatch = mat || (c.errorType === GatewayError.IncompleteSignature && !check.sent.signed);
  let phrase: string;
  if (c.by === 'control-plane')
    phrase = `its customised Missing Authentication Token response (${status}; x-amzn-ErrorType was dropped on the way)`;
  else if (c.errorType === GatewayError.IncompleteSignature)
    phrase = 'IncompleteSignatureException, its answer to an unmatched request carrying a non-SigV4 Authorization header';
  else phrase = c.errorType ?? GatewayError.MissingAuthenticationToken;
  return { mat, noMatch, noMatchOrForbidden: noMatch || c.errorType === GatewayError.Forbidden, phrase };
}

/**
 * The base URL is on the API's execute-api host but its path does not start with a stage:
 * no segment at all, or (when the stages are known) a first segment that is none of them.
 * A stage that GetStage reported missing is stage-not-found's case, not this one.
 */
function urlStageProblem(settings: DiagnoseSettings, snapshot: Snapshot, url: string): UrlStageProblem | undefined {
  const base = parseExecuteApiUrl(settings.baseUrl);
  if (!base) return undefined;
  // Stages of another API than the snapshot's say nothing about this host.
  const existingStages = base.apiId === snapshot.restApiId.toLowerCase() ? [...snapshot.stageInfo.existingStages].sort() : [];
  const first = base.segments[0];
  if (first === undefined) {
    const taken = parseExecuteApiUrl(url)?.segments[0] ?? null;
    return { baseUrl: settings.baseUrl, takenAsStage: taken ? decodeSegment(taken) : null, existingStages, reason: 'no-stage-segment' };
  }
  const stage = decodeSegment(first);
  if (existingStages.length === 0 || existingStages.includes(stage)) return undefined;
  if (stage === snapshot.stage && snapshot.stageInfo.status === 'not-found') return undefined;
  return { baseUrl: settings.baseUrl, takenAsStage: stage, existingStages, reason: 'not-a-stage' };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
