// Builders for the OpenAPI table tests: a document from a few lines, parsed as the action reads it.
import assert from 'node:assert/strict';
import { formatProblem, parseManifest } from '../../../src/manifest/index.ts';
import type { InputProblem, RouteSpec } from '../../../src/types.ts';

export const OPENAPI_FILE = 'api/openapi.yaml';

/** An OpenAPI 3 document: `lines` go under `paths:` (indented by the caller), `tail` after it. */
export function oas3(paths: string[], tail: string[] = []): string {
  return ['openapi: 3.0.1', 'info: { title: t, version: "1" }', 'paths:', ...paths, ...tail].join('\n') + '\n';
}

/** A Swagger 2 document, likewise. */
export function swagger2(paths: string[], tail: string[] = []): string {
  return ['swagger: "2.0"', 'info: { title: t, version: "1" }', 'paths:', ...paths, ...tail].join('\n') + '\n';
}

/** The routes of a document that must parse. */
export function routesOf(text: string, file = OPENAPI_FILE): RouteSpec[] {
  const { manifest, problems } = parseManifest(text, file);
  assert.deepEqual(problems.map(formatProblem), [], 'no problem');
  assert.ok(manifest);
  return manifest.routes;
}

/** The one route of a document that must parse to exactly one. */
export function onlyRoute(text: string): RouteSpec {
  const routes = routesOf(text);
  assert.equal(routes.length, 1, routes.map((r) => r.route).join(', '));
  return routes[0]!;
}

/** The problems of a document that must not parse. */
export function problemsOf(text: string, file = OPENAPI_FILE): InputProblem[] {
  const { manifest, problems } = parseManifest(text, file);
  assert.equal(manifest, null, 'no manifest from a document with problems');
  assert.ok(problems.length > 0);
  return problems;
}

/** The 1-based line of the only line containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const lines = text.split('\n');
  const found = lines.flatMap((line, i) => (line.includes(needle) ? [i + 1] : []));
  assert.equal(found.length, 1, `exactly one line contains ${JSON.stringify(needle)}`);
  return found[0]!;
}
