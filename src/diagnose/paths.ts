// Path and URL helpers the routing diagnoses build on, next to the routing model of
// routing.ts: where the stage sits in an execute-api URL, which resource a path falls on
// (including parents the deployment summary leaves out), and "did you mean …" for paths
// and stage names.
import { editDistance } from '../manifest/suggest.ts';
import type { MethodTable } from '../types.ts';
import { findResource, isParam, isProxy, segments } from '../routing.ts';

/** Plain code-point order: the same on every machine, whatever its locale. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isProxyResource(path: string): boolean {
  const segs = segments(path);
  return segs.length > 0 && isProxy(segs[segs.length - 1]);
}

// ─── execute-api URLs ────────────────────────────────────────────────────────

export interface ExecuteApiUrl {
  apiId: string;
  region: string;
  /** path segments after the host, undecoded: the first one is taken as the stage */
  segments: string[];
}

const EXECUTE_API_HOST = /^([a-z0-9]+)\.execute-api\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/i;

/** The parts of a `https://{api-id}.execute-api.{region}.amazonaws.com[.cn]/…` URL (any scheme or port), else undefined. */
export function parseExecuteApiUrl(url: string): ExecuteApiUrl | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const host = EXECUTE_API_HOST.exec(parsed.hostname);
  if (!host) return undefined;
  const [, apiId = '', region = ''] = host;
  return { apiId: apiId.toLowerCase(), region: region.toLowerCase(), segments: segments(parsed.pathname) };
}

// ─── resources ───────────────────────────────────────────────────────────────

/** Does the resource template `have` match the request segment `want` (a value, or a {param} of any name)? */
function segmentMatches(want: string | undefined, have: string | undefined): boolean {
  if (want === undefined || have === undefined) return false;
  return want === have || (isParam(have) && want.length > 0 && !isProxy(want));
}

/**
 * Non-proxy resources strictly below `path` (segment-wise, {param} matching any value),
 * shortest first, then alphabetically.
 */
export function descendants(table: MethodTable, path: string): string[] {
  const want = segments(path);
  return Object.keys(table)
    .filter((resource) => {
      const have = segments(resource);
      if (have.length <= want.length || have.some(isProxy)) return false;
      return want.every((seg, i) => segmentMatches(seg, have[i]));
    })
    .sort((a, b) => segments(a).length - segments(b).length || byCodePoint(a, b));
}

/** Resources below `path` whose next segment is a {param}: where a path that stops early was headed. */
export function belowParameter(table: MethodTable, path: string): string[] {
  const depth = segments(path).length;
  return descendants(table, path).filter((resource) => isParam(segments(resource)[depth]));
}

/**
 * Other resources of the same depth that would match `path` and serve `verb` — which the
 * gateway does not fall back to: a literal resource ("/users/me") shadows its {param}
 * sibling ("/users/{id}") for every verb.
 */
export function shadowedSiblings(table: MethodTable, path: string, resource: string, verb: string): string[] {
  const want = segments(path);
  return Object.keys(table)
    .filter((other) => {
      const have = segments(other);
      return (
        other !== resource && have.length === want.length && !have.some(isProxy) && want.every((seg, i) => segmentMatches(seg, have[i]))
      );
    })
    .filter((other) => resourceServes(table, other, verb))
    .sort();
}

export interface ResourceAt {
  /** the resource template the path falls on, "/users/{id}" */
  resourcePath: string;
  /**
   * true when the table has no entry for it but has resources below it: API Gateway
   * requires every parent to exist, and a deployment summary lists only paths with methods.
   */
  implicit: boolean;
}

/** The resource `path` falls on, listed or implied by a deeper resource; undefined when none. */
export function resourceAt(table: MethodTable, path: string): ResourceAt | undefined {
  const listed = findResource(table, path);
  if (listed) return { resourcePath: listed, implicit: false };
  const below = descendants(table, path)[0];
  if (below === undefined) return undefined;
  const depth = segments(path).length;
  return { resourcePath: '/' + segments(below).slice(0, depth).join('/'), implicit: true };
}

/** Does the resource declare `verb` itself or through ANY? */
export function resourceServes(table: MethodTable, resource: string, verb: string): boolean {
  const methods = table[resource] ?? {};
  return methods[verb] !== undefined || methods.ANY !== undefined;
}

// ─── "did you mean" ──────────────────────────────────────────────────────────

export interface PathSuggestion {
  /** a deployed resource path */
  path: string;
  /** why it is suggested: "plural", "prefix /api/v1 missing", "case", "edit distance 2" … */
  reason: string;
}

type Judge = (want: string[], have: string[]) => string | undefined;

const sameSegments = (want: string[], have: string[]) =>
  want.length === have.length && want.every((seg, i) => segmentMatches(seg, have[i]));

/** "/users/" for "/users": REST APIs route both alike, but a client or proxy may not. */
const trailingSlash = (requested: string, candidate: string): string | undefined =>
  requested !== candidate && requested.replace(/\/+$/, '') === candidate.replace(/\/+$/, '') ? 'trailing slash' : undefined;

const caseOnly: Judge = (want, have) =>
  want.length === have.length &&
  !sameSegments(want, have) &&
  sameSegments(
    want.map((s) => s.toLowerCase()),
    have.map((s) => s.toLowerCase()),
  )
    ? 'case'
    : undefined;

/** One segment differs by a trailing s / es: "/user" → "/users" is "plural". */
const number: Judge = (want, have) => {
  if (want.length !== have.length) return undefined;
  let reason: string | undefined;
  for (let i = 0; i < want.length; i++) {
    if (segmentMatches(want[i], have[i])) continue;
    if (reason) return undefined; // a second difference: not just a plural
    const [w, h] = [want[i], have[i]];
    if (h === `${w}s` || h === `${w}es`) reason = 'plural';
    else if (w === `${h}s` || w === `${h}es`) reason = 'singular';
    else return undefined;
  }
  return reason;
};

/** "/users" for "/api/v1/users" and the other way round. */
const prefix: Judge = (want, have) => {
  if (want.length === have.length || Math.min(want.length, have.length) === 0) return undefined;
  const [long, short] = have.length > want.length ? [have, want] : [want, have];
  const offset = long.length - short.length;
  const pairs = short.map((seg, i) => (long === have ? [seg, long[offset + i]] : [long[offset + i], seg]));
  // The shared tail must name something: "/users/{id}" is no prefixed "/anything".
  if (!pairs.every(([w, h]) => segmentMatches(w, h)) || !pairs.some(([w, h]) => w === h && !isParam(h))) return undefined;
  const head = '/' + long.slice(0, offset).join('/');
  return long === have ? `prefix ${head} missing` : `extra prefix ${head}`;
};

/** The request's values put where the candidate has {param}s, so "/users/42" is 0 away from "/users/{id}". */
function aligned(want: string[], have: string[]): string {
  return '/' + want.map((seg, i) => (have[i] !== undefined && segmentMatches(seg, have[i]) ? have[i] : seg)).join('/');
}

/**
 * Up to `limit` deployed paths near `requested`, best first: trailing slash, case, plural or
 * singular, an extra or missing prefix, then the smallest edit distance over the whole path
 * (within about a third of its length). Proxy resources are left out: one that matched would
 * have served the request. Paths that serve `verb` rank before those that do not.
 */
export function suggestPaths(table: MethodTable, requested: string, verb?: string, limit = 3): PathSuggestion[] {
  const want = segments(requested);
  const candidates = Object.keys(table).filter(
    (path) => !isProxyResource(path) && Object.keys(table[path] ?? {}).some((v) => v !== 'OPTIONS'),
  );
  const scored: { path: string; reason: string; rank: number; serves: boolean; distance: number }[] = [];
  for (const path of candidates) {
    const have = segments(path);
    const serves = verb === undefined || resourceServes(table, path, verb);
    const exactReasons: [string | undefined, number][] = [
      [trailingSlash(requested, path), 0],
      [caseOnly(want, have), 1],
      [number(want, have), 2],
      [prefix(want, have), 3],
    ];
    const hit = exactReasons.find(([reason]) => reason !== undefined);
    const distance = editDistance(aligned(want, have), path);
    if (hit) {
      scored.push({ path, reason: hit[0] as string, rank: hit[1], serves, distance });
      continue;
    }
    const tolerance = Math.max(1, Math.floor(Math.max(requested.length, path.length) / 3));
    if (distance > 0 && distance <= tolerance) scored.push({ path, reason: `edit distance ${distance}`, rank: 4, serves, distance });
  }
  scored.sort((a, b) => Number(b.serves) - Number(a.serves) || a.rank - b.rank || a.distance - b.distance || byCodePoint(a.path, b.path));
  return scored.slice(0, limit).map(({ path, reason }) => ({ path, reason }));
}

export interface StageSuggestion {
  stage: string;
  /** "prefix" (prod → production), "abbreviation" (stg → staging), "case", "edit distance 1" */
  reason: string;
}

/** Every letter of `short` appears in `long` in order, starting with the same letter. */
function abbreviates(short: string, long: string): boolean {
  if (short.length >= long.length || short[0] !== long[0]) return false;
  let i = 0;
  for (const ch of long) if (ch === short[i]) i += 1;
  return i === short.length;
}

/** The existing stage `stage` most plausibly meant, or undefined when none is close. */
export function closestStage(stage: string, existing: readonly string[]): StageSuggestion | undefined {
  const want = stage.toLowerCase();
  if (!want) return undefined;
  const judged = existing
    .filter((s) => s !== stage)
    .map((s): StageSuggestion & { rank: number; distance: number } => {
      const have = s.toLowerCase();
      const distance = editDistance(want, have);
      if (have === want) return { stage: s, reason: 'case', rank: 0, distance };
      if (have.startsWith(want) || want.startsWith(have)) return { stage: s, reason: 'prefix', rank: 1, distance };
      if (abbreviates(want, have) || abbreviates(have, want)) return { stage: s, reason: 'abbreviation', rank: 2, distance };
      const tolerance = Math.max(1, Math.floor(Math.max(want.length, 3) / 3));
      return distance <= tolerance
        ? { stage: s, reason: `edit distance ${distance}`, rank: 3, distance }
        : { stage: s, reason: '', rank: Infinity, distance };
    })
    .filter((s) => s.rank !== Infinity)
    .sort((a, b) => a.rank - b.rank || a.distance - b.distance || byCodePoint(a.stage, b.stage));
  const best = judged[0];
  return best ? { stage: best.stage, reason: best.reason } : undefined;
}

/** A sorted list for a message, capped: "a, b, c and 4 more". */
export function listForMessage(items: readonly string[], cap = 10): string {
  if (items.length === 0) return 'none';
  const shown = items.slice(0, cap).join(', ');
  return items.length > cap ? `${shown} and ${items.length - cap} more` : shown;
}

// ─── custom domains ──────────────────────────────────────────────────────────

/** Where a request through a custom domain lands: the mapping whose base path prefixes its path, and the path after it. */
export interface MappingHit<M extends { basePath: string }> {
  mapping: M;
  /** the path after the base path, as the API's stage routes it ("/" at least) */
  path: string;
}

/**
 * The base-path mapping API Gateway picks for `urlPath`: the longest base path ("v1/orders"
 * before "v1") that prefixes the path segment by segment; "(none)" (the empty base path)
 * takes every path no other mapping does. Undefined: no mapping matches — Forbidden.
 */
export function mappingFor<M extends { basePath: string }>(mappings: readonly M[], urlPath: string): MappingHit<M> | undefined {
  const have = segments(urlPath);
  let best: { hit: MappingHit<M>; length: number } | undefined;
  for (const mapping of mappings) {
    const base = mapping.basePath === '(none)' ? [] : segments(mapping.basePath);
    if (!base.every((seg, i) => have[i] === seg)) continue;
    if (best && best.length >= base.length) continue;
    best = { hit: { mapping, path: '/' + have.slice(base.length).join('/') }, length: base.length };
  }
  return best?.hit;
}

/** The base URL on `origin` that a mapping leads to: the origin itself for "(none)". */
export function mappedBaseUrl(origin: string, basePath: string): string {
  return basePath === '(none)' || basePath === '' ? origin : `${origin}/${basePath}`;
}

/** The stage's invoke URL on its execute-api host, with the scheme of `like` (http on loopback in tests). */
export function executeApiBaseUrl(s: { restApiId: string; region: string; stage: string }, like?: string): string {
  const scheme = like?.startsWith('http://') ? 'http' : 'https';
  const suffix = s.region.startsWith('cn-') ? '.cn' : '';
  return `${scheme}://${s.restApiId}.execute-api.${s.region}.amazonaws.com${suffix}/${s.stage}`;
}
