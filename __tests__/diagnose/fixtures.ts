// Builders for diagnosis tests: a realistic default API, overridable piece by piece.
import type { RuleContext } from '../../src/diagnose/rule.ts';
import { MANIFEST_FILE, routeSpec } from '../support/route.ts';
import type { Classification, MethodTable, ProbeResult, RouteSpec, Snapshot } from '../../src/types.ts';

export const MAT: Classification = { errorType: 'MissingAuthenticationTokenException', by: 'header', message: 'Missing Authentication Token' };

/** The deployed API most tests start from. */
export function table(): MethodTable {
  return {
    '/': { GET: { authorizationType: 'NONE', apiKeyRequired: false } },
    '/health': { GET: { authorizationType: 'NONE', apiKeyRequired: false } },
    '/users': {
      GET: { authorizationType: 'NONE', apiKeyRequired: false },
      POST: { authorizationType: 'NONE', apiKeyRequired: true },
      OPTIONS: { authorizationType: 'NONE', apiKeyRequired: false },
    },
    '/users/{id}': { GET: { authorizationType: 'NONE', apiKeyRequired: false } },
    '/reports': { GET: { authorizationType: 'AWS_IAM', apiKeyRequired: false } },
    '/orders': { POST: { authorizationType: 'COGNITO_USER_POOLS', apiKeyRequired: false, authorizerId: 'auth01' } },
  };
}

export function snapshot(over: Partial<Snapshot> = {}): Snapshot {
  const deployed = over.deployed ?? table();
  return {
    restApiId: 'a1b2c3d4e5',
    stage: 'prod',
    region: 'us-east-1',
    api: { status: 'ok', name: 'shop', endpointTypes: ['REGIONAL'], hasResourcePolicy: false },
    stageInfo: { status: 'ok', deploymentId: 'dep222', existingStages: ['prod', 'staging'] },
    latestDeployment: { id: 'dep222', createdDate: '2026-11-20T10:00:00.000Z' },
    deployed,
    defined: structuredClone(deployed),
    authorizers: { auth01: { id: 'auth01', name: 'users-pool', type: 'COGNITO_USER_POOLS', identitySource: 'method.request.header.Authorization' } },
    calls: {},
    ...over,
  };
}

/** A snapshot as it is when the control plane could not be read. */
export function blindSnapshot(error = 'AccessDenied: not authorized to perform apigateway:GET'): Snapshot {
  return {
    restApiId: 'a1b2c3d4e5',
    stage: 'prod',
    region: 'us-east-1',
    api: { status: 'denied', error },
    stageInfo: { status: 'denied', existingStages: [], error },
    authorizers: {},
    calls: {},
  };
}

export function route(spec: string, over: Partial<RouteSpec> = {}): RouteSpec {
  return routeSpec(spec, { file: MANIFEST_FILE, line: 7, column: 5 }, over);
}

/** A probe result: by default the gateway answered MAT. */
export function probe(spec: string | RouteSpec, over: Partial<ProbeResult> = {}): ProbeResult {
  const r = typeof spec === 'string' ? route(spec) : spec;
  let path = r.path;
  for (const [k, v] of Object.entries(r.params)) path = path.replace(new RegExp(`\\{${k}\\+?\\}`), v);
  const url = `https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod${path}`;
  return {
    route: r,
    method: r.method,
    url,
    auth: 'none',
    authFrom: 'deployed',
    sent: { apiKey: false, signed: false, token: false },
    status: 403,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'MissingAuthenticationTokenException' },
    body: '{"message":"Missing Authentication Token"}',
    classification: MAT,
    attempts: [{ status: 403, errorType: MAT.errorType, durationMs: 12 }],
    durationMs: 12,
    reproduce: `curl -i '${url}'`,
    ...over,
  };
}

export function context(p: ProbeResult, over: Partial<RuleContext> = {}): RuleContext {
  return {
    check: p,
    snapshot: snapshot(),
    settings: {
      baseUrl: 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod',
      baseUrlIsDefault: true,
      stage: 'prod',
      region: 'us-east-1',
      restApiId: 'a1b2c3d4e5',
    },
    hasCredentials: true,
    expectationMet: false,
    ...over,
  };
}
