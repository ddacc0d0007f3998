// Shared builders for the probe tests.
import type { Classification, MethodTable, ProbeResult, RouteSpec, Snapshot } from '../../../src/types.ts';
import { EXPECT_2XX, MANIFEST_FILE, routeSpec } from '../../support/route.ts';
import type { ProbeSettings } from '../../../src/probe/index.ts';

export { EXPECT_2XX };

/** A route as the manifest stage would hand it over; `route` and `method` follow `spec`. */
export function route(spec: string, extra: Partial<RouteSpec> = {}): RouteSpec {
  return routeSpec(spec, { file: MANIFEST_FILE, line: 1, column: 3 }, extra);
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

/** A probe result's answer as optional fields, whichever of its three cases it is, for assertions. */
export function flat(r: ProbeResult): {
  status?: number;
  headers: Record<string, string>;
  body: string;
  classification: Classification;
  networkError?: string;
  notSent?: string;
} {
  const a = r.answer;
  if (a.kind === 'answered') return { status: a.status, headers: a.headers, body: a.body, classification: a.classification };
  const none = { headers: {}, body: '', classification: {} };
  if (a.kind === 'network-error') return { ...none, networkError: a.error };
  return a.kind === 'not-sent' ? { ...none, notSent: a.reason } : none;
}
