// Shared builders for the probe tests.
import type { ExpectSpec, MethodTable, RouteSpec, Snapshot } from '../../../src/types.ts';
import type { ProbeSettings } from '../../../src/probe/index.ts';

export const EXPECT_2XX: ExpectSpec = { codes: [], classes: [2], reachable: false, text: '2xx' };

/** A route as the manifest stage would hand it over; `route` and `method` follow `spec`. */
export function route(spec: string, extra: Partial<RouteSpec> = {}): RouteSpec {
  const [method, path] = spec.split(' ');
  return {
    route: spec,
    method,
    path,
    params: {},
    query: {},
    headers: {},
    expect: EXPECT_2XX,
    auth: 'auto',
    source: { file: '.github/apigw-routes.yml', line: 1, column: 3 },
    ...extra,
  };
}

export function snapshot(parts: { deployed?: MethodTable; defined?: MethodTable; authorizers?: Snapshot['authorizers'] }): Snapshot {
  return {
    restApiId: 'a1b2c3d4e5',
    stage: 'prod',
    region: 'us-east-1',
    api: { status: 'ok' },
    stageInfo: { status: 'ok', existingStages: ['prod'] },
    authorizers: parts.authorizers ?? {},
    calls: {},
    ...(parts.deployed ? { deployed: parts.deployed } : {}),
    ...(parts.defined ? { defined: parts.defined } : {}),
  };
}

export function settings(extra: Partial<ProbeSettings> = {}): ProbeSettings {
  return {
    baseUrl: 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod',
    region: 'us-east-1',
    apiKey: '',
    authorizerToken: '',
    concurrency: 4,
    timeoutMs: 2000,
    retries: 2,
    connectTo: [],
    ...extra,
  };
}
