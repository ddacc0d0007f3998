// Which file is an OpenAPI document, in YAML and in JSON, and what each flavour becomes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatProblem, parseManifest } from '../../../src/manifest/index.ts';
import { OPENAPI_FILE, problemsOf, routesOf } from './support.ts';

const OAS3_YAML = `openapi: 3.0.1
info: { title: shop, version: "1" }
servers:
  - url: https://api.example.com/v1
paths:
  /health:
    get:
      responses: { "200": { description: ok } }
  /users/{id}:
    get:
      parameters:
        - { name: id, in: path, required: true, schema: { type: string, example: "42" } }
      responses: { "200": { description: ok } }
`;

const OAS3_JSON = JSON.stringify(
  {
    openapi: '3.1.0',
    info: { title: 'shop', version: '1' },
    paths: {
      '/health': { get: { responses: { 200: { description: 'ok' } } } },
      '/users/{id}': {
        get: {
          parameters: [{ name: 'id', in: 'path', required: true, example: '42' }],
          responses: { 200: { description: 'ok' } },
        },
      },
    },
  },
  null,
  2,
);

const SWAGGER_YAML = `swagger: "2.0"
info: { title: shop, version: "1" }
basePath: /v1
paths:
  /health:
    get:
      responses: { "200": { description: ok } }
  /users/{id}:
    get:
      parameters:
        - { name: id, in: path, required: true, type: string, x-example: "42" }
      responses: { "200": { description: ok } }
`;

const SWAGGER_JSON = JSON.stringify(
  {
    swagger: '2.0',
    info: { title: 'shop', version: '1' },
    paths: {
      '/health': { get: { responses: { 200: { description: 'ok' } } } },
      '/users/{id}': { get: { parameters: [{ name: 'id', in: 'path', required: true, type: 'string', default: '42' }], responses: {} } },
    },
  },
  null,
  2,
);

for (const [name, text] of [
  ['OpenAPI 3 YAML', OAS3_YAML],
  ['OpenAPI 3.1 JSON', OAS3_JSON],
  ['Swagger 2 YAML', SWAGGER_YAML],
  ['Swagger 2 JSON', SWAGGER_JSON],
] as const) {
  test(`${name}: every operation is a route at its operation key's line; servers/basePath are not prepended`, () => {
    const routes = routesOf(text);
    assert.deepEqual(
      routes.map((r) => [r.route, r.params, r.source.line, r.source.file]),
      [
        ['GET /health', {}, firstGetLine(text, 0), OPENAPI_FILE],
        ['GET /users/{id}', { id: '42' }, firstGetLine(text, 1), OPENAPI_FILE],
      ],
    );
  });
}

/** The line of the n-th `get` key, found without the parser. */
function firstGetLine(text: string, n: number): number {
  const lines = text.split('\n').flatMap((line, i) => (/^\s*"?get"?:/.test(line) ? [i + 1] : []));
  return lines[n]!;
}

test('an unquoted `openapi: 3.0` (a YAML number) is read as written', () => {
  const routes = routesOf('openapi: 3.0\ninfo: { title: t, version: "1" }\npaths:\n  /a:\n    get: {}\n');
  assert.deepEqual(
    routes.map((r) => r.route),
    ['GET /a'],
  );
});

test('unsupported versions are one problem at the version, naming what is read', () => {
  for (const [text, pattern] of [
    ['openapi: 2.0.0\npaths: {}\n', /`openapi: 2.0.0` is not a version this action reads/],
    ['swagger: "1.2"\npaths: {}\n', /`swagger: 1.2` is not a version/],
    ['openapi: 4.0.0\npaths: {}\n', /OpenAPI 3.x or Swagger 2.0/],
  ] as const) {
    const problems = problemsOf(text);
    assert.equal(problems.length, 1, problems.map(formatProblem).join('\n'));
    assert.match(problems[0]!.message, pattern);
    assert.equal(problems[0]!.source?.line, 1);
  }
});

test('a routes manifest is still a routes manifest, and its unknown keys are still reported', () => {
  const manifest = parseManifest('version: 1\nroutes: ["GET /a"]\n', '.github/apigw-routes.yml');
  assert.deepEqual(
    manifest.manifest?.routes.map((r) => r.route),
    ['GET /a'],
  );
  const typo = parseManifest('version: 1\nopenap: 3.0.1\nroutes: ["GET /a"]\n', '.github/apigw-routes.yml');
  assert.match(typo.problems[0]?.message ?? '', /unknown key `openap`/);
});

test('the document has no api block: rest-api-id, stage and region come from the inputs', () => {
  const { manifest } = parseManifest(OAS3_YAML, OPENAPI_FILE);
  assert.deepEqual(manifest?.api, {});
  assert.equal(manifest?.file, OPENAPI_FILE);
});
