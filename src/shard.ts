// Splitting a very large manifest across the jobs of a matrix: shard `k/n` probes the routes
// whose identity hashes to k. The assignment depends on the route alone — never on its place
// in the manifest — so adding or moving a route moves no other route to another shard.
import { createHash } from 'node:crypto';
import type { Settings } from './settings.ts';
import type { InputProblem, Report, RouteSpec } from './types.ts';

/** `k/n`: this job is shard `index` (1-based) of `count`. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** A GitHub matrix has at most 256 jobs; more shards than that cannot all run. */
export const MAX_SHARDS = 256;

/** `2/4` → { index: 2, count: 4 }; an empty value means no sharding. */
export function parseShard(value: string): { shard?: ShardSpec; problem?: InputProblem } {
  const text = value.trim();
  if (text === '') return {};
  const m = /^(\d{1,4})\s*\/\s*(\d{1,4})$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (m && count >= 1 && count <= MAX_SHARDS && index >= 1 && index <= count) return { shard: { index, count } };
  // Quoted only when it is a short plain value: an input is one line, but say nothing it could inject.
  const shown = /^[\w /.-]{1,40}$/.test(text) ? `\`${text}\`` : 'not of the form k/n';
  const why =
    m && count >= 1 && count <= MAX_SHARDS
      ? `: the shard number must be from 1 to ${count}`
      : m && count > MAX_SHARDS
        ? `: at most ${MAX_SHARDS} shards`
        : '';
  return {
    problem: {
      message: `input \`shard\` is ${shown}${why}`,
      fix: `set \`shard\` to k/n with n from 1 to ${MAX_SHARDS} and k from 1 to n (e.g. \`\${{ matrix.shard }}/4\` with shard: [1, 2, 3, 4]), or leave it empty to check every route`,
    },
  };
}

function canonical(record: Record<string, string>): [string, string][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** What makes a route the same route: its method, path template, params and query (not its line). */
export function routeKey(route: Pick<RouteSpec, 'method' | 'path' | 'params' | 'query'>): string {
  return JSON.stringify([route.method.toUpperCase(), route.path, canonical(route.params), canonical(route.query)]);
}

/** The shard (1-based) a route belongs to among `count`: a SHA-256 of its key, modulo count. */
export function shardOf(route: Pick<RouteSpec, 'method' | 'path' | 'params' | 'query'>, count: number): number {
  const digest = createHash('sha256').update(routeKey(route)).digest();
  // 48 bits: the modulo bias for count ≤ 256 is under 1e-12.
  return (digest.readUIntBE(0, 6) % count) + 1;
}

/** The routes of one shard, in manifest order. */
export function routesOfShard<T extends Pick<RouteSpec, 'method' | 'path' | 'params' | 'query'>>(
  routes: readonly T[],
  shard: ShardSpec,
): T[] {
  return routes.filter((route) => shardOf(route, shard.count) === shard.index);
}

/** The report of a shard that got none of the manifest's routes: nothing checked, nothing wrong. */
export function emptyShardReport(settings: Pick<Settings, 'restApiId' | 'stage' | 'region' | 'baseUrl'>, shard: ShardSpec): Report {
  return {
    version: 1,
    result: 'passed',
    api: {
      restApiId: settings.restApiId,
      stage: settings.stage,
      region: settings.region,
      baseUrl: settings.baseUrl,
      stageDeploymentId: null,
      latestDeploymentId: null,
    },
    findings: [],
    checks: [],
    totals: { total: 0, passed: 0, failed: 0, skipped: 0, missingAuthenticationToken: 0 },
    controlPlaneCalls: {},
    durationMs: 0,
    shard: { ...shard, routes: 0 },
  };
}
