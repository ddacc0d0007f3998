// Builders shared by the routing-rule tests: the control-plane states and answers the
// routing rules distinguish, on top of fixtures.ts.
import type { CheckInput } from '../../src/diagnose/evidence.ts';
import type { Classification, MethodInfo, MethodTable, ProbeResult, RouteSpec, Snapshot } from '../../src/types.ts';
import type { ProbeOver } from './fixtures.ts';
import { context, probe, snapshot } from './fixtures.ts';

export const FORBIDDEN: Classification = { errorType: 'ForbiddenException', by: 'body', message: 'Forbidden' };
export const OPEN: MethodInfo = { authorizationType: 'NONE', apiKeyRequired: false };
export const IAM: MethodInfo = { authorizationType: 'AWS_IAM', apiKeyRequired: false };

/** A method table from "VERB /path" names, every method open unless given. */
export function methods(...names: (string | [string, MethodInfo])[]): MethodTable {
  const t: MethodTable = {};
  for (const entry of names) {
    const [name, info] = typeof entry === 'string' ? [entry, OPEN] : entry;
    const [verb, path] = name.split(' ');
    if (verb === undefined || path === undefined) throw new Error(`methods(): "${name}" is not "VERB /path"`);
    t[path] ??= {};
    t[path][verb] = { ...info };
  }
  return t;
}

/** A context whose stage serves `deployed` and whose definition is `defined` (the same by default). */
export function served(
  check: ProbeResult,
  deployed: MethodTable,
  defined: MethodTable | undefined = structuredClone(deployed),
): CheckInput {
  return context(check, { snapshot: snapshot({ deployed, defined }) });
}

/** A snapshot where GetRestApi said NotFound (nothing else could be read). */
export function apiMissing(): Snapshot {
  return snapshot({
    api: { status: 'not-found', error: 'NotFoundException: Invalid API identifier specified 123456789012:a1b2c3d4e5' },
    stageInfo: { status: 'skipped', existingStages: [] },
    latestDeployment: undefined,
    deployed: undefined,
    defined: undefined,
  });
}

/** A snapshot where the API exists but GetStage said NotFound. */
export function stageMissing(existingStages: string[], stage = 'prod'): Snapshot {
  return snapshot({
    stage,
    stageInfo: { status: 'not-found', existingStages, error: `REST API a1b2c3d4e5 has no stage "${stage}"` },
    latestDeployment: { id: 'dep222' },
    deployed: undefined,
  });
}

/** The check sent to `baseUrl` + the route's path, with the settings saying so. */
export function viaBaseUrl(spec: string | RouteSpec, baseUrl: string, snap: Snapshot = snapshot(), answer: ProbeOver = {}): CheckInput {
  const p = probe(spec, answer);
  const path = new URL(p.url).pathname.replace(/^\/prod/, '');
  const check = { ...p, url: `${baseUrl}${path}` };
  const ctx = context(check, { snapshot: snap });
  return { ...ctx, settings: { ...ctx.settings, baseUrl, baseUrlIsDefault: false } };
}

/**
 * A backend answer: the route was served. A 5xx, not a 4xx: a 4xx nothing names, for a request
 * no deployed method serves, is the gateway's own (customised) MAT response, not a backend's.
 */
export const ANSWERED: ProbeOver = {
  status: 500,
  headers: { 'content-type': 'application/json' },
  body: '{"error":"internal"}',
  classification: {},
};
