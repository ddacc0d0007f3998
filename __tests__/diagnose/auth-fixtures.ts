// Builders shared by the auth and other-tier rule tests: gateway answers by error type, the
// credentials a request carried, and a table with every kind of protection.
import type { CheckInput, RunInput } from '../../src/diagnose/evidence.ts';
import { meetsExpectation } from '../../src/expect.ts';
import type { Settings } from '../../src/settings.ts';
import type { Manifest, MethodTable, RouteSpec, Snapshot } from '../../src/types.ts';
import type { ProbeOver, SnapshotOver } from './fixtures.ts';
import { blindSnapshot, context, probe, snapshot, table } from './fixtures.ts';

/** What the gateway sends for an error: the header, its JSON body, a request id. */
export function answer(status: number, errorType?: string, message?: string, over: ProbeOver = {}): ProbeOver {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-amzn-requestid': 'req-1234' };
  if (errorType) headers['x-amzn-errortype'] = errorType;
  return {
    status,
    headers,
    body: message === undefined ? '{"ok":true}' : JSON.stringify({ message }),
    classification: { ...(errorType ? { errorType, by: 'header' as const } : {}), ...(message !== undefined ? { message } : {}) },
    attempts: [{ status, ...(errorType ? { errorType } : {}), durationMs: 15 }],
    ...over,
  };
}

export const OK = answer(200);
export const UNAUTHORIZED = answer(401, 'UnauthorizedException', 'Unauthorized');
export const FORBIDDEN_ANSWER = answer(403, 'ForbiddenException', 'Forbidden');

export const SIGNED = { apiKey: false, signed: true, token: false };
export const WITH_KEY = { apiKey: true, signed: false, token: false };
export const WITH_TOKEN = { apiKey: false, signed: false, token: true, tokenHeader: 'Authorization' };

/** fixtures.table() plus one method of every remaining protection. */
export function fullTable(): MethodTable {
  return {
    ...table(),
    '/audit': { GET: { authorizationType: 'AWS_IAM', apiKeyRequired: true } },
    '/partners': { GET: { authorizationType: 'CUSTOM', apiKeyRequired: false, authorizerId: 'lambda01' } },
    '/admin': { POST: { authorizationType: 'AWS_IAM', apiKeyRequired: false } },
    '/{proxy+}': { ANY: { authorizationType: 'NONE', apiKeyRequired: false } },
  };
}

export function fullSnapshot(over: SnapshotOver = {}): Snapshot {
  const base = snapshot({ deployed: fullTable(), ...over });
  return {
    ...base,
    authorizers: {
      ...base.authorizers,
      auth01: {
        id: 'auth01',
        name: 'users-pool',
        type: 'COGNITO_USER_POOLS',
        identitySource: 'method.request.header.Authorization',
        providerARNs: ['arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Pool1'],
      },
      lambda01: { id: 'lambda01', name: 'partner-token', type: 'TOKEN', identitySource: 'method.request.header.X-Partner-Token' },
    },
  };
}

/** A check on the full table, deployed. */
export function on(spec: string | RouteSpec, over: ProbeOver = {}, ctx: Partial<CheckInput> = {}): CheckInput {
  return context(probe(spec, over), { snapshot: fullSnapshot(), ...ctx });
}

/** A check when the control plane could not be read. */
export function blind(spec: string | RouteSpec, over: ProbeOver = {}, ctx: Partial<CheckInput> = {}): CheckInput {
  return context(probe(spec, { authFrom: 'default', ...over }), { snapshot: blindSnapshot(), ...ctx });
}

/** A check whose response met its expectation: the route expects the status it got. */
export function passing(ctx: CheckInput): CheckInput {
  const { check } = ctx;
  if (check.answer.kind !== 'answered') throw new Error('only an answer can meet an expectation');
  const { status, classification } = check.answer;
  if (meetsExpectation(check.route.expect, status, classification)) return ctx;
  const expect = { codes: [status], classes: [], reachable: false, text: `[${status}]` };
  return { ...ctx, check: { ...check, route: { ...check.route, expect } } };
}

/** The whole run, as a stage-level finding sees it; the manifest names the API on line 3. */
export function findingContext(over: Partial<RunInput> = {}): RunInput {
  const settings: Settings = {
    restApiId: 'a1b2c3d4e5',
    stage: 'prod',
    region: 'us-east-1',
    baseUrl: 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod',
    baseUrlIsDefault: true,
    apiKey: '',
    authorizerToken: '',
    expectedDeploymentId: '',
    deploymentCheck: 'warning',
    waitForDeploymentSeconds: 0,
    concurrency: 8,
    timeoutMs: 10000,
    retries: 2,
    failOn: 'error',
    reportFile: 'report.json',
    summary: true,
    comment: 'off',
    githubToken: '',
    connectTo: [],
  };
  const probes = over.probes ?? [probe('GET /health', OK)];
  const manifest: Manifest = {
    file: '.github/apigw-routes.yml',
    api: { restApiId: 'a1b2c3d4e5' },
    apiSource: { restApiId: { file: '.github/apigw-routes.yml', line: 3, column: 16 } },
    routes: probes.map((p) => p.route),
  };
  return { snapshot: fullSnapshot(), settings, manifest, probes, hasCredentials: true, ...over };
}
