// Builders for diagnosis tests: a realistic default API, overridable piece by piece.
import type { CheckInput } from '../../src/diagnose/evidence.ts';
import { MANIFEST_FILE, routeSpec } from '../support/route.ts';
import type { Answer, Classification, MethodTable, ProbeResult, RouteSpec, Snapshot } from '../../src/types.ts';

export const MAT: Classification = {
  errorType: 'MissingAuthenticationTokenException',
  by: 'header',
  message: 'Missing Authentication Token',
};

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

const UNREADABLE_PARTS = ['latestDeployment', 'deployed', 'defined'] as const;
type UnreadablePart = (typeof UNREADABLE_PARTS)[number];

/** Fields replacing the default snapshot's; a part given as undefined is one the control plane did not give. */
export type SnapshotOver = Omit<Partial<Snapshot>, UnreadablePart> & { [K in UnreadablePart]?: Snapshot[K] | undefined };

export function snapshot(over: SnapshotOver = {}): Snapshot {
  const deployed = over.deployed ?? table();
  const { latestDeployment, deployed: _deployed, defined, ...rest } = over;
  const result: Snapshot = {
    restApiId: 'a1b2c3d4e5',
    stage: 'prod',
    region: 'us-east-1',
    api: { status: 'ok', name: 'shop', endpointTypes: ['REGIONAL'], hasResourcePolicy: false },
    stageInfo: { status: 'ok', deploymentId: 'dep222', existingStages: ['prod', 'staging'] },
    latestDeployment: latestDeployment ?? { id: 'dep222', createdDate: '2026-11-20T10:00:00.000Z' },
    deployed,
    defined: defined ?? structuredClone(deployed),
    authorizers: {
      auth01: { id: 'auth01', name: 'users-pool', type: 'COGNITO_USER_POOLS', identitySource: 'method.request.header.Authorization' },
    },
    calls: {},
    ...rest,
  };
  for (const part of UNREADABLE_PARTS) if (part in over && over[part] === undefined) delete result[part];
  return result;
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

/**
 * How a test describes a probe result: any field of it, and the answer either as `answer` or
 * as the flat fields of each case (`status`, `headers`, `body`, `classification` for an
 * answer; `networkError` without a status for no answer; `notSent` for a request not sent).
 */
export type ProbeOver = Partial<Omit<ProbeResult, 'answer'>> & {
  answer?: Answer;
  /** given as undefined: no answer came */
  status?: number | undefined;
  headers?: Record<string, string>;
  body?: string;
  classification?: Classification;
  networkError?: string;
  notSent?: string;
};

const MAT_ANSWER = {
  status: 403,
  headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'MissingAuthenticationTokenException' },
  body: '{"message":"Missing Authentication Token"}',
  classification: MAT,
};

function answerOf(over: ProbeOver): Answer {
  if (over.answer) return over.answer;
  if (over.notSent !== undefined) return { kind: 'not-sent', reason: over.notSent };
  const noStatus = 'status' in over ? over.status === undefined : over.networkError !== undefined;
  if (noStatus) return { kind: 'network-error', error: over.networkError ?? 'no answer' };
  return {
    kind: 'answered',
    status: over.status ?? MAT_ANSWER.status,
    headers: over.headers ?? MAT_ANSWER.headers,
    body: over.body ?? MAT_ANSWER.body,
    classification: over.classification ?? MAT_ANSWER.classification,
  };
}

/** A probe result: by default the gateway answered MAT. */
export function probe(spec: string | RouteSpec, over: ProbeOver = {}): ProbeResult {
  const r = typeof spec === 'string' ? route(spec) : spec;
  let path = r.path;
  for (const [k, v] of Object.entries(r.params)) path = path.replace(new RegExp(`\\{${k}\\+?\\}`), v);
  const url = `https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod${path}`;
  const {
    answer: _answer,
    status: _status,
    headers: _headers,
    body: _body,
    classification: _classification,
    networkError: _networkError,
    notSent: _notSent,
    ...rest
  } = over;
  return {
    route: r,
    method: r.method,
    url,
    auth: 'none',
    authFrom: 'deployed',
    sent: { apiKey: false, signed: false, token: false },
    answer: answerOf(over),
    attempts: [{ status: 403, ...(MAT.errorType !== undefined ? { errorType: MAT.errorType } : {}), durationMs: 12 }],
    durationMs: 12,
    reproduce: `curl -i '${url}'`,
    ...rest,
  };
}

export function context(p: ProbeResult, over: Partial<CheckInput> = {}): CheckInput {
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
    ...over,
  };
}
