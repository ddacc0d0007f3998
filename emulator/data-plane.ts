// The execute-api data plane: picks the API and stage from the Host header, serves the stage from
// its deployment's frozen resources, and answers the way real API Gateway does, in its order:
//   CloudFront distribution in front (path and Host rewritten) → count + injected fault →
//   API/stage (Forbidden, MAT; a disabled execute-api endpoint is Forbidden) → WAF → canary split →
//   routing (MAT, or IncompleteSignature when an unmatched request carries a non-SigV4 Authorization
//   header) → authorization by type (resource policy included) → API key → integration.
// Which rules are real-world facts and which are emulator choices is written next to each rule in
// emulator/data/*.ts.
import type http from 'node:http';
import type { DistributionModel, FaultModel, RestApiModel } from './model.ts';
import type { EmulatorState } from './state.ts';
import { checkApiKey } from './data/access.ts';
import { runAuthorizer } from './data/authorizer.ts';
import { servingDeploymentId } from './data/canary.ts';
import { cloudFrontHeaders, findDistribution, forward, matchBehavior, viaEntry } from './data/cloudfront.ts';
import {
  type GatewayError,
  accessDenied,
  authorizerImplicitDeny,
  forbidden,
  incompleteSignature,
  internalServerError,
  missingAuthenticationToken,
  renderGatewayError,
  requestIdHeaders,
  throttled,
  wafFiltered,
} from './data/gateway-errors.ts';
import { authenticateIam, signatureClaim } from './data/iam-auth.ts';
import { type IntegrationAnswer, integrate, isGatewayError } from './data/integration.ts';
import { type PolicyDecision, evaluateResourcePolicy } from './data/policy-evaluation.ts';
import { explicitlyDenied } from './data/resource-policy.ts';
import { matchRoute, requestSegments } from './data/routing.ts';
import type { ReceivedRequest } from './data/sigv4.ts';
import { EXECUTE_API_HOST, type Target, hostName, resolveTarget } from './data/target.ts';

type Outcome = { error: GatewayError; api?: RestApiModel | undefined } | { answer: IntegrationAnswer };

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function flatHeaders(headers: http.IncomingHttpHeaders): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  return flat;
}

/**
 * No resource+method serves the request. The gateway then treats it like an unsigned IAM call:
 * MAT — unless an Authorization header is there that does not parse as SigV4 (a Bearer token),
 * which is reported as IncompleteSignatureException even though the route does not exist.
 */
function noRoute(request: ReceivedRequest, api: RestApiModel | undefined): Outcome {
  const claim = request.headers.authorization === undefined ? undefined : signatureClaim(request);
  if (claim && !claim.ok) return { error: incompleteSignature(claim.incomplete), api };
  return { error: missingAuthenticationToken(), api };
}

/** Where the request comes from, as resource-policy conditions see it. */
interface Caller {
  sourceIp: string;
  sourceVpce?: string | undefined;
}

async function decide(state: EmulatorState, target: Target, request: ReceivedRequest, verb: string, caller: Caller): Promise<Outcome> {
  if (target.kind === 'forbidden') return { error: forbidden() };
  // A disabled default endpoint refuses everything, before any stage is looked up ("clients can still
  // connect to your default endpoint, but they will receive a 403 Forbidden"); custom domains still work.
  const { api: targetApi } = target;
  if (target.endpoint === 'execute-api' && targetApi.disableExecuteApiEndpoint && !targetApi.disableExecuteApiEndpointPending)
    return { error: forbidden() };
  // Gateway responses are deployed with a stage: a stage that does not exist has none.
  if (target.kind === 'unknown-stage') return noRoute(request, undefined);
  const { api, stage, pathAfterStage } = target;
  const fail = (error: GatewayError): Outcome => ({ error, api });

  // A PRIVATE API answers only through an interface VPC endpoint; the emulator stands for the
  // public internet (a GitHub-hosted runner), where every request is Forbidden.
  if (api.endpointType === 'PRIVATE') return fail(forbidden());

  // WAF sees every request to the stage before the gateway routes it.
  if (stage.wafBlocks) return fail(wafFiltered());

  const deploymentId = servingDeploymentId(state, api, stage);
  const deployment = api.deployments.find((d) => d.id === deploymentId);
  const route = matchRoute(deployment?.resources ?? {}, verb, requestSegments(pathAfterStage));
  if (!route) return noRoute(request, api);

  const region = state.regionOf(api);
  const methodArn = (account: string) =>
    `arn:aws:execute-api:${region}:${account}:${api.id}/${stage.name}/${verb}/${pathAfterStage.replace(/^\//, '')}`;
  // The gateway masks the account id in AccessDenied messages.
  const shownArn = methodArn(`********${state.accountId.slice(-4)}`);
  const notAuthorized = (user: string, decision: PolicyDecision) =>
    accessDenied(
      `User: ${user} is not authorized to perform: execute-api:Invoke on resource: ${shownArn}${decision === 'explicit-deny' ? ' with an explicit deny' : ''}`,
    );

  /**
   * The resource policy's say for a caller (undefined: none). By default only explicit denies
   * count; with `policyEvaluation: 'full'` a caller no Allow covers is implicitly denied.
   */
  const policyFor = (principalArn?: string): PolicyDecision | undefined => {
    // The policy the serving deployment froze (GetRestApi shows the current one).
    const policy = deployment?.policy === undefined ? api.policy : deployment.policy;
    if (policy === undefined || policy === null) return undefined;
    if (api.policyEvaluation === 'full') {
      return evaluateResourcePolicy(policy, { principalArn, methodArn: methodArn(state.accountId), ...caller });
    }
    return explicitlyDenied(policy, methodArn(state.accountId)) ? 'explicit-deny' : undefined;
  };
  const refusesAnonymous = (decision: PolicyDecision | undefined): Outcome | undefined =>
    decision === 'explicit-deny' || decision === 'implicit-deny' ? fail(notAuthorized('anonymous', decision)) : undefined;

  let authorizerKey: string | undefined;
  // The authorization workflows of "How API Gateway resource policies affect authorization workflow".
  switch (route.method.authorizationType ?? 'NONE') {
    case 'NONE': {
      // Resource policy only: an explicit allow is needed.
      const refused = refusesAnonymous(policyFor());
      if (refused) return refused;
      break;
    }
    case 'CUSTOM': {
      // A Lambda authorizer runs only after the resource policy found no explicit deny; then either
      // the function's policy or the resource policy must allow (an explicit deny of either refuses).
      const decision = policyFor();
      if (decision === 'explicit-deny') return fail(notAuthorized('anonymous', decision));
      const result = runAuthorizer(state, api, route.method, { ...request, methodArn: methodArn(state.accountId) });
      if (!result.ok) return fail(result.error);
      if (!result.covers && decision !== 'allow') return fail(authorizerImplicitDeny());
      authorizerKey = result.usageIdentifierKey;
      break;
    }
    case 'COGNITO_USER_POOLS': {
      // Cognito authenticates first; the resource policy is evaluated after and must allow.
      const result = runAuthorizer(state, api, route.method, { ...request, methodArn: methodArn(state.accountId) });
      if (!result.ok) return fail(result.error);
      const refused = refusesAnonymous(policyFor());
      if (refused) return refused;
      break;
    }
    case 'AWS_IAM': {
      const result = await authenticateIam(request, state.model.identities ?? [], region);
      if (!result.ok) return fail(result.error);
      const user = result.identity.arn ?? `arn:aws:iam::${state.accountId}:user/${result.identity.accessKeyId}`;
      // Same account: the identity's IAM policy or the resource policy may allow; an explicit deny
      // in the resource policy wins. (Callers from other accounts are not modelled.)
      const decision = policyFor(user);
      if (decision === 'explicit-deny') return fail(notAuthorized(user, decision));
      if (result.identity.invoke === false && decision !== 'allow') return fail(notAuthorized(user, 'implicit-deny'));
      break;
    }
  }

  // API keys are checked after authorization: with apiKeySource AUTHORIZER the Lambda authorizer's
  // usageIdentifierKey is the key, and x-api-key is ignored.
  if (route.method.apiKeyRequired) {
    const sent = api.apiKeySource === 'AUTHORIZER' ? authorizerKey : request.headers['x-api-key'];
    const error = checkApiKey(state.model, api.id, stage.name, sent);
    if (error) return fail(error);
  }

  const answer = integrate(route, verb, request.headers.origin);
  return isGatewayError(answer) ? fail(answer) : { answer };
}

function send(res: http.ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

const CHUNK = Buffer.alloc(64 * 1024, 'x');

/** Writes `total` bytes (Infinity: forever) as the client reads them; stops when it goes away. */
function stream(state: EmulatorState, key: string, res: http.ServerResponse, total: number): void {
  let written = 0;
  let gone = false;
  res.on('close', () => (gone = true));
  const pump = (): void => {
    while (!gone && written < total) {
      const chunk = total - written >= CHUNK.length ? CHUNK : CHUNK.subarray(0, total - written);
      written += chunk.length;
      state.streamedBytes[key] = written;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!gone) res.end();
  };
  pump();
}

/** The faults that are about the wire rather than what the gateway says; true when one was applied. */
function applyWireFault(state: EmulatorState, key: string, fault: FaultModel, res: http.ServerResponse): boolean {
  switch (fault.kind) {
    case 'hang':
      return true; // accepted, never answered
    case 'status':
      send(res, fault.status ?? 502, { 'content-type': 'text/html' }, `<html><body>${fault.status ?? 502}</body></html>`);
      return true;
    case 'redirect':
      send(res, 302, { location: fault.location ?? 'http://redirect-target.invalid/' }, '');
      return true;
    case 'reset-mid-body': {
      const half = '{"items":[' + '1,'.repeat(500);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(half.length * 2) });
      res.write(half, () => res.socket?.destroy());
      return true;
    }
    case 'huge-body':
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(fault.bytes ?? 100 * 1024 * 1024) });
      stream(state, key, res, fault.bytes ?? 100 * 1024 * 1024);
      return true;
    case 'endless-body':
      res.writeHead(200, { 'content-type': 'text/plain' });
      stream(state, key, res, Infinity);
      return true;
    default:
      return false;
  }
}

/** The caller's address on the connection, without the IPv4-mapped prefix. */
function remoteAddress(req: http.IncomingMessage): string {
  return (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
}

/** A distribution's origin must be something the gateway answers: the model is wrong otherwise. */
function checkOrigin(state: EmulatorState, distribution: DistributionModel, origin: string): void {
  const host = hostName(origin);
  if (EXECUTE_API_HOST.test(host) || state.model.domainNames?.some((d) => d.domainName.toLowerCase() === host)) return;
  throw new Error(
    `emulator model: distribution ${distribution.domainName} has origin "${origin}", which is neither an execute-api host nor a custom domain of the model`,
  );
}

/**
 * A distribution forwarded the viewer's Host, and it is no custom domain: API Gateway knows no such
 * name. (Without this check any unknown host would reach the model's first API, the emulator's
 * loopback convenience.)
 */
function viewerHostAtGateway(state: EmulatorState, host: string | undefined, distribution: DistributionModel | undefined): boolean {
  if (!distribution || findDistribution(state.model, host) !== distribution) return false;
  const name = hostName(host);
  return !state.model.domainNames?.some((d) => d.domainName.toLowerCase() === name);
}

/** The CloudFront hops in front of the answer: API Gateway's own for an EDGE API, then the user's distribution. */
function cloudFrontHops(api: RestApiModel | undefined, distribution: DistributionModel | undefined): string[] {
  const hops: string[] = [];
  if (api?.endpointType === 'EDGE') hops.push(viaEntry(`edge-optimized ${api.id}`));
  if (distribution) hops.push(viaEntry(distribution.domainName));
  return hops;
}

export async function handleDataPlane(state: EmulatorState, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const body = await readBody(req);
  const url = req.url ?? '/';
  const queryAt = url.indexOf('?');
  let rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
  const verb = (req.method ?? 'GET').toUpperCase();
  const headers = flatHeaders(req.headers);
  const caller: Caller = { sourceIp: state.model.sourceIp ?? remoteAddress(req), sourceVpce: state.model.sourceVpce };

  // A user's CloudFront distribution forwards to its origin: Host becomes the origin's, the path
  // gets the origin path in front, and the gateway sees CloudFront's address as the source.
  const distribution = findDistribution(state.model, headers.host);
  if (distribution) {
    const behavior = matchBehavior(distribution, rawPath);
    if (!behavior) {
      const html = '<HTML><HEAD><TITLE>403 ERROR</TITLE></HEAD><BODY><H1>403 ERROR</H1>The request could not be satisfied.</BODY></HTML>';
      send(res, 403, { 'content-type': 'text/html', ...cloudFrontHeaders(403, cloudFrontHops(undefined, distribution)) }, html);
      return;
    }
    checkOrigin(state, distribution, behavior.originDomain);
    const forwarded = forward(distribution, behavior, headers.host ?? '', rawPath);
    rawPath = forwarded.rawPath;
    headers.host = forwarded.host;
    caller.sourceIp = forwarded.sourceIp;
  }

  const request: ReceivedRequest = {
    method: verb,
    rawPath,
    query: new URLSearchParams(queryAt === -1 ? '' : url.slice(queryAt + 1)),
    headers,
    body,
  };
  const target = viewerHostAtGateway(state, headers.host, distribution)
    ? ({ kind: 'forbidden', reason: "the viewer's Host names no API", pathAfterStage: rawPath } as const)
    : resolveTarget(state.model, state.region, headers.host, rawPath);
  const key = `${verb} ${target.pathAfterStage}`;
  state.countData(key);

  const api = target.kind === 'forbidden' ? undefined : target.api;
  const fault = state.takeFault(key, true);
  let outcome: Outcome;
  if (fault?.kind === 'reset') {
    req.socket.destroy();
    return;
  } else if (fault && applyWireFault(state, key, fault, res)) {
    return;
  } else if (fault?.kind === 'throttle') {
    outcome = { error: throttled(fault.retryAfter === undefined ? 1 : fault.retryAfter), api };
  } else if (fault?.kind === 'server-error') {
    outcome = { error: internalServerError(), api };
  } else {
    outcome = await decide(state, target, request, verb, caller);
  }

  const hops = cloudFrontHops(api, distribution);
  const edge = (status: number) => (hops.length > 0 ? cloudFrontHeaders(status, hops) : {});
  if ('answer' in outcome) {
    const { status } = outcome.answer;
    send(res, status, { ...requestIdHeaders(), ...outcome.answer.headers, ...edge(status) }, outcome.answer.body);
  } else {
    const rendered = renderGatewayError(outcome.error, outcome.api, state.model.stripErrorTypeHeader === true);
    send(res, rendered.status, { ...rendered.headers, ...edge(rendered.status) }, rendered.body);
  }
}
