// The execute-api data plane: picks the API and stage from the Host header, serves the stage from
// its deployment's frozen resources, and answers the way real API Gateway does, in its order:
//   count + injected fault → API/stage (Forbidden, MAT) → WAF → routing (MAT, or
//   IncompleteSignature when an unmatched request carries a non-SigV4 Authorization header) →
//   authorization by type (resource-policy denies included) → API key → integration.
// Which rules are real-world facts and which are emulator choices is written next to each rule in
// emulator/data/*.ts.
import type http from 'node:http';
import type { FaultModel, RestApiModel } from './model.ts';
import type { EmulatorState } from './state.ts';
import { checkApiKey, checkAuthorizer } from './data/access.ts';
import {
  type GatewayError,
  accessDenied,
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
import { explicitlyDenied } from './data/resource-policy.ts';
import { matchRoute, requestSegments } from './data/routing.ts';
import type { ReceivedRequest } from './data/sigv4.ts';
import { type Target, resolveTarget } from './data/target.ts';

type Outcome = { error: GatewayError; api?: RestApiModel } | { answer: IntegrationAnswer };

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

async function decide(state: EmulatorState, target: Target, request: ReceivedRequest, verb: string): Promise<Outcome> {
  if (target.kind === 'forbidden') return { error: forbidden() };
  // Gateway responses are deployed with a stage: a stage that does not exist has none.
  if (target.kind === 'unknown-stage') return noRoute(request, undefined);
  const { api, stage, pathAfterStage } = target;
  const fail = (error: GatewayError): Outcome => ({ error, api });

  // A PRIVATE API answers only through an interface VPC endpoint; the emulator stands for the
  // public internet (a GitHub-hosted runner), where every request is Forbidden.
  if (api.endpointType === 'PRIVATE') return fail(forbidden());

  // WAF sees every request to the stage before the gateway routes it.
  if (stage.wafBlocks) return fail(wafFiltered());

  const deployment = api.deployments.find((d) => d.id === stage.deploymentId);
  const route = matchRoute(deployment?.resources ?? {}, verb, requestSegments(pathAfterStage));
  if (!route) return noRoute(request, api);

  const methodArn = (account: string) =>
    `arn:aws:execute-api:${state.region}:${account}:${api.id}/${stage.name}/${verb}/${pathAfterStage.replace(/^\//, '')}`;
  // The gateway masks the account id in AccessDenied messages.
  const shownArn = methodArn(`********${state.accountId.slice(-4)}`);
  const denied = explicitlyDenied(api.policy, methodArn(state.accountId));
  const denyAnonymous = () => fail(accessDenied(`User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${shownArn} with an explicit deny`));

  switch (route.method.authorizationType ?? 'NONE') {
    case 'NONE':
      if (denied) return denyAnonymous();
      break;
    case 'CUSTOM': {
      // A Lambda authorizer runs only after the resource policy found no explicit deny.
      if (denied) return denyAnonymous();
      const error = checkAuthorizer(api, route.method, request.headers, request.query);
      if (error) return fail(error);
      break;
    }
    case 'COGNITO_USER_POOLS': {
      // Cognito authenticates first; the resource policy is evaluated after.
      const error = checkAuthorizer(api, route.method, request.headers, request.query);
      if (error) return fail(error);
      if (denied) return denyAnonymous();
      break;
    }
    case 'AWS_IAM': {
      const result = await authenticateIam(request, state.model.identities ?? [], state.region);
      if (!result.ok) return fail(result.error);
      const user = result.identity.arn ?? `arn:aws:iam::${state.accountId}:user/${result.identity.accessKeyId}`;
      const notAuthorized = `User: ${user} is not authorized to perform: execute-api:Invoke on resource: ${shownArn}`;
      if (denied) return fail(accessDenied(`${notAuthorized} with an explicit deny`));
      if (result.identity.invoke === false) return fail(accessDenied(notAuthorized));
      break;
    }
  }

  // API keys are checked after authorization (a Lambda authorizer may be the key's source).
  if (route.method.apiKeyRequired) {
    const error = checkApiKey(state.model, api.id, stage.name, request.headers['x-api-key']);
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

export async function handleDataPlane(state: EmulatorState, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const body = await readBody(req);
  const url = req.url ?? '/';
  const queryAt = url.indexOf('?');
  const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
  const verb = (req.method ?? 'GET').toUpperCase();
  const request: ReceivedRequest = {
    method: verb,
    rawPath,
    query: new URLSearchParams(queryAt === -1 ? '' : url.slice(queryAt + 1)),
    headers: flatHeaders(req.headers),
    body,
  };
  const target = resolveTarget(state.model, state.region, req.headers.host, rawPath);
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
    outcome = await decide(state, target, request, verb);
  }

  if ('answer' in outcome) {
    send(res, outcome.answer.status, { ...requestIdHeaders(), ...outcome.answer.headers }, outcome.answer.body);
  } else {
    const rendered = renderGatewayError(outcome.error, outcome.api, state.model.stripErrorTypeHeader === true);
    send(res, rendered.status, rendered.headers, rendered.body);
  }
}
