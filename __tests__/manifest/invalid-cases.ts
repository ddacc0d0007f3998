// The parser's invalid manifests with the problems it must report: invalid.test.ts checks them,
// and cases.ts hands the texts to tests that must agree with the parser.
import { yaml } from './helpers.ts';

/** [line, column, a fragment of `message — fix`] */
export type Expected = [number, number, string];

export interface InvalidCase {
  name: string;
  text: string;
  problems: Expected[];
}

/** One route in an otherwise valid manifest: the route's first line is line 2. */
const routes = (...lines: string[]) => yaml('routes:', ...lines);

export const INVALID_CASES: InvalidCase[] = [
  // ── YAML itself ──
  { name: 'YAML syntax error: unclosed flow sequence', text: yaml('routes: [GET /a', 'api: {}'), problems: [[2, 1, 'YAML syntax error']] },
  { name: 'YAML syntax error: unclosed quote', text: routes('  - "GET /a'), problems: [[3, 1, 'Missing closing "quote']] },
  {
    name: 'YAML duplicate key',
    text: yaml('routes: [GET /a]', 'routes: [GET /b]'),
    problems: [[2, 1, 'Map keys must be unique — remove or rename one']],
  },
  { name: 'YAML tab indentation', text: yaml('api:', '\tstage: prod', 'routes: [GET /a]'), problems: [[2, 1, 'indent with spaces']] },
  {
    name: 'YAML with two documents',
    text: yaml('routes: [GET /a]', '---', 'routes: [GET /b]'),
    problems: [[2, 1, 'keep a single document']],
  },
  { name: 'an empty file', text: '# only a comment\n', problems: [[1, 1, 'the routes manifest is empty']] },

  // ── top level ──
  { name: 'a bare list of routes', text: yaml('- GET /a'), problems: [[1, 1, 'must be a mapping with a `routes` list, not a list']] },
  { name: 'no routes key', text: yaml('version: 1'), problems: [[1, 1, 'has no `routes` list']] },
  {
    name: 'misspelt routes key: the typo and the missing list are both reported',
    text: yaml('version: 1', 'route:', '  - GET /a'),
    problems: [
      [1, 1, 'has no `routes` list'],
      [2, 1, 'unknown key `route` — did you mean `routes`?'],
    ],
  },
  {
    name: 'routes is a mapping',
    text: yaml('routes:', '  health: GET /health'),
    problems: [[2, 3, '`routes` must be a list, not a mapping']],
  },
  { name: 'routes is empty', text: yaml('routes: []'), problems: [[1, 9, '`routes` is empty']] },
  { name: 'routes has no value', text: yaml('routes:'), problems: [[1, 1, '`routes` must be a list, not empty']] },
  {
    name: 'version 2',
    text: yaml('version: 2', 'routes: [GET /a]'),
    problems: [[1, 10, 'unsupported manifest version: the number 2 — write `version: 1`']],
  },
  {
    name: 'unknown top-level key without a near match',
    text: yaml('routes: [GET /a]', 'servers: []'),
    problems: [[2, 1, 'unknown key `servers` in the manifest — remove it']],
  },

  // ── api ──
  { name: 'api is a string', text: yaml('api: a1b2c3d4e5', 'routes: [GET /a]'), problems: [[1, 6, '`api` must be a mapping']] },
  {
    name: 'api: camelCase key',
    text: yaml('api:', '  restApiId: a1b2c3d4e5', 'routes: [GET /a]'),
    problems: [[2, 3, 'unknown key `restApiId` — did you mean `rest-api-id`?']],
  },
  {
    name: 'api: rest-api-id with upper case',
    text: yaml('api: { rest-api-id: A1B2C3D4E5 }', 'routes: [GET /a]'),
    problems: [[1, 21, 'API Gateway ids are 10 lowercase letters and digits']],
  },
  {
    name: 'api: rest-api-id too short',
    text: yaml('api: { rest-api-id: a1b2c3 }', 'routes: [GET /a]'),
    problems: [[1, 21, 'is not a REST API id']],
  },
  {
    name: 'api: rest-api-id given as the invoke URL',
    text: yaml('api:', '  rest-api-id: https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod', 'routes: [GET /a]'),
    problems: [[2, 16, 'that is an invoke URL: write `rest-api-id: a1b2c3d4e5`']],
  },
  {
    name: 'api: stage with slashes',
    text: yaml('api:', '  stage: /prod', 'routes: [GET /a]'),
    problems: [[2, 10, 'write `stage: prod`, without slashes']],
  },
  {
    name: 'api: stage with a dot',
    text: yaml('api:', '  stage: v1.2', 'routes: [GET /a]'),
    problems: [[2, 10, 'stage names are letters, digits, `-` and `_`']],
  },
  { name: 'api: empty stage', text: yaml('api:', '  stage:', 'routes: [GET /a]'), problems: [[2, 3, '`api.stage` is empty']] },
  {
    name: 'api: availability zone as region',
    text: yaml('api:', '  region: eu-central-1b', 'routes: [GET /a]'),
    problems: [[2, 11, 'write `region: eu-central-1`']],
  },
  {
    name: 'api: region in upper case',
    text: yaml('api:', '  region: US-EAST-1', 'routes: [GET /a]'),
    problems: [[2, 11, 'is not an AWS region']],
  },
  {
    name: 'api: relative base-url',
    text: yaml('api:', '  base-url: api.example.com/v1', 'routes: [GET /a]'),
    problems: [[2, 13, 'is not an absolute URL']],
  },
  {
    name: 'api: base-url with a query',
    text: yaml('api:', '  base-url: https://x.example.com/v1?debug=1', 'routes: [GET /a]'),
    problems: [[2, 13, 'has a query string or fragment']],
  },
  {
    name: 'api: base-url with a fragment',
    text: yaml('api:', '  base-url: "https://x.example.com/#top"', 'routes: [GET /a]'),
    problems: [[2, 13, 'has a query string or fragment']],
  },
  {
    name: 'api: base-url with credentials is rejected without repeating them',
    text: yaml('api:', '  base-url: https://smoke:hunter2@x.example.com/v1', 'routes: [GET /a]'),
    problems: [[2, 13, '`api.base-url` contains credentials']],
  },
  {
    name: 'api: ftp base-url',
    text: yaml('api:', '  base-url: ftp://x.example.com', 'routes: [GET /a]'),
    problems: [[2, 13, 'must use http or https']],
  },

  // ── defaults ──
  {
    name: 'defaults: body is not a default',
    text: yaml('defaults:', '  body: x', 'routes: [POST /a]'),
    problems: [[2, 3, 'unknown key `body` in `defaults`']],
  },
  {
    name: 'defaults: misspelt header key',
    text: yaml('defaults:', '  header: { a: b }', 'routes: [GET /a]'),
    problems: [[2, 3, 'did you mean `headers`?']],
  },
  {
    name: 'defaults: bad expect',
    text: yaml('defaults:', '  expect: ok', 'routes: [GET /a]'),
    problems: [[2, 11, '`expect` value `ok` is not a status code']],
  },
  { name: 'defaults is a list', text: yaml('defaults: [a]', 'routes: [GET /a]'), problems: [[1, 11, '`defaults` must be a mapping']] },

  // ── the route line ──
  {
    name: 'ANY is not a verb',
    text: routes('  - ANY /{proxy+}'),
    problems: [[2, 5, '`ANY` is not a request verb — pick the concrete verb']],
  },
  { name: 'misspelt method', text: routes('  - GTE /a'), problems: [[2, 5, 'unknown HTTP method `GTE` — did you mean `GET`?']] },
  {
    name: 'unknown method without a near match',
    text: routes('  - FETCH /a'),
    problems: [[2, 5, 'use one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS']],
  },
  {
    name: 'no method',
    text: routes('  - /health'),
    problems: [[2, 5, 'route `/health` has no method — write the verb first: `GET /health`']],
  },
  { name: 'no path', text: routes('  - route: get'), problems: [[2, 12, 'route `get` has no path — write `GET /path`']] },
  { name: 'one word that is neither', text: routes('  - health'), problems: [[2, 5, 'route `health` is not `METHOD /path`']] },
  {
    name: 'two spaces',
    text: routes('  - GET  /a'),
    problems: [[2, 5, 'must separate the method and the path with a single space — write `GET /a`']],
  },
  { name: 'a tab', text: routes('  - "GET\\t/a"'), problems: [[2, 5, 'with a single space']] },
  { name: 'leading space inside quotes', text: routes('  - " GET /a"'), problems: [[2, 5, 'has leading or trailing whitespace']] },
  { name: 'path without a slash', text: routes('  - GET users'), problems: [[2, 5, 'does not start with `/` — write `/users`']] },
  { name: 'a full URL', text: routes('  - GET https://api.example.com/users'), problems: [[2, 5, 'is a full URL']] },
  { name: 'whitespace in the path', text: routes('  - GET /a b'), problems: [[2, 5, 'contains whitespace']] },
  {
    name: 'query string in the path',
    text: routes('  - GET /search?q=shoes&page=2'),
    problems: [[2, 5, 'move the parameters to `query: { q: "shoes", page: "2" }`']],
  },
  { name: 'fragment in the path', text: routes('  - "GET /a#top"'), problems: [[2, 5, 'contains a `#` fragment']] },
  {
    name: 'empty segment',
    text: routes('  - GET /api//users'),
    problems: [[2, 5, 'contains an empty segment (`//`) — write `/api/users`']],
  },
  {
    name: 'brace inside a segment',
    text: routes('  - route: GET /files/{name}.json', '    params: { name: a }'),
    problems: [[2, 12, 'path segment `{name}.json` is not a whole `{parameter}`']],
  },
  { name: 'unclosed brace', text: routes('  - GET /users/{id'), problems: [[2, 5, 'is not a whole `{parameter}`']] },
  { name: 'greedy parameter not last', text: routes('  - GET /{proxy+}/x'), problems: [[2, 5, 'is not the last segment']] },
  { name: 'the same parameter twice', text: routes('  - GET /{id}/{id}'), problems: [[2, 5, 'appears twice']] },
  { name: 'a route that is a number', text: routes('  - 42'), problems: [[2, 5, 'a route cannot be the number 42']] },
  {
    name: 'a route mapping without route: its other keys are still checked',
    text: routes('  - path: /a', '    expect: 700'),
    problems: [
      [2, 5, 'unknown key `path` in a route'],
      [2, 5, 'this route has no `route` key'],
      [3, 13, 'value 700 is not an HTTP status code'],
    ],
  },
  { name: 'route is not a string', text: routes('  - route: [GET, /a]'), problems: [[2, 12, '`route` cannot be a list']] },
  {
    name: 'unknown key in a route',
    text: routes('  - route: GET /a', '    expected: 200'),
    problems: [[3, 5, 'unknown key `expected` — did you mean `expect`?']],
  },
  {
    name: 'a YAML merge key',
    text: routes('  - <<: { auth: iam }', '    route: GET /a'),
    problems: [[2, 5, 'YAML merge keys (`<<`) are not supported — repeat the keys, or put shared values in `defaults:`']],
  },
  {
    name: 'transposed letters are one typo',
    text: routes('  - route: GET /a', '    qeury: { a: 1 }'),
    problems: [[3, 5, 'did you mean `query`?']],
  },

  // ── params ──
  {
    name: 'unsubstituted path parameters, one problem each',
    text: routes('  - GET /orgs/{org}/files/{path+}'),
    problems: [
      [2, 5, 'unsubstituted path parameter `{org}` — add `params: { org: "…" }`'],
      [2, 5, 'unsubstituted path parameter `{path+}` — add `params: { path: "…" }`'],
    ],
  },
  {
    name: 'an unsubstituted parameter in a shorthand route says to use the mapping form',
    text: routes('  - GET /users/{id}'),
    problems: [[2, 5, 'add `params: { id: "…" }`, writing the route as a mapping: `- route: GET /users/{id}`']],
  },
  {
    name: 'a params key that names no segment',
    text: routes('  - route: GET /a/{id}', '    params: { id: 1, page: 2 }'),
    problems: [[3, 22, '`params.page` names no `{parameter}` of `/a/{id}`']],
  },
  {
    name: 'params on a path without parameters',
    text: routes('  - route: GET /a', '    params: { id: 1 }'),
    problems: [[3, 15, 'remove it: this path has no parameters']],
  },
  {
    name: 'a params key with braces',
    text: routes('  - route: GET /a/{id}', '    params: { "{id}": 1 }'),
    problems: [[3, 15, 'did you mean `id`?']],
  },
  {
    name: 'a greedy params key with +',
    text: routes('  - route: GET /{proxy+}', '    params:', '      proxy+: a/b'),
    problems: [[4, 7, 'write `proxy:`']],
  },
  {
    name: 'a misspelt params key',
    text: routes('  - route: GET /a/{userId}', '    params: { userid: 1 }'),
    problems: [[3, 15, 'did you mean `userId`?']],
  },
  {
    name: 'a boolean param value',
    text: routes('  - route: GET /a/{id}', '    params: { id: true }'),
    problems: [[3, 19, 'path parameter `id` cannot be the boolean true']],
  },
  {
    name: 'a nested param value',
    text: routes('  - route: GET /a/{id}', '    params: { id: { x: 1 } }'),
    problems: [[3, 19, 'cannot be a mapping']],
  },
  {
    name: 'an empty param value',
    text: routes('  - route: GET /a/{id}', '    params: { id: "" }'),
    problems: [[3, 19, 'path parameter `id` is empty']],
  },
  {
    name: 'a slash in a plain param',
    text: routes('  - route: GET /a/{id}', '    params: { id: x/y }'),
    problems: [[3, 19, 'contains `/`, which would split it across path segments — only a greedy `{id+}`']],
  },
  {
    name: 'a greedy value starting with a slash',
    text: routes('  - route: GET /{proxy+}', '    params: { proxy: /x }'),
    problems: [[3, 22, 'would put an empty segment in the path']],
  },
  {
    name: 'params is a list',
    text: routes('  - route: GET /a/{id}', '    params: [42]'),
    problems: [[3, 13, '`params` must be a mapping']],
  },

  // ── query and headers ──
  {
    name: 'a nested query value',
    text: routes('  - route: GET /a', '    query: { ids: [1, 2] }'),
    problems: [[3, 19, '`query.ids` is a list; values must be strings, numbers or booleans']],
  },
  {
    name: 'a query value left empty',
    text: routes('  - route: GET /a', '    query:', '      flag:'),
    problems: [[4, 7, '`query.flag` has no value — write `flag: ""`']],
  },
  {
    name: 'query is a string',
    text: routes('  - route: GET /a', '    query: a=1'),
    problems: [[3, 12, '`query` must be a mapping of names to values, not the string "a=1"']],
  },
  {
    name: 'headers written as one string: the problem does not repeat the string (it may hold a credential)',
    text: routes('  - route: GET /a', '    headers: "Authorization: Bearer s3cr3t"'),
    problems: [[3, 14, '`headers` must be a mapping of names to values, not a string — write e.g.']],
  },
  {
    name: 'a nested header value',
    text: routes('  - route: GET /a', '    headers: { accept: { json: 1 } }'),
    problems: [[3, 24, '`headers.accept` is a mapping']],
  },
  {
    name: 'an invalid header name',
    text: routes('  - route: GET /a', '    headers: { "x api": 1 }'),
    problems: [[3, 16, '`x api` is not a valid header name']],
  },
  {
    name: 'a header twice in different case',
    text: routes('  - route: GET /a', '    headers:', '      Accept: a', '      accept: b'),
    problems: [[5, 7, 'header `accept` is set twice (also as `Accept`)']],
  },
  {
    name: 'a header value on two lines',
    text: routes('  - route: GET /a', '    headers:', '      x-note: |', '        one', '        two'),
    problems: [[4, 15, 'has a line break in its value']],
  },

  // ── body ──
  { name: 'a body on GET', text: routes('  - route: GET /a', '    body: { a: 1 }'), problems: [[3, 5, 'a GET request carries no body']] },
  { name: 'a body on HEAD', text: routes('  - route: HEAD /a', '    body: x'), problems: [[3, 5, 'a HEAD request carries no body']] },
  {
    name: 'a body on OPTIONS',
    text: routes('  - route: OPTIONS /a', '    body: x'),
    problems: [[3, 5, 'a OPTIONS request carries no body']],
  },
  {
    name: 'a number body',
    text: routes('  - route: POST /a', '    body: 42'),
    problems: [[3, 11, '`body` cannot be the number 42 — write a mapping or list (sent as JSON) or a string']],
  },

  // ── expect ──
  ...(
    [
      ['600', 'expect` value 600 is not an HTTP status code (100–599)'],
      ['99', 'value 99 is not an HTTP status code'],
      ['2.5', 'value `2.5` is not a status code, a status class or `reachable`'],
      ['1xx', 'value `1xx` is not a status code'],
      ['success', 'value `success` is not'],
      ['true', '`expect` cannot be the boolean true'],
      ['{ code: 200 }', '`expect` cannot be a mapping'],
      ['[]', '`expect` is an empty list'],
      ['', '`expect` cannot be empty'],
    ] as const
  ).map(([value, fragment]): InvalidCase => ({
    name: `expect: ${value || '(nothing)'}`,
    text: routes('  - route: GET /a', `    expect: ${value}`),
    problems: [[3, value ? 13 : 5, `${fragment}`]],
  })),
  {
    name: 'expect: the accepted forms are listed',
    text: routes('  - route: GET /a', '    expect: ok'),
    problems: [
      [
        3,
        13,
        'write a status code (`expect: 200`), a list (`expect: [201, 409]`), a class (`2xx`, `3xx`, `4xx`, `5xx`, also inside a list) or `reachable`',
      ],
    ],
  },
  {
    name: 'expect: each bad list item at its own position',
    text: routes('  - route: GET /a', '    expect: [200, 700, reachable, 4xx]'),
    problems: [
      [3, 19, 'value 700 is not an HTTP status code'],
      [3, 24, '`reachable` cannot be part of a list'],
    ],
  },

  // ── auth ──
  {
    name: 'auth: API Gateway name',
    text: routes('  - route: GET /a', '    auth: AWS_IAM'),
    problems: [[3, 11, 'unknown auth `AWS_IAM` — did you mean `iam`?']],
  },
  { name: 'auth: typo', text: routes('  - route: GET /a', '    auth: api_kye'), problems: [[3, 11, 'did you mean `api-key`?']] },
  {
    name: 'auth: unknown',
    text: routes('  - route: GET /a', '    auth: basic'),
    problems: [[3, 11, 'use one of `auto`, `none`, `api-key`, `iam`, `iam+api-key`, `token`, `token+api-key`']],
  },
  { name: 'auth: a list', text: routes('  - route: GET /a', '    auth: [iam, api-key]'), problems: [[3, 11, '`auth` cannot be a list']] },

  // ── cors ──
  {
    name: 'cors on a GET route',
    text: routes('  - route: GET /users', '    cors: { origin: https://app.example.com, method: GET }'),
    problems: [[3, 5, 'declare it as `OPTIONS /users` with `cors:`']],
  },
  {
    name: 'cors without origin',
    text: routes('  - route: OPTIONS /a', '    cors: { method: POST }'),
    problems: [[3, 11, '`cors` has no `origin`']],
  },
  {
    name: 'cors without method',
    text: routes('  - route: OPTIONS /a', '    cors: { origin: https://x.example }'),
    problems: [[3, 11, '`cors` has no `method`']],
  },
  {
    name: 'cors origin with a path',
    text: routes('  - route: OPTIONS /a', '    cors: { origin: https://x.example/app, method: GET }'),
    problems: [[3, 21, 'is not an origin (`scheme://host[:port]`)']],
  },
  {
    name: 'cors origin without scheme',
    text: routes('  - route: OPTIONS /a', '    cors: { origin: x.example, method: GET }'),
    problems: [[3, 21, 'is not an origin']],
  },
  {
    name: 'cors method ANY',
    text: routes('  - route: OPTIONS /a', '    cors: { origin: https://x.example, method: any }'),
    problems: [[3, 48, '`cors.method`: `ANY` is not a request verb']],
  },
  {
    name: 'cors misspelt key',
    text: routes('  - route: OPTIONS /a', '    cors: { origin: https://x.example, method: GET, header: [a] }'),
    problems: [[3, 53, 'unknown key `header` — did you mean `headers`?']],
  },
  {
    name: 'cors bad header name in a list',
    text: routes(
      '  - route: OPTIONS /a',
      '    cors:',
      '      origin: https://x.example',
      '      method: PUT',
      '      headers: [content-type, "x y"]',
    ),
    problems: [[6, 31, '`cors.headers`: `x y` is not a header name']],
  },
  {
    name: 'cors is a string',
    text: routes('  - route: OPTIONS /a', '    cors: https://x.example'),
    problems: [[3, 11, '`cors` must be a mapping']],
  },

  // ── duplicates ──
  {
    name: 'the same route twice, shorthand then mapping',
    text: routes('  - GET /a', '  - route: get /a', '    expect: 404'),
    problems: [[3, 5, 'duplicate route `GET /a`: same method, path, params and query as line 2']],
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
    problems: [[5, 5, 'as line 2']],
  },
  {
    name: 'a route that repeats one from defaults-merged query',
    text: yaml('defaults: { query: { v: 1 } }', 'routes:', '  - GET /a', '  - route: GET /a', '    query: { v: "1" }'),
    problems: [[4, 5, 'duplicate route `GET /a`']],
  },

  // ── hostile input: what YAML or Node would refuse later, refused here at its place ──
  {
    name: 'a self-referencing alias in a body',
    text: routes('  - route: POST /a', '    body: &a [1, *a]'),
    problems: [[3, 18, 'alias `*a` refers to the node that contains it']],
  },
  {
    name: 'a self-referencing alias in a mapping body',
    text: routes('  - route: POST /a', '    body: &a { x: *a }'),
    problems: [[3, 19, 'alias `*a` refers to the node that contains it']],
  },
  {
    name: 'a header value Node refuses (non-Latin-1)',
    text: routes('  - route: GET /a', '    headers: { x-price: "€" }'),
    problems: [[3, 25, 'header `x-price` has a character that cannot be sent in a header']],
  },
  {
    name: 'a header value with NUL',
    text: routes('  - route: GET /a', '    headers: { x-a: "a\\0b" }'),
    problems: [[3, 21, 'header `x-a` has a character that cannot be sent in a header']],
  },
  {
    name: 'a header value with a non-ASCII Latin-1 letter',
    text: routes('  - route: GET /a', '    headers: { x-a: "café" }'),
    problems: [[3, 21, 'cannot be sent in a header']],
  },
  {
    name: 'a header name Node refuses',
    text: routes('  - route: GET /a', '    headers: { "x(a)": 1 }'),
    problems: [[3, 16, 'is not a valid header name']],
  },
  {
    name: 'a non-ASCII CORS origin',
    text: routes('  - route: OPTIONS /a', '    cors: { origin: "https://bücher.example", method: GET }'),
    problems: [[3, 21, 'write `https://xn--bcher-kva.example`']],
  },
  {
    name: 'a lone surrogate in a query value',
    text: routes('  - route: GET /a', '    query: { q: "\\uD800" }'),
    problems: [[3, 17, 'a lone UTF-16 surrogate']],
  },
  {
    name: 'a lone surrogate in an unknown key is reported once, as the surrogate',
    text: yaml('"\\uDC00x": 1', 'routes: [GET /a]'),
    problems: [[1, 1, 'a lone UTF-16 surrogate']],
  },
  { name: 'a `..` segment in the path', text: routes('  - GET /a/../b'), problems: [[2, 5, 'dot segment']] },
  { name: 'a `.` segment in the path', text: routes('  - GET /a/./b'), problems: [[2, 5, 'write `/a/b`']] },
  {
    name: 'a `..` path parameter value',
    text: routes('  - route: GET /a/{id}', '    params: { id: .. }'),
    problems: [[3, 19, 'dot segment']],
  },
  {
    name: 'a greedy value with a `..` segment',
    text: routes('  - route: GET /{proxy+}', '    params: { proxy: a/../b }'),
    problems: [[3, 22, 'dot segment']],
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
    problems: [
      [3, 10, '`api.stage` `prod/v1` is not a stage name'],
      [5, 9, 'unknown auth `sigv4` — did you mean `iam`?'],
      [8, 12, 'unsubstituted path parameter `{id}`'],
      [9, 5, 'unknown key `expected` — did you mean `expect`?'],
      [10, 5, '`ANY` is not a request verb'],
      [11, 5, 'duplicate route `GET /health`'],
    ],
  },
  {
    name: 'negative is not a boolean',
    text: routes('  - route: GET /a', '    negative: "no"'),
    problems: [[3, 15, '`negative` cannot be']],
  },
];
