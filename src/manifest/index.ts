// The routes manifest (DESIGN.md §4): read, validate, and keep every route's source position.
// All problems are collected; a manifest is returned only when there are none.

import { readFile } from 'node:fs/promises';
import { isMap, isScalar, isSeq } from 'yaml';
import type { InputProblem, Manifest, RouteSpec, SourceLocation } from '../types.ts';
import { parseApi } from './api.ts';
import type { Ctx, Entry } from './parse.ts';
import { describe, entriesOf, itemsOf, MINIMAL_EXAMPLE, parseYaml } from './parse.ts';
import type { RouteDefaults } from './route.ts';
import { NO_DEFAULTS, parseDefaults, parseRoute } from './route.ts';

export interface ManifestResult {
  manifest: Manifest | null;
  problems: InputProblem[];
}

const TOP_LEVEL_KEYS = ['version', 'api', 'defaults', 'routes'] as const;

/** Parses and validates manifest text. Pure; `file` is the path shown in locations. */
export function parseManifest(text: string, file: string): ManifestResult {
  const { ctx, root } = parseYaml(text, file);
  if (!root) return { manifest: null, problems: ctx.problems };
  if (!isMap(root.node)) {
    ctx.report(root.at, `the routes manifest must be a mapping with a \`routes\` list, not ${describe(root.node)}`, `start from ${MINIMAL_EXAMPLE}`);
    return { manifest: null, problems: ctx.problems };
  }

  const entries = entriesOf(root.node, ctx, root.at, { keys: TOP_LEVEL_KEYS, where: 'the manifest' });
  const find = (key: string): Entry | undefined => entries.find((e) => e.key === key);
  const version = find('version');
  if (version) checkVersion(version, ctx);
  const apiEntry = find('api');
  const { api, apiSource } = apiEntry ? parseApi(apiEntry, ctx) : { api: {}, apiSource: {} };
  const defaultsEntry = find('defaults');
  const defaults = defaultsEntry ? parseDefaults(defaultsEntry, ctx) : NO_DEFAULTS;
  const routes = parseRoutes(find('routes'), root.at, defaults, ctx);

  if (ctx.problems.length > 0) return { manifest: null, problems: inReadingOrder(ctx.problems) };
  return { manifest: { file, api, apiSource, routes }, problems: [] };
}

/** Problems are found block by block; users read them top to bottom. */
function inReadingOrder(problems: InputProblem[]): InputProblem[] {
  const position = (p: InputProblem) => (p.source ? p.source.line * 1e6 + p.source.column : 0);
  return [...problems].sort((a, b) => position(a) - position(b));
}

/** Reads and parses the manifest at `absPath`; a missing or unreadable file is one problem. */
export async function loadManifest(absPath: string, displayPath: string): Promise<ManifestResult> {
  let text: string;
  try {
    text = await readFile(absPath, 'utf8');
  } catch (error) {
    return { manifest: null, problems: [unreadableProblem(error, absPath, displayPath)] };
  }
  return parseManifest(text, displayPath);
}

/** `file:line:column: message — fix`, or `message — fix` for problems without a place. */
export function formatProblem(problem: InputProblem): string {
  const where = problem.source ? `${problem.source.file}:${problem.source.line}:${problem.source.column}: ` : '';
  return `${where}${problem.message}${problem.fix ? ` — ${problem.fix}` : ''}`;
}

function checkVersion(entry: Entry, ctx: Ctx): void {
  if (isScalar(entry.node) && entry.node.value === 1) return;
  ctx.report(entry.at, `unsupported manifest version: ${describe(entry.node)}`, 'write `version: 1` (the only version), or leave `version` out');
}

function parseRoutes(entry: Entry | undefined, rootAt: SourceLocation, defaults: RouteDefaults, ctx: Ctx): RouteSpec[] {
  const example = 'e.g. `routes: ["GET /health"]`';
  if (!entry) {
    ctx.report(rootAt, 'the manifest has no `routes` list', `add the routes to check, ${example}`);
    return [];
  }
  if (!isSeq(entry.node)) {
    ctx.report(entry.at, `\`routes\` must be a list, not ${describe(entry.node)}`, `write one route per \`- \` item, ${example}`);
    return [];
  }
  const items = itemsOf(entry.node, ctx, entry.at);
  if (items.length === 0) {
    ctx.report(entry.at, '`routes` is empty', `declare at least one route, ${example}`);
    return [];
  }
  const routes: RouteSpec[] = [];
  const firstSeen = new Map<string, RouteSpec>();
  for (const item of items) {
    const route = parseRoute(item, defaults, ctx);
    if (!route) continue;
    const identity = routeIdentity(route);
    const first = firstSeen.get(identity);
    if (first) {
      ctx.report(
        route.source,
        `duplicate route \`${route.route}\`: same method, path, params and query as line ${first.source.line}`,
        'remove one of them, or give them different `params` or `query` to test different cases',
      );
      continue;
    }
    firstSeen.set(identity, route);
    routes.push(route);
  }
  return routes;
}

/** Two routes are the same request target when method, path, params and query agree. */
function routeIdentity(route: RouteSpec): string {
  const sorted = (record: Record<string, string>) => Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([route.method, route.path, sorted(route.params), sorted(route.query)]);
}

function unreadableProblem(error: unknown, absPath: string, displayPath: string): InputProblem {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return {
      message: `routes manifest \`${displayPath}\` not found (looked at ${absPath})`,
      fix:
        'create `.github/apigw-routes.yml` or set the `routes` input to your manifest\'s path, ' +
        `and run actions/checkout before this step; a minimal manifest is ${MINIMAL_EXAMPLE}`,
    };
  }
  if (code === 'EISDIR') {
    return { message: `routes manifest \`${displayPath}\` is a directory`, fix: 'set the `routes` input to the manifest file inside it, e.g. `.github/apigw-routes.yml`' };
  }
  const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (error as Error).message;
  return { message: `cannot read routes manifest \`${displayPath}\`: ${reason}`, fix: 'make the file readable by the runner, or set the `routes` input to another path' };
}
