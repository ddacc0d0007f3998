// Manifests from the parser's tests (valid.test.ts, invalid.test.ts, load.test.ts), text only,
// for tests that must agree with the parser on them, such as the JSON Schema test. The parser's
// own tests keep their expected routes and messages; a case added there belongs here too.
import { yaml } from './helpers.ts';

export interface ManifestCase {
  name: string;
  text: string;
  /** the path shown in problems; a `.json` file is written in JSON */
  file?: string;
}

/** One route in an otherwise valid manifest: the route's first line is line 2. */
const routes = (...lines: string[]) => yaml('routes:', ...lines);

export const VALID_MANIFESTS: ManifestCase[] = [
  {
    name: 'the full example: api, defaults, every kind of route',
    text: yaml(
      'version: 1',
      'api:                                  # every key optional; inputs override',
      '  rest-api-id: a1b2c3d4e5',
      '  stage: prod',
      '  region: us-east-1',
      '  base-url: https://api.example.com/v1',
      'defaults:',
      '  expect: 2xx',
      '  headers: { accept: application/json }',
      'routes:',
      '  - GET /health                       # shorthand',
      '  - route: GET /users/{id}',
      '    params: { id: "42" }',
      '    query: { verbose: "1" }',
      '  - route: POST /orders',
      '    body: { sku: smoke-test }',
      '    expect: [201, 409]',
      '  - route: GET /reports',
      '    auth: iam',
      '  - route: OPTIONS /users',
      '    cors: { origin: https://app.example.com, method: POST }',
    ),
  },
  {
    name: 'shorthand routes; methods in any case are normalised; no version, no api block',
    text: yaml('routes:', '- get /health', '-   Delete /sessions/current', '- "HEAD /"'),
  },
  {
    name: 'a JSON manifest parses through the same path, with positions',
    file: 'routes.json',
    text: [
      '{',
      '  "version": 1,',
      '  "api": { "stage": "v1_beta-2", "region": "us-gov-west-1" },',
      '  "routes": [',
      '    "GET /health",',
      '    { "route": "PUT /items/{id}", "params": { "id": 7 }, "body": [1, "two"], "expect": 204 }',
      '  ]',
      '}',
    ].join('\n'),
  },
  {
    name: 'defaults merge: headers case-insensitively (route wins), query by name, expect and auth replaced',
    text: yaml(
      'defaults:',
      '  expect: 4xx',
      '  auth: api-key',
      '  headers: { Accept: text/plain, x-team: payments }',
      '  query: { v: 1, lang: en }',
      'routes:',
      '  - GET /a',
      '  - route: GET /b',
      '    headers: { ACCEPT: application/json }',
      '    query: { lang: fr, page: 2 }',
      '    expect: 200',
      '    auth: iam+api-key',
    ),
  },
  {
    name: 'every accepted form of expect',
    text: yaml(
      'routes:',
      '  - { route: GET /a, expect: 201 }',
      '  - { route: GET /b, expect: "404" }',
      '  - { route: GET /c, expect: [2XX, 404, 404] }',
      '  - { route: GET /d, expect: reachable }',
      '  - { route: GET /e, expect: 3xx }',
      '  - { route: GET /f, expect: [5xx] }',
    ),
  },
  {
    name: 'path parameters: numbers kept as written, greedy values span segments, same route with other params or query',
    text: yaml(
      'routes:',
      '  - route: GET /users/{id}',
      '    params: { id: 42 }',
      '  - route: GET /users/{id}',
      '    params: { id: 007 }',
      '    expect: 404',
      '  - route: GET /users/{id}',
      '    params: { id: 42 }',
      '    query: { fields: name }',
      '  - route: GET /files/{proxy+}',
      '    params: { proxy: "reports/2024/q1.pdf" }',
      '  - route: GET /orgs/{org}/members/{member_id}',
      '    params: { member_id: m-1, org: acme.io }',
    ),
  },
  {
    name: 'bodies: a string is sent as is without a content type, lists and mappings become JSON',
    text: yaml(
      'routes:',
      '  - route: POST /raw',
      '    body: "sku=1&qty=2"',
      '    headers: { content-type: application/x-www-form-urlencoded }',
      '  - route: PATCH /json',
      '    body:',
      '      ops: [{ op: replace, path: /name, value: x }]',
      '      dry: true',
      '  - route: PUT /text',
      '    body: |',
      '      line one',
      '      line two',
    ),
  },
  {
    name: 'CORS preflights: default auth none even when defaults say otherwise; header lists in both forms',
    text: yaml(
      'defaults: { auth: iam }',
      'routes:',
      '  - route: options /users',
      '    cors:',
      '      origin: http://localhost:3000',
      '      method: patch',
      '      headers: [Content-Type, x-requested-with]',
      '  - route: OPTIONS /orders',
      '    cors: { origin: https://app.example.com, method: POST, headers: "content-type, authorization" }',
      '    auth: api-key',
      '  - GET /reports',
    ),
  },
  {
    name: 'anchors and aliases reuse values',
    text: yaml('routes:', '  - route: GET /a', '    headers: &common { x-smoke: "1" }', '  - route: GET /b', '    headers: *common'),
  },
  {
    name: 'a byte order mark and CRLF line ends do not shift positions',
    text: '\uFEFFapi:\r\n  region: cn-north-1\r\nroutes:\r\n  - GET /x\r\n',
  },
  {
    name: 'api values that look like other types keep their written text',
    text: yaml('api:', '  rest-api-id: 0123456789', '  stage: 2024', '  base-url: http://127.0.0.1:4010/local/', 'routes: [GET /]'),
  },
  {
    name: 'load: a file with a shorthand route and a body',
    text: 'routes:\n  - GET /health\n  - route: POST /orders\n    body: { sku: x }\n',
  },
  {
    name: 'negative: false opts a route out of negative probes; negative: true is the default',
    text: routes('  - route: GET /reports', '    auth: iam', '    negative: false', '  - route: GET /audit', '    negative: true'),
  },
];

export const INVALID_MANIFESTS: ManifestCase[] = [
  // ── YAML itself ──
  { name: 'YAML syntax error: unclosed flow sequence', text: yaml('routes: [GET /a', 'api: {}') },
  { name: 'YAML syntax error: unclosed quote', text: routes('  - "GET /a') },
  { name: 'YAML duplicate key', text: yaml('routes: [GET /a]', 'routes: [GET /b]') },
  { name: 'YAML tab indentation', text: yaml('api:', '\tstage: prod', 'routes: [GET /a]') },
  { name: 'YAML with two documents', text: yaml('routes: [GET /a]', '---', 'routes: [GET /b]') },
  { name: 'an empty file', text: '# only a comment\n' },

  // ── top level ──
  { name: 'a bare list of routes', text: yaml('- GET /a') },
  { name: 'no routes key', text: yaml('version: 1') },
  {
    name: 'misspelt routes key: the typo and the missing list are both reported',
    text: yaml('version: 1', 'route:', '  - GET /a'),
  },
  { name: 'routes is a mapping', text: yaml('routes:', '  health: GET /health') },
  { name: 'routes is empty', text: yaml('routes: []') },
  { name: 'routes has no value', text: yaml('routes:') },
  { name: 'version 2', text: yaml('version: 2', 'routes: [GET /a]') },
  { name: 'unknown top-level key without a near match', text: yaml('routes: [GET /a]', 'servers: []') },

  // ── api ──
  { name: 'api is a string', text: yaml('api: a1b2c3d4e5', 'routes: [GET /a]') },
  { name: 'api: camelCase key', text: yaml('api:', '  restApiId: a1b2c3d4e5', 'routes: [GET /a]') },
  { name: 'api: rest-api-id with upper case', text: yaml('api: { rest-api-id: A1B2C3D4E5 }', 'routes: [GET /a]') },
  { name: 'api: rest-api-id too short', text: yaml('api: { rest-api-id: a1b2c3 }', 'routes: [GET /a]') },
  {
    name: 'api: rest-api-id given as the invoke URL',
    text: yaml('api:', '  rest-api-id: https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod', 'routes: [GET /a]'),
  },
  { name: 'api: stage with slashes', text: yaml('api:', '  stage: /prod', 'routes: [GET /a]') },
  { name: 'api: stage with a dot', text: yaml('api:', '  stage: v1.2', 'routes: [GET /a]') },
  { name: 'api: empty stage', text: yaml('api:', '  stage:', 'routes: [GET /a]') },
  { name: 'api: availability zone as region', text: yaml('api:', '  region: eu-central-1b', 'routes: [GET /a]') },
  { name: 'api: region in upper case', text: yaml('api:', '  region: US-EAST-1', 'routes: [GET /a]') },
  { name: 'api: relative base-url', text: yaml('api:', '  base-url: api.example.com/v1', 'routes: [GET /a]') },
  { name: 'api: base-url with a query', text: yaml('api:', '  base-url: https://x.example.com/v1?debug=1', 'routes: [GET /a]') },
  { name: 'api: base-url with a fragment', text: yaml('api:', '  base-url: "https://x.example.com/#top"', 'routes: [GET /a]') },
  {
    name: 'api: base-url with credentials is rejected without repeating them',
    text: yaml('api:', '  base-url: https://smoke:hunter2@x.example.com/v1', 'routes: [GET /a]'),
  },
  { name: 'api: ftp base-url', text: yaml('api:', '  base-url: ftp://x.example.com', 'routes: [GET /a]') },

  // ── defaults ──
  { name: 'defaults: body is not a default', text: yaml('defaults:', '  body: x', 'routes: [POST /a]') },
  { name: 'defaults: misspelt header key', text: yaml('defaults:', '  header: { a: b }', 'routes: [GET /a]') },
  { name: 'defaults: bad expect', text: yaml('defaults:', '  expect: ok', 'routes: [GET /a]') },
  { name: 'defaults is a list', text: yaml('defaults: [a]', 'routes: [GET /a]') },

  // ── the route line ──
  { name: 'ANY is not a verb', text: routes('  - ANY /{proxy+}') },
  { name: 'misspelt method', text: routes('  - GTE /a') },
  { name: 'unknown method without a near match', text: routes('  - FETCH /a') },
  { name: 'no method', text: routes('  - /health') },
  { name: 'no path', text: routes('  - route: get') },
  { name: 'one word that is neither', text: routes('  - health') },
  { name: 'two spaces', text: routes('  - GET  /a') },
  { name: 'a tab', text: routes('  - "GET\\t/a"') },
  { name: 'leading space inside quotes', text: routes('  - " GET /a"') },
  { name: 'path without a slash', text: routes('  - GET users') },
  { name: 'a full URL', text: routes('  - GET https://api.example.com/users') },
  { name: 'whitespace in the path', text: routes('  - GET /a b') },
  { name: 'query string in the path', text: routes('  - GET /search?q=shoes&page=2') },
  { name: 'fragment in the path', text: routes('  - "GET /a#top"') },
  { name: 'empty segment', text: routes('  - GET /api//users') },
  { name: 'brace inside a segment', text: routes('  - route: GET /files/{name}.json', '    params: { name: a }') },
  { name: 'unclosed brace', text: routes('  - GET /users/{id') },
  { name: 'greedy parameter not last', text: routes('  - GET /{proxy+}/x') },
  { name: 'the same parameter twice', text: routes('  - GET /{id}/{id}') },
  { name: 'a route that is a number', text: routes('  - 42') },
  {
    name: 'a route mapping without route: its other keys are still checked',
    text: routes('  - path: /a', '    expect: 700'),
  },
  { name: 'route is not a string', text: routes('  - route: [GET, /a]') },
  { name: 'unknown key in a route', text: routes('  - route: GET /a', '    expected: 200') },
  {
    name: 'a YAML merge key',
    text: routes('  - <<: { auth: iam }', '    route: GET /a'),
  },
  { name: 'transposed letters are one typo', text: routes('  - route: GET /a', '    qeury: { a: 1 }') },

  // ── params ──
  {
    name: 'unsubstituted path parameters, one problem each',
    text: routes('  - GET /orgs/{org}/files/{path+}'),
  },
  {
    name: 'an unsubstituted parameter in a shorthand route says to use the mapping form',
    text: routes('  - GET /users/{id}'),
  },
  { name: 'a params key that names no segment', text: routes('  - route: GET /a/{id}', '    params: { id: 1, page: 2 }') },
  { name: 'params on a path without parameters', text: routes('  - route: GET /a', '    params: { id: 1 }') },
  { name: 'a params key with braces', text: routes('  - route: GET /a/{id}', '    params: { "{id}": 1 }') },
  { name: 'a greedy params key with +', text: routes('  - route: GET /{proxy+}', '    params:', '      proxy+: a/b') },
  { name: 'a misspelt params key', text: routes('  - route: GET /a/{userId}', '    params: { userid: 1 }') },
  { name: 'a boolean param value', text: routes('  - route: GET /a/{id}', '    params: { id: true }') },
  { name: 'a nested param value', text: routes('  - route: GET /a/{id}', '    params: { id: { x: 1 } }') },
  { name: 'an empty param value', text: routes('  - route: GET /a/{id}', '    params: { id: "" }') },
  { name: 'a slash in a plain param', text: routes('  - route: GET /a/{id}', '    params: { id: x/y }') },
  { name: 'a greedy value starting with a slash', text: routes('  - route: GET /{proxy+}', '    params: { proxy: /x }') },
  { name: 'params is a list', text: routes('  - route: GET /a/{id}', '    params: [42]') },

  // ── query and headers ──
  { name: 'a nested query value', text: routes('  - route: GET /a', '    query: { ids: [1, 2] }') },
  { name: 'a query value left empty', text: routes('  - route: GET /a', '    query:', '      flag:') },
  { name: 'query is a string', text: routes('  - route: GET /a', '    query: a=1') },
  {
    name: 'headers written as one string: the problem does not repeat the string (it may hold a credential)',
    text: routes('  - route: GET /a', '    headers: "Authorization: Bearer s3cr3t"'),
  },
  { name: 'a nested header value', text: routes('  - route: GET /a', '    headers: { accept: { json: 1 } }') },
  { name: 'an invalid header name', text: routes('  - route: GET /a', '    headers: { "x api": 1 }') },
  { name: 'a header twice in different case', text: routes('  - route: GET /a', '    headers:', '      Accept: a', '      accept: b') },
  {
    name: 'a header value on two lines',
    text: routes('  - route: GET /a', '    headers:', '      x-note: |', '        one', '        two'),
  },

  // ── body ──
  { name: 'a body on GET', text: routes('  - route: GET /a', '    body: { a: 1 }') },
  { name: 'a body on HEAD', text: routes('  - route: HEAD /a', '    body: x') },
  { name: 'a body on OPTIONS', text: routes('  - route: OPTIONS /a', '    body: x') },
  { name: 'a number body', text: routes('  - route: POST /a', '    body: 42') },

  // ── expect ──
  ...['600', '99', '2.5', '1xx', 'success', 'true', '{ code: 200 }', '[]', ''].map((value): ManifestCase => ({
    name: `expect: ${value || '(nothing)'}`,
    text: routes('  - route: GET /a', `    expect: ${value}`),
  })),
  {
    name: 'expect: the accepted forms are listed',
    text: routes('  - route: GET /a', '    expect: ok'),
  },
  {
    name: 'expect: each bad list item at its own position',
    text: routes('  - route: GET /a', '    expect: [200, 700, reachable, 4xx]'),
  },

  // ── auth ──
  { name: 'auth: API Gateway name', text: routes('  - route: GET /a', '    auth: AWS_IAM') },
  { name: 'auth: typo', text: routes('  - route: GET /a', '    auth: api_kye') },
  { name: 'auth: unknown', text: routes('  - route: GET /a', '    auth: basic') },
  { name: 'auth: a list', text: routes('  - route: GET /a', '    auth: [iam, api-key]') },

  // ── cors ──
  {
    name: 'cors on a GET route',
    text: routes('  - route: GET /users', '    cors: { origin: https://app.example.com, method: GET }'),
  },
  { name: 'cors without origin', text: routes('  - route: OPTIONS /a', '    cors: { method: POST }') },
  { name: 'cors without method', text: routes('  - route: OPTIONS /a', '    cors: { origin: https://x.example }') },
  { name: 'cors origin with a path', text: routes('  - route: OPTIONS /a', '    cors: { origin: https://x.example/app, method: GET }') },
  { name: 'cors origin without scheme', text: routes('  - route: OPTIONS /a', '    cors: { origin: x.example, method: GET }') },
  { name: 'cors method ANY', text: routes('  - route: OPTIONS /a', '    cors: { origin: https://x.example, method: any }') },
  { name: 'cors misspelt key', text: routes('  - route: OPTIONS /a', '    cors: { origin: https://x.example, method: GET, header: [a] }') },
  {
    name: 'cors bad header name in a list',
    text: routes(
      '  - route: OPTIONS /a',
      '    cors:',
      '      origin: https://x.example',
      '      method: PUT',
      '      headers: [content-type, "x y"]',
    ),
  },
  { name: 'cors is a string', text: routes('  - route: OPTIONS /a', '    cors: https://x.example') },

  // ── duplicates ──
  {
    name: 'the same route twice, shorthand then mapping',
    text: routes('  - GET /a', '  - route: get /a', '    expect: 404'),
  },
  {
    name: 'duplicates compare params and query regardless of their order',
    text: routes(
      '  - route: GET /o/{org}/u/{id}',
      '    params: { org: a, id: 1 }',
      '    query: { x: 1, y: 2 }',
      '  - route: GET /o/{org}/u/{id}',
      '    params: { id: 1, org: a }',
      '    query: { y: 2, x: 1 }',
    ),
  },
  {
    name: 'a route that repeats one from defaults-merged query',
    text: yaml('defaults: { query: { v: 1 } }', 'routes:', '  - GET /a', '  - route: GET /a', '    query: { v: "1" }'),
  },

  // ── everything at once ──
  {
    name: 'multiple problems across the file are all collected, in reading order',
    text: yaml(
      'version: 1',
      'api:',
      '  stage: prod/v1',
      'defaults:',
      '  auth: sigv4',
      'routes:',
      '  - GET /health',
      '  - route: GET /users/{id}',
      '    expected: 200',
      '  - ANY /x',
      '  - GET /health',
    ),
  },
  { name: 'load: a JSON file with a misspelt method', file: 'routes.json', text: '{\n  "routes": ["GET /a", "PSOT /b"]\n}\n' },
  { name: 'negative is not a boolean', text: routes('  - route: GET /a', '    negative: "no"') },
];
