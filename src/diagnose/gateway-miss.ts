// When does a routing diagnosis apply at all? Shared preconditions of the routing rules, so
// each rule states exactly the case it explains and none relies on another being tried first:
// the gateway did not answer the route (MAT, or Forbidden for API and stage causes), and for
// resource-level causes it reached the stage and neither table serves the request.
import { MISSING_AUTHENTICATION_TOKEN } from '../probe/classify.ts';
import type { MethodTable, ProbeResult, Snapshot } from '../types.ts';
import type { RuleContext } from './rule.ts';
import { parseExecuteApiUrl } from './paths.ts';
import { concretePath, servedBy } from '../routing.ts';

const FORBIDDEN = 'ForbiddenException';
const INCOMPLETE_SIGNATURE = 'IncompleteSignatureException';

/** The gateway answered "Missing Authentication Token": nothing served the request, or it was an unsigned IAM call. */
export function answeredMat(check: ProbeResult): boolean {
  return check.classification.errorType === MISSING_AUTHENTICATION_TOKEN;
}

/**
 * The gateway found nothing to serve the request: MAT, or — when the unsigned request carried
 * an `Authorization` header that is not SigV4 (a Cognito or Lambda-authorizer token) —
 * IncompleteSignatureException, which API Gateway answers for an unmatched route instead of MAT.
 */
export function answeredNoMatch(check: ProbeResult): boolean {
  return answeredMat(check) || (check.classification.errorType === INCOMPLETE_SIGNATURE && !check.sent.signed);
}

/** How the gateway said it found nothing, for explanations: "… so the gateway answered <this>". */
export function missAnswer(check: ProbeResult): string {
  const c = check.classification;
  if (c.by === 'control-plane') {
    return `its customised Missing Authentication Token response (${check.status}; x-amzn-ErrorType was dropped on the way)`;
  }
  if (c.errorType === INCOMPLETE_SIGNATURE) {
    return 'IncompleteSignatureException, its answer to an unmatched request carrying a non-SigV4 Authorization header';
  }
  return c.errorType ?? MISSING_AUTHENTICATION_TOKEN;
}

/** No match, or the `Forbidden` some set-ups answer for an unknown API or stage (DESIGN.md §7). */
export function answeredMatOrForbidden(check: ProbeResult): boolean {
  return answeredNoMatch(check) || check.classification.errorType === FORBIDDEN;
}

/** The resource path the gateway routed on (relative to the stage), parameters filled in. */
export function requestPath(check: ProbeResult): string {
  return concretePath(check.route.path, check.route.params);
}

export function requestVerb(check: ProbeResult): string {
  return check.method.toUpperCase();
}

export interface UrlStageProblem {
  baseUrl: string;
  /** the first path segment of the request URL, which the gateway took as the stage; null when there was none */
  takenAsStage: string | null;
  /** the API's stages; empty when they could not be read */
  existingStages: string[];
  reason: 'no-stage-segment' | 'not-a-stage';
}

/**
 * The base URL is on the API's execute-api host but its path does not start with a stage:
 * no segment at all, or (when the stages are known) a first segment that is none of them.
 * A stage that GetStage reported missing is stage-not-found's case, not this one.
 */
export function urlStageProblem(ctx: RuleContext): UrlStageProblem | undefined {
  const base = parseExecuteApiUrl(ctx.settings.baseUrl);
  if (!base) return undefined;
  const { snapshot } = ctx;
  // Stages of another API than the snapshot's say nothing about this host.
  const existingStages = base.apiId === snapshot.restApiId.toLowerCase() ? [...snapshot.stageInfo.existingStages].sort() : [];
  const first = base.segments[0];
  if (first === undefined) {
    const taken = parseExecuteApiUrl(ctx.check.url)?.segments[0] ?? null;
    return { baseUrl: ctx.settings.baseUrl, takenAsStage: taken ? decodeSegment(taken) : null, existingStages, reason: 'no-stage-segment' };
  }
  const stage = decodeSegment(first);
  if (existingStages.length === 0 || existingStages.includes(stage)) return undefined;
  if (stage === snapshot.stage && snapshot.stageInfo.status === 'not-found') return undefined;
  return { baseUrl: ctx.settings.baseUrl, takenAsStage: stage, existingStages, reason: 'not-a-stage' };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Nothing known rules out that the request reached the configured API and stage. */
export function reachedStage(ctx: RuleContext): boolean {
  return ctx.snapshot.api.status !== 'not-found' && ctx.snapshot.stageInfo.status !== 'not-found' && !urlStageProblem(ctx);
}

export interface RouteMiss {
  verb: string;
  path: string;
  deployed: MethodTable;
  defined?: MethodTable;
}

/**
 * The request reached the stage, the gateway answered MAT, and nothing serves the verb and
 * path — neither the stage's deployment nor (when readable) the current definition, which
 * would make it route-not-deployed. Undefined when any of that is not so or cannot be told.
 */
export function routeMiss(ctx: RuleContext): RouteMiss | undefined {
  const { check, snapshot } = ctx;
  if (!answeredNoMatch(check) || !snapshot.deployed || !reachedStage(ctx)) return undefined;
  const verb = requestVerb(check);
  const path = requestPath(check);
  if (servedBy(snapshot.deployed, verb, path)) return undefined;
  if (snapshot.defined && servedBy(snapshot.defined, verb, path)) return undefined;
  return snapshot.defined ? { verb, path, deployed: snapshot.deployed, defined: snapshot.defined } : { verb, path, deployed: snapshot.deployed };
}

/** The command that deploys the current definition to the stage. */
export function redeployCommand(snapshot: Pick<Snapshot, 'restApiId' | 'stage' | 'region'>): string {
  return `aws apigateway create-deployment --rest-api-id ${snapshot.restApiId} --stage-name ${snapshot.stage} --region ${snapshot.region}`;
}
