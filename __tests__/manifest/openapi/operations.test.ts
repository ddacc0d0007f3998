// Operations → routes: ANY, expectations from responses, the x-apigw-route-verify extension,
// path problems, and the manifest's hostile-input limits applied to OpenAPI documents.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatProblem, loadManifest, MAX_MANIFEST_BYTES, MAX_ROUTES } from '../../../src/manifest/index.ts';
import { lineOf, oas3, onlyRoute, problemsOf, routesOf } from './support.ts';

const ANY = 'x-amazon-apigateway-any-method';

test('ANY is checked with GET, or with the first verb its path has no method of its own for', () => {
  const alone = oas3(['  /a:', `    ${ANY}: {}`]);
  assert.deepEqual(
    routesOf(alone).map((r) => [r.route, r.source.line]),
    [['GET /a', lineOf(alone, ANY)]],
  );
  const beside = oas3(['  /a:', '    get: {}', '    post: {}', `    ${ANY}: {}`]);
  assert.deepEqual(
    routesOf(beside).map((r) => r.route),
    ['GET /a', 'POST /a', 'PUT /a'],
  );
  const full = oas3(['  /a:', ...['get', 'post', 'put', 'patch', 'delete'].map((v) => `    ${v}: {}`), `    ${ANY}: {}`]);
  assert.equal(routesOf(full).length, 5, 'an ANY every verb of which has its own method is not checked');
});

test('every verb and the root path; trace, summaries and extensions of the path item are not operations', () => {
  const text = oas3([
    '  /:',
    '    summary: root',
    '    x-amazon-apigateway-any-method-not: {}',
    ...['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'].map((v) => `    ${v}: {}`),
  ]);
  assert.deepEqual(
    routesOf(text).map((r) => r.route),
    ['GET /', 'PUT /', 'POST /', 'DELETE /', 'OPTIONS /', 'HEAD /', 'PATCH /'],
  );
});

const EXPECTS: { responses: string; text: string }[] = [
  { responses: '{ "200": { description: ok } }', text: '200' },
  { responses: '{ "201": {}, "200": {}, "404": {} }', text: '[200, 201]' },
  { responses: '{ 2XX: {}, "404": {} }', text: '2xx' },
  { responses: '{ default: {} }', text: '2xx' },
  { responses: '{}', text: '2xx' },
  { responses: '{ "302": {}, "401": {} }', text: 'reachable' },
  { responses: '{ 4XX: {}, default: {} }', text: 'reachable' },
];

for (const { responses, text } of EXPECTS) {
  test(`responses ${responses} → expect ${text}`, () => {
    const route = onlyRoute(oas3(['  /a:', `    get: { responses: ${responses} }`]));
    assert.equal(route.expect.text, text);
  });
}

test('x-apigw-route-verify on an operation: the manifest keys, checked by the manifest validators', () => {
  const text = oas3([
    '  /items/{id}:',
    '    delete:',
    '      parameters: [{ name: id, in: path, required: true }]',
    '      x-apigw-route-verify:',
    '        params: { id: "42" }',
    '        query: { dryRun: true }',
    '        headers: { x-smoke: "1" }',
    '        body: { reason: smoke }',
    '        expect: [204, 404]',
    '        auth: iam',
    '        negative: false',
    '    get:',
    '      x-apigw-route-verify: { skip: true }',
  ]);
  const route = onlyRoute(text);
  assert.deepEqual(
    {
      route: route.route,
      params: route.params,
      query: route.query,
      headers: route.headers,
      body: route.body,
      expect: route.expect.text,
      auth: route.auth,
      negative: route.negative,
    },
    {
      route: 'DELETE /items/{id}',
      params: { id: '42' },
      query: { dryRun: 'true' },
      headers: { 'x-smoke': '1' },
      body: '{"reason":"smoke"}',
      expect: '[204, 404]',
      auth: 'iam',
      negative: false,
    },
  );
});

test('x-apigw-route-verify problems are located and phrased as in the manifest', () => {
  const text = oas3([
    '  /items/{id}:',
    '    get:',
    '      parameters: [{ name: id, in: path, example: "1" }]',
    '      x-apigw-route-verify:',
    '        expected: 200',
    '        auth: AWS_IAM',
    '        params: { idd: "2" }',
    '        body: { a: 1 }',
  ]);
  const problems = problemsOf(text).map((p) => [p.source?.line, p.message]);
  assert.deepEqual(problems, [
    [lineOf(text, 'expected: 200'), 'unknown key `expected` — did you mean `expect`?'],
    [lineOf(text, 'auth: AWS_IAM'), 'unknown auth `AWS_IAM` — did you mean `iam`?'],
    [lineOf(text, 'idd:'), '`x-apigw-route-verify.params.idd` names no `{parameter}` of `/items/{id}`'],
    [lineOf(text, 'body: {'), 'a GET request carries no body'],
  ]);
});

test('the document-level x-apigw-route-verify takes the manifest defaults keys; an operation override wins', () => {
  const text = oas3(
    [
      '  /a:',
      '    get: { security: [{ api_key: [] }] }',
      '  /b:',
      '    get: { x-apigw-route-verify: { auth: none, headers: { accept: text/plain } } }',
    ],
    [
      'x-apigw-route-verify: { auth: auto, expect: reachable, headers: { accept: application/json }, query: { smoke: "1" } }',
      'components: { securitySchemes: { api_key: { type: apiKey, name: x-api-key, in: header } } }',
    ],
  );
  assert.deepEqual(
    routesOf(text).map((r) => [r.route, r.auth, r.expect.text, r.headers, r.query]),
    [
      ['GET /a', 'auto', 'reachable', { accept: 'application/json' }, { smoke: '1' }],
      ['GET /b', 'none', 'reachable', { accept: 'text/plain' }, { smoke: '1' }],
    ],
  );
});

test('a path API Gateway cannot have is an error at the path key, with the manifest message', () => {
  const text = oas3(['  /files/{name}.json:', '    get: {}', '  /ok:', '    get: {}']);
  const problems = problemsOf(text);
  assert.equal(problems.length, 1, problems.map(formatProblem).join('\n'));
  assert.equal(problems[0]!.source?.line, lineOf(text, '/files/{name}.json'));
  assert.match(problems[0]!.message, /is not a whole `\{parameter\}`/);
});

test('no paths, no operations, every operation skipped, an operation that is no mapping', () => {
  const cases: [string, RegExp][] = [
    [oas3([]).replace('paths:\n', 'paths: {}\n'), /has no `paths`/],
    ['openapi: 3.0.1\ninfo: { title: t, version: "1" }\n', /has no `paths`/],
    [oas3(['  /a:', '    summary: nothing']), /has no operations under `paths`/],
    [oas3(['  /a:', '    get: { x-apigw-route-verify: { skip: true } }']), /every operation of the OpenAPI document is skipped \(1\)/],
    [oas3(['  /a:', '    get: 42']), /operation `get` of `\/a` must be a mapping, not the number 42/],
  ];
  for (const [text, pattern] of cases) {
    const problems = problemsOf(text);
    assert.match(problems.map(formatProblem).join('\n'), pattern);
  }
});

test('hostile input: more operations than MAX_ROUTES is one problem at `paths`', () => {
  const lines: string[] = [];
  for (let i = 0; i <= MAX_ROUTES; i++) lines.push(`  /r${i}: { get: {} }`);
  const text = oas3(lines);
  const problems = problemsOf(text);
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.source?.line, lineOf(text, 'paths:'));
  assert.match(problems[0]!.message, new RegExp(`${MAX_ROUTES + 1} operations; at most ${MAX_ROUTES}`));
});

test('hostile input: an alias bomb and deep nesting are refused by the same guards as the manifest', () => {
  const bomb = ['openapi: 3.0.1', 'x-lol:', '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  let previous = 'a';
  for (const name of 'bcdefghij') {
    bomb.push(`  ${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    previous = name;
  }
  bomb.push('paths:', '  /a: { get: {} }');
  assert.match(problemsOf(bomb.join('\n') + '\n')[0]!.message, /aliases expand/);
  const deep = `openapi: 3.0.1\nx-deep: ${'['.repeat(150)}${']'.repeat(150)}\npaths:\n  /a: { get: {} }\n`;
  assert.match(problemsOf(deep)[0]!.message, /nested more than 100 levels/);
});

test('an example written with aliases is sent as the value it expands to', () => {
  const text = oas3(
    ['  /a:', '    post:', '      requestBody: { content: { application/json: { example: *order } } }'],
    ['x-examples:', '  order: &order { sku: smoke, lines: [1, 2] }'],
  );
  // the anchor must come before its alias: put the examples first
  const reordered = text.replace(/^(paths:[\s\S]*?)(x-examples:[\s\S]*)$/m, '$2$1');
  assert.equal(onlyRoute(reordered).body, '{"sku":"smoke","lines":[1,2]}');
});

test('an x- extension of the Paths object is no path', () => {
  const text = oas3(['  x-owner: { team: shop }', '  /a:', '    get: {}']);
  assert.deepEqual(
    routesOf(text).map((r) => r.route),
    ['GET /a'],
  );
});

test('hostile input: loadManifest refuses an OpenAPI file over the size limit unread, and reads one from disk', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'apigw-openapi-'));
  try {
    const small = join(dir, 'openapi.json');
    await writeFile(small, JSON.stringify({ openapi: '3.0.1', paths: { '/a': { get: {} } } }));
    const read = await loadManifest(small, 'openapi.json', dir);
    assert.deepEqual(
      read.manifest?.routes.map((r) => [r.route, r.source.file]),
      [['GET /a', 'openapi.json']],
    );
    const large = join(dir, 'large.yaml');
    await writeFile(large, oas3(['  /a: { get: {} }'], [`x-padding: "${'x'.repeat(MAX_MANIFEST_BYTES)}"`]));
    const refused = await loadManifest(large, 'large.yaml', dir);
    assert.equal(refused.manifest, null);
    assert.match(refused.problems[0]?.message ?? '', /larger than 1 MiB/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the document-level x-apigw-route-verify names itself in its problems', () => {
  const text = oas3(['  /a:', '    get: {}'], ['x-apigw-route-verify: { params: { id: "1" } }']);
  const [problem] = problemsOf(text);
  assert.equal(problem!.message, 'unknown key `params` in `x-apigw-route-verify`');
  assert.match(problem!.fix, /`x-apigw-route-verify` accepts `expect`, `headers`, `auth`, `query`/);
});
