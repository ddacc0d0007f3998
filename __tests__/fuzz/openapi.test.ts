// Property-based fuzzing of the OpenAPI reader: documents assembled from plausible and hostile
// fragments (odd paths, examples of any shape, $refs anywhere, unknown schemes) are never a throw;
// they are refused with problems located in the document, or accepted with sendable routes.
import assert from 'node:assert/strict';
import { validateHeaderName, validateHeaderValue } from 'node:http';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { AUTH_MODES } from '../../src/manifest/fields.ts';
import { parseManifest } from '../../src/manifest/index.ts';
import { buildTarget } from '../../src/probe/request.ts';
import { yamlScalar, yamlValue } from './generators.ts';

const FILE = 'api/openapi.yaml';
const BASE_URL = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod';
let cases = 0;
let accepted = 0;
after(() => console.log(`fuzz: ${cases} cases (OpenAPI reader, ${accepted} accepted)`));

const segment = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('a', 'users', '{id}', '{proxy+}', 'ü') },
  { weight: 1, arbitrary: fc.constantFrom('.', '..', '%2e', '{id}.json', 'x y', '') },
);
const path = fc.array(segment, { minLength: 0, maxLength: 3 }).map((s) => JSON.stringify(`/${s.join('/')}`));
const ref = fc
  .constantFrom(
    '#/components/parameters/Id',
    '#/components/parameters/Loop',
    '#/components/schemas/S',
    '#/paths',
    '#/',
    '#',
    '#/components/parameters/~1x',
    '#/x/0/1',
    'other.yaml#/Id',
    '#/components/parameters/%zz',
  )
  .map((r) => `{ $ref: ${JSON.stringify(r)} }`);
const plausible = fc.constantFrom('"42"', 'abc', '7', '"a/b"', 'true', '{ value: x }', '[x, y]', '{ type: string, example: z }');
const value = fc.oneof({ weight: 5, arbitrary: plausible }, { weight: 1, arbitrary: yamlValue }, { weight: 1, arbitrary: ref });
const parameter = fc
  .record({
    name: fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom('id', 'proxy', 'q', 'x-h', 'Authorization', 'x a') },
      { weight: 1, arbitrary: yamlScalar },
    ),
    in: fc.constantFrom('path', 'query', 'header', 'cookie', 'body', 'nowhere'),
    required: fc.constantFrom('true', 'false', '"true"', '1'),
    holder: fc.constantFrom('example', 'x-example', 'examples', 'default', 'enum', 'schema', 'content'),
    value,
  })
  .map((p) => `{ name: ${p.name}, in: ${p.in}, required: ${p.required}, ${p.holder}: ${p.value} }`);
const operation = fc
  .record({
    parameters: fc.oneof(
      fc.array(fc.oneof(parameter, ref), { maxLength: 3 }).map((ps) => `[${ps.join(', ')}]`),
      value,
    ),
    security: fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom('[]', '[{ api_key: [] }]', '[{ sigv4: [], api_key: [] }]', '[{ nope: [] }]', '[{}]', 'x') },
      { weight: 1, arbitrary: value },
    ),
    responses: fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom('{ "200": {} }', '{ 2XX: {}, "404": {} }', '{ "302": {} }', '{}', '{ default: {} }') },
      { weight: 1, arbitrary: value },
    ),
    requestBody: fc.oneof(
      ref,
      value.map((v) => `{ content: { application/json: { example: ${v} } } }`),
    ),
    extension: fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom('{}', '{ skip: true }', '{ params: { id: "1" } }', '{ auth: iam, expect: 404 }') },
      { weight: 1, arbitrary: value },
    ),
  })
  .map(
    (o) =>
      `{ parameters: ${o.parameters}, security: ${o.security}, responses: ${o.responses}, requestBody: ${o.requestBody}, x-apigw-route-verify: ${o.extension} }`,
  );
const verb = fc.constantFrom(
  'get',
  'post',
  'put',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
  'x-amazon-apigateway-any-method',
  'x-other',
  'parameters',
);
const pathItem = fc.uniqueArray(fc.tuple(verb, fc.oneof({ weight: 6, arbitrary: operation }, { weight: 1, arbitrary: value })), {
  minLength: 1,
  maxLength: 3,
  selector: ([key]) => key,
});
const documentText = fc
  .record({
    head: fc.constantFrom('openapi: 3.0.1', 'openapi: 3.1.0', 'swagger: "2.0"', 'openapi: 3.0'),
    paths: fc.uniqueArray(fc.tuple(path, pathItem), { minLength: 1, maxLength: 3, selector: ([key]) => key }),
    components: fc.oneof(
      fc.constant(''),
      value.map((v) => `    Id: ${v}`),
    ),
  })
  .map(
    ({ head, paths, components }) =>
      [
        head,
        'paths:',
        ...paths.flatMap(([p, ops]) => [`  ${p}:`, ...(ops.length ? ops.map(([k, o]) => `    ${k}: ${o}`) : ['    {}'])]),
        'components:',
        '  securitySchemes:',
        '    api_key: { type: apiKey, name: x-api-key, in: header }',
        '    sigv4: { type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: awsSigv4 }',
        '  parameters:',
        '    Loop: { $ref: "#/components/parameters/Loop" }',
        ...(components ? [components] : []),
        '  schemas:',
        '    S: { type: string, example: "7" }',
        'securityDefinitions: { api_key: { type: apiKey, name: x-api-key, in: header } }',
        'definitions: {}',
      ].join('\n') + '\n',
  );

function check(text: string): void {
  cases++;
  const result = parseManifest(text, FILE);
  if (result.manifest) {
    accepted++;
    assert.ok(result.manifest.routes.length > 0);
    for (const route of result.manifest.routes) {
      for (const [name, v] of Object.entries(route.headers)) {
        validateHeaderName(name);
        validateHeaderValue(name, v);
      }
      const target = buildTarget(BASE_URL, route);
      const url = new URL(target.origin + target.path);
      assert.equal(url.pathname + url.search, target.path, `${route.route} → ${target.path}`);
      assert.equal(route.source.file, FILE);
      assert.ok(AUTH_MODES.includes(route.auth), route.auth);
    }
    return;
  }
  const lines = text.split('\n');
  assert.ok(result.problems.length > 0);
  for (const p of result.problems) {
    assert.ok(p.source, `unlocated: ${p.message}`);
    assert.equal(p.source.file, FILE);
    assert.ok(p.source.line >= 1 && p.source.line <= lines.length, `line ${p.source.line}: ${p.message}`);
    assert.ok(p.fix.length > 0, `no fix: ${p.message}`);
  }
}

test('fuzz: OpenAPI documents are read without a throw, refused located or accepted sendable', () => {
  fc.assert(fc.property(documentText, check), { numRuns: 800 });
});
