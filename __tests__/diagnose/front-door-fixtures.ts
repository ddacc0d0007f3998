// Builders for the front-door rule tests: a check sent through a custom domain whose base-path
// mappings the snapshot carries, on top of fixtures.ts.
import type { CheckInput } from '../../src/diagnose/evidence.ts';
import type { DomainMapping, DomainReadout, Snapshot } from '../../src/types.ts';
import type { ProbeOver } from './fixtures.ts';
import { context, probe, snapshot } from './fixtures.ts';
import { FORBIDDEN } from './routing-fixtures.ts';

export const API = 'a1b2c3d4e5';
export const DOMAIN = 'api.shop.example';

export function domain(mappings: DomainMapping[], over: Partial<DomainReadout> = {}): DomainReadout {
  return { status: 'ok', domainName: DOMAIN, mappings, calls: { GetDomainName: 1, GetBasePathMappings: 1 }, ...over };
}

/** `spec` sent to `baseUrl` (on the custom domain) + the route's path; the snapshot carries `readout`. */
export function throughDomain(
  spec: string,
  baseUrl: string,
  readout: DomainReadout | undefined,
  answer: ProbeOver = {},
  snap: Snapshot = snapshot(),
): CheckInput {
  const p = probe(spec, answer);
  const path = new URL(p.url).pathname.replace(/^\/prod/, '');
  const ctx = context({ ...p, url: `${baseUrl}${path}` }, { snapshot: { ...snap, ...(readout ? { domain: readout } : {}) } });
  return { ...ctx, settings: { ...ctx.settings, baseUrl, baseUrlIsDefault: false } };
}

/** The gateway's answer for an unmapped base path. */
export const UNMAPPED: ProbeOver = {
  status: 403,
  headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'ForbiddenException' },
  body: '{"message":"Forbidden"}',
  classification: FORBIDDEN,
};
