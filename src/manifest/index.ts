// The routes manifest (docs/manifest.md): read, validate, and keep every route's source position.
// All problems are collected; a manifest is returned only when there are none.

import { open, realpath } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isScalar, isSeq } from 'yaml';
import type { InputProblem, Manifest, RouteSpec, SourceLocation } from '../types.ts';
import { parseApi } from './api.ts';
import type { Ctx, Entry } from './parse.ts';
import { describe, entriesOf, itemsOf, MINIMAL_EXAMPLE, parseYaml } from './parse.ts';
import type { RouteDefaults } from './route.ts';
import { NO_DEFAULTS, parseDefaults, parseRoute } from './route.ts';
import { detectOpenApi, parseOpenApi } from './openapi/index.ts';

export interface ManifestResult {
  manifest: Manifest | null;
  problems: InputProblem[];
}

const TOP_LEVEL_KEYS = ['version', 'api', 'defaults', 'routes'] as const;

/** Larger manifests are no list of routes someone reviews; parsing them costs seconds and gigabytes. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;
/** Each route is at least one request. */
export const MAX_ROUTES = 20_000;

/** Parses and validates manifest text. Pure; `file` is the path shown in locations. */
export function parseManifest(text: string, file: string): ManifestResult {
  const { ctx, root } = parseYaml(text, file);
  if (!root) return { manifest: null, problems: ctx.problems };
  // An OpenAPI 3 / Swagger 2 document is read as one (docs/openapi.md), behind the same guards.
  const openApi = detectOpenApi(root, ctx);
  if (openApi === 'unsupported') return { manifest: null, problems: ctx.problems };
  if (openApi) {
    const result = parseOpenApi(root, openApi, ctx, MAX_ROUTES);
    return { manifest: result.manifest, problems: inReadingOrder(result.problems) };
  }
  if (!isMap(root.node)) {
    ctx.report(
      root.at,
      `the routes manifest must be a mapping with a \`routes\` list, not ${describe(root.node)}`,
      `start from ${MINIMAL_EXAMPLE}`,
    );
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

/**
 * Reads and parses the manifest at `absPath`; a missing, unreadable, too large or mis-encoded
 * file is one problem. With `workspace`, a file outside it (symbolic links followed) is refused
 * unread: a pull request must not make the action quote `/etc/passwd` back in its errors.
 */
export async function loadManifest(absPath: string, displayPath: string, workspace?: string): Promise<ManifestResult> {
  let bytes: Buffer;
  try {
    if (workspace !== undefined && !(await isInside(absPath, workspace))) {
      return { manifest: null, problems: [outsideProblem(displayPath, workspace)] };
    }
    const read = await readAtMost(absPath, MAX_MANIFEST_BYTES);
    if (read === 'too large') return { manifest: null, problems: [tooLargeProblem(displayPath)] };
    bytes = read;
  } catch (error) {
    return { manifest: null, problems: [unreadableProblem(error, absPath, displayPath)] };
  }
  const decoded = decodeUtf8(bytes, displayPath);
  return typeof decoded === 'string' ? parseManifest(decoded, displayPath) : { manifest: null, problems: [decoded] };
}

/** The file's bytes, or 'too large'; the size is checked before reading, and again while reading. */
async function readAtMost(absPath: string, maxBytes: number): Promise<Buffer | 'too large'> {
  const handle = await open(absPath, 'r');
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (stats.size > maxBytes) return 'too large';
    // a file that grows, or a device that reports size 0, stops one byte past the limit
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return length > maxBytes ? 'too large' : buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

async function isInside(absPath: string, workspace: string): Promise<boolean> {
  const root = await realpath(workspace).catch(() => path.resolve(workspace));
  // a file that does not exist yet is judged by its path; reading it then reports "not found"
  const file = await realpath(absPath).catch(() => path.resolve(absPath));
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Strict UTF-8: a bad byte is reported where it is, instead of being replaced by U+FFFD and sent. */
function decodeUtf8(bytes: Uint8Array, file: string): string | InputProblem {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return {
      message: 'the routes manifest is not valid UTF-8 here',
      fix: 'save the file as UTF-8 (it is likely Latin-1 or Windows-1252), or replace the character',
      source: { file, ...invalidUtf8Position(bytes) },
    };
  }
}

/** Line and column (1-based, in characters) of the first byte that is not valid UTF-8. */
function invalidUtf8Position(bytes: Uint8Array): { line: number; column: number } {
  // In stream mode a prefix decodes unless it holds an invalid sequence (a character cut at its
  // end is held back), so validity is monotone in the prefix length: search the longest valid one.
  const decodes = (n: number) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, n), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let low = 0;
  let high = bytes.length;
  if (decodes(high)) low = high; // only the last character is cut short
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (decodes(middle)) low = middle;
    else high = middle;
  }
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, low), { stream: true });
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1) ?? '').length + 1 };
}

/** `file:line:column: message — fix`, or `message — fix` for problems without a place. */
export function formatProblem(problem: InputProblem): string {
  const where = problem.source ? `${problem.source.file}:${problem.source.line}:${problem.source.column}: ` : '';
  return `${where}${problem.message}${problem.fix ? ` — ${problem.fix}` : ''}`;
}

function checkVersion(entry: Entry, ctx: Ctx): void {
  if (isScalar(entry.node) && entry.node.value === 1) return;
  ctx.report(
    entry.at,
    `unsupported manifest version: ${describe(entry.node)}`,
    'write `version: 1` (the only version), or leave `version` out',
  );
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
  if (entry.node.items.length > MAX_ROUTES) {
    ctx.report(
      entry.keyAt,
      `the manifest declares ${entry.node.items.length} routes; at most ${MAX_ROUTES} are checked in one run`,
      'split the routes into several manifests, one per API or service, and run the action once for each',
    );
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

function tooLargeProblem(displayPath: string): InputProblem {
  return {
    message: `routes manifest \`${displayPath}\` is larger than ${MAX_MANIFEST_BYTES / 1024 / 1024} MiB`,
    fix: 'make it smaller: declare only the routes to check, put shared values in `defaults:`, or split it into one manifest per API',
  };
}

function outsideProblem(displayPath: string, workspace: string): InputProblem {
  return {
    message: `routes manifest \`${displayPath}\` is outside the workspace (${workspace}); it was not read`,
    fix: 'keep the manifest in the repository and set the `routes` input to its path relative to the repository root, e.g. `.github/apigw-routes.yml`',
  };
}

function unreadableProblem(error: unknown, absPath: string, displayPath: string): InputProblem {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return {
      message: `routes manifest \`${displayPath}\` not found (looked at ${absPath})`,
      fix:
        "create `.github/apigw-routes.yml` or set the `routes` input to your manifest's path, " +
        `and run actions/checkout before this step; a minimal manifest is ${MINIMAL_EXAMPLE}`,
    };
  }
  if (code === 'EISDIR') {
    return {
      message: `routes manifest \`${displayPath}\` is a directory`,
      fix: 'set the `routes` input to the manifest file inside it, e.g. `.github/apigw-routes.yml`',
    };
  }
  const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (error as Error).message;
  return {
    message: `cannot read routes manifest \`${displayPath}\`: ${reason}`,
    fix: 'make the file readable by the runner, or set the `routes` input to another path',
  };
}
