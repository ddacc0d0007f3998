// Example values: the order they are looked for in, $refs, query and headers, bodies, and the
// error (file and line) when a value is missing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatProblem } from '../../../src/manifest/index.ts';
import { lineOf, oas3, onlyRoute, OPENAPI_FILE, problemsOf, routesOf, swagger2 } from './support.ts';

/** A GET /items/{id} whose `id` parameter has `fields` (flow-mapping text, without braces). */
function withParameter(fields: string): string {
  return oas3(['  /items/{id}:', '    get:', `      parameters: [{ name: id, in: path, required: true, ${fields} }]`]);
}

const ORDER: { name: string; fields: string; value: string }[] = [
  {
    name: 'example beats everything',
    fields: 'example: a, x-example: b, examples: { one: { value: c } }, schema: { example: d, default: e, enum: [f] }',
    value: 'a',
  },
  { name: 'x-example next', fields: 'x-example: b, examples: { one: { value: c } }, schema: { example: d }', value: 'b' },
  { name: 'the first named example', fields: 'examples: { one: { value: c }, two: { value: z } }, schema: { example: d }', value: 'c' },
  { name: "the schema's example", fields: 'schema: { example: d, default: e, enum: [f] }', value: 'd' },
  { name: "the schema's first examples item (JSON Schema)", fields: 'schema: { examples: [d2, d3], default: e }', value: 'd2' },
  { name: 'a default (Swagger 2 style)', fields: 'default: e, enum: [f]', value: 'e' },
  { name: "the schema's default", fields: 'schema: { default: e2, enum: [f] }', value: 'e2' },
  { name: 'the first enum value', fields: 'enum: [f, g]', value: 'f' },
  { name: "the schema's first enum value", fields: 'schema: { type: string, enum: [f2, g] }', value: 'f2' },
  { name: 'a number, as written', fields: 'example: 007', value: '007' },
];

for (const { name, fields, value } of ORDER) {
  test(`path parameter value: ${name}`, () => {
    assert.deepEqual(onlyRoute(withParameter(fields)).params, { id: value });
  });
}

test('a path parameter without any example is an error at the parameter, saying what to add', () => {
  const text = withParameter('schema: { type: string }');
  const problems = problemsOf(text);
  assert.equal(problems.length, 1, problems.map(formatProblem).join('\n'));
  const [problem] = problems;
  assert.deepEqual(
    { file: problem!.source?.file, line: problem!.source?.line },
    { file: OPENAPI_FILE, line: lineOf(text, 'parameters: [') },
  );
  assert.match(problem!.message, /path parameter `id` of `GET \/items\/\{id\}` has no example value/);
  assert.match(problem!.fix, /add `example: "…"`/);
  assert.match(problem!.fix, /x-apigw-route-verify: \{ params: \{ id: "…" \} \}/);
});

test('a path parameter the operation does not declare is an error at the path key', () => {
  const text = oas3(['  /items/{id}:', '    get: { responses: {} }']);
  const [problem, ...rest] = problemsOf(text);
  assert.equal(rest.length, 0);
  assert.equal(problem!.source?.line, lineOf(text, '/items/{id}:'));
  assert.match(problem!.message, /path parameter `\{id\}` of `GET \/items\/\{id\}` is not declared in `parameters`/);
});

test('an example the manifest would refuse is refused the same way (a `/` in a non-greedy value)', () => {
  const text = withParameter('example: "a/b"');
  const [problem] = problemsOf(text);
  assert.match(problem!.message, /contains `\/`/);
  assert.equal(problem!.source?.line, lineOf(text, 'parameters: ['));
});

test('a list example is no single value: an error at the example', () => {
  const text = oas3([
    '  /items/{id}:',
    '    get:',
    '      parameters:',
    '        - name: id',
    '          in: path',
    '          example: [1, 2]',
  ]);
  const [problem] = problemsOf(text);
  assert.equal(problem!.source?.line, lineOf(text, 'example: [1, 2]'));
  assert.match(problem!.message, /is a list; only a string, a number or a boolean can be sent/);
});

test('path-level parameters are shared, an operation parameter of the same name replaces one, and $refs are followed', () => {
  const text = oas3(
    [
      '  /orgs/{org}/items/{id}:',
      '    parameters:',
      '      - $ref: "#/components/parameters/Org"',
      '      - { name: id, in: path, required: true, example: shared }',
      '    get:',
      '      parameters: [{ name: id, in: path, required: true, example: own }]',
    ],
    [
      'components:',
      '  parameters:',
      '    Org: { name: org, in: path, required: true, schema: { $ref: "#/components/schemas/OrgId" } }',
      '  schemas:',
      '    OrgId: { type: string, example: acme }',
    ],
  );
  assert.deepEqual(onlyRoute(text).params, { org: 'acme', id: 'own' });
});

test('a $ref outside the file is an error at the $ref, suggesting a bundled file', () => {
  const text = oas3(['  /a:', '    get:', '      parameters: [{ $ref: "common.yaml#/Id" }]']);
  const [problem] = problemsOf(text);
  assert.equal(problem!.source?.line, lineOf(text, 'common.yaml'));
  assert.match(problem!.message, /points outside this file/);
  assert.match(problem!.fix, /bundle/);
});

test('a $ref loop is reported, not followed forever', () => {
  const text = oas3(
    ['  /a:', '    get:', '      parameters: [{ $ref: "#/components/parameters/A" }]'],
    ['components:', '  parameters:', '    A: { $ref: "#/components/parameters/B" }', '    B: { $ref: "#/components/parameters/A" }'],
  );
  const problems = problemsOf(text);
  assert.match(problems.map(formatProblem).join('\n'), /chain longer than 32 references/);
});

test('required query parameters and headers get their examples; optional ones and credential headers are left out', () => {
  const text = oas3(
    [
      '  /search:',
      '    get:',
      '      parameters:',
      '        - { name: q, in: query, required: true, example: shoes }',
      '        - { name: page, in: query, schema: { default: 1 } }',
      '        - { name: x-tenant, in: header, required: true, schema: { enum: [acme] } }',
      '        - { name: Authorization, in: header, required: true }',
      '        - { name: x-session, in: header, required: true }',
      '        - { name: x-trace, in: header, example: t }',
    ],
    ['components:', '  securitySchemes:', '    s: { type: apiKey, in: header, name: x-session, x-amazon-apigateway-authtype: custom }'],
  );
  const route = onlyRoute(text);
  assert.deepEqual(route.query, { q: 'shoes' });
  assert.deepEqual(route.headers, { 'x-tenant': 'acme' });
});

test('a required query parameter without an example is an error at the parameter', () => {
  const text = oas3(['  /search:', '    get:', '      parameters:', '        - { name: q, in: query, required: true }']);
  const [problem] = problemsOf(text);
  assert.equal(problem!.source?.line, lineOf(text, 'name: q'));
  assert.match(problem!.message, /required query parameter `q` of `GET \/search` has no example value/);
  assert.match(problem!.fix, /query: \{ q: "…" \}/);
});

test('a header example that cannot be sent is refused without repeating it', () => {
  const text = oas3(['  /a:', '    get:', '      parameters:', '        - { name: x-key, in: header, required: true, example: "sécret" }']);
  const [problem] = problemsOf(text);
  assert.doesNotMatch(formatProblem(problem!), /sécret/);
  assert.match(problem!.message, /cannot be sent in a header/);
});

test('OpenAPI 3 body: the JSON example of requestBody (a $ref too); none for GET', () => {
  const text = oas3(
    [
      '  /orders:',
      '    post:',
      '      requestBody: { $ref: "#/components/requestBodies/Order" }',
      '    put:',
      '      requestBody:',
      '        content:',
      '          text/plain: { example: "hello" }',
      '          application/json: { examples: { first: { value: { sku: a } } } }',
      '    patch:',
      '      requestBody: { content: { text/plain: { example: hello } } }',
      '    delete:',
      '      requestBody: { content: { application/json: { schema: { type: object } } } }',
      '  /any:',
      '    post:',
      '      requestBody: { content: { "*/*": { example: raw } } }',
    ],
    [
      'components:',
      '  requestBodies:',
      '    Order:',
      '      content:',
      '        application/json:',
      '          schema: { type: object, example: { sku: smoke, qty: 1 } }',
    ],
  );
  const routes = routesOf(text);
  assert.deepEqual(
    routes.map((r) => [r.route, r.body, r.bodyContentType]),
    [
      ['POST /orders', '{"sku":"smoke","qty":1}', 'application/json'],
      ['PUT /orders', '{"sku":"a"}', 'application/json'],
      ['PATCH /orders', 'hello', 'text/plain'],
      ['DELETE /orders', undefined, undefined],
      ['POST /any', 'raw', undefined],
    ],
  );
});

test('Swagger 2 body: the body parameter schema example, with the operation or document consumes', () => {
  const text = swagger2(
    [
      '  /orders:',
      '    post:',
      '      parameters: [{ name: body, in: body, schema: { type: object, example: { sku: smoke } } }]',
      '    put:',
      '      consumes: [application/vnd.shop+json]',
      '      parameters: [{ name: body, in: body, schema: { $ref: "#/definitions/Order" } }]',
    ],
    ['consumes: [application/json]', 'definitions:', '  Order: { type: object, example: { sku: ref } }'],
  );
  assert.deepEqual(
    routesOf(text).map((r) => [r.route, r.body, r.bodyContentType]),
    [
      ['POST /orders', '{"sku":"smoke"}', 'application/json'],
      ['PUT /orders', '{"sku":"ref"}', 'application/vnd.shop+json'],
    ],
  );
});

test('a media type that could not be sent as the content-type header is refused at its key', () => {
  const text = oas3([
    '  /a:',
    '    post:',
    '      requestBody: { content: { "application/json\\r\\nx-injected: 1": { example: { a: 1 } } } }',
  ]);
  const [problem] = problemsOf(text);
  assert.equal(problem!.source?.line, lineOf(text, 'x-injected'));
  assert.match(problem!.message, /cannot be sent as a content-type header/);
});
