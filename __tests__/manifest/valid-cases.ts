// The parser's valid manifests with what it must make of them: valid.test.ts checks the
// expectations, and cases.ts hands the texts to tests that must agree with the parser.
import type { Manifest, RouteSpec } from '../../src/types.ts';
import { FILE, route, yaml } from './helpers.ts';

export interface ValidCase {
  name: string;
  text: string;
  file?: string;
  routes: RouteSpec[];
  api?: Manifest['api'];
  apiSource?: Manifest['apiSource'];
}

const at = (line: number, column: number, file = FILE) => ({ file, line, column });

export const VALID_CASES: ValidCase[] = [
  {
    name: 'the example manifest of docs/manifest.md',
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
    api: { restApiId: 'a1b2c3d4e5', stage: 'prod', region: 'us-east-1', baseUrl: 'https://api.example.com/v1' },
    apiSource: { restApiId: at(3, 3), stage: at(4, 3), region: at(5, 3), baseUrl: at(6, 3) },
    routes: [
      route('GET /health', [11, 5], { headers: { accept: 'application/json' } }),
      route('GET /users/{id}', [12, 5], { params: { id: '42' }, query: { verbose: '1' }, headers: { accept: 'application/json' } }),
      route('POST /orders', [15, 5], {
        headers: { accept: 'application/json' },
        body: '{"sku":"smoke-test"}',
        bodyContentType: 'application/json',
        expect: { codes: [201, 409], classes: [], reachable: false, text: '[201, 409]' },
      }),
      route('GET /reports', [18, 5], { headers: { accept: 'application/json' }, auth: 'iam' }),
      route('OPTIONS /users', [20, 5], {
        headers: { accept: 'application/json' },
        auth: 'none',
        cors: { origin: 'https://app.example.com', method: 'POST', headers: [] },
      }),
    ],
  },
  {
    name: 'shorthand routes; methods in any case are normalised; no version, no api block',
    text: yaml('routes:', '- get /health', '-   Delete /sessions/current', '- "HEAD /"'),
    api: {},
    apiSource: {},
    routes: [route('GET /health', [2, 3]), route('DELETE /sessions/current', [3, 5]), route('HEAD /', [4, 3])],
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
    api: { stage: 'v1_beta-2', region: 'us-gov-west-1' },
    apiSource: { stage: at(3, 12, 'routes.json'), region: at(3, 34, 'routes.json') },
    routes: [
      route('GET /health', [5, 5], {}, 'routes.json'),
      route(
        'PUT /items/{id}',
        [6, 5],
        {
          params: { id: '7' },
          body: '[1,"two"]',
          bodyContentType: 'application/json',
          expect: { codes: [204], classes: [], reachable: false, text: '204' },
        },
        'routes.json',
      ),
    ],
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
    routes: [
      route('GET /a', [7, 5], {
        headers: { Accept: 'text/plain', 'x-team': 'payments' },
        query: { v: '1', lang: 'en' },
        expect: { codes: [], classes: [4], reachable: false, text: '4xx' },
        auth: 'api-key',
      }),
      route('GET /b', [8, 5], {
        headers: { 'x-team': 'payments', ACCEPT: 'application/json' },
        query: { v: '1', lang: 'fr', page: '2' },
        expect: { codes: [200], classes: [], reachable: false, text: '200' },
        auth: 'iam+api-key',
      }),
    ],
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
    routes: [
      route('GET /a', [2, 5], { expect: { codes: [201], classes: [], reachable: false, text: '201' } }),
      route('GET /b', [3, 5], { expect: { codes: [404], classes: [], reachable: false, text: '404' } }),
      route('GET /c', [4, 5], { expect: { codes: [404], classes: [2], reachable: false, text: '[2xx, 404, 404]' } }),
      route('GET /d', [5, 5], { expect: { codes: [], classes: [], reachable: true, text: 'reachable' } }),
      route('GET /e', [6, 5], { expect: { codes: [], classes: [3], reachable: false, text: '3xx' } }),
      route('GET /f', [7, 5], { expect: { codes: [], classes: [5], reachable: false, text: '[5xx]' } }),
    ],
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
    routes: [
      route('GET /users/{id}', [2, 5], { params: { id: '42' } }),
      route('GET /users/{id}', [4, 5], { params: { id: '007' }, expect: { codes: [404], classes: [], reachable: false, text: '404' } }),
      route('GET /users/{id}', [7, 5], { params: { id: '42' }, query: { fields: 'name' } }),
      route('GET /files/{proxy+}', [10, 5], { params: { proxy: 'reports/2024/q1.pdf' } }),
      route('GET /orgs/{org}/members/{member_id}', [12, 5], { params: { member_id: 'm-1', org: 'acme.io' } }),
    ],
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
    routes: [
      route('POST /raw', [2, 5], { body: 'sku=1&qty=2', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      route('PATCH /json', [5, 5], {
        body: '{"ops":[{"op":"replace","path":"/name","value":"x"}],"dry":true}',
        bodyContentType: 'application/json',
      }),
      route('PUT /text', [9, 5], { body: 'line one\nline two\n' }),
    ],
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
    routes: [
      route('OPTIONS /users', [3, 5], {
        auth: 'none',
        cors: { origin: 'http://localhost:3000', method: 'PATCH', headers: ['Content-Type', 'x-requested-with'] },
      }),
      route('OPTIONS /orders', [8, 5], {
        auth: 'api-key',
        cors: { origin: 'https://app.example.com', method: 'POST', headers: ['content-type', 'authorization'] },
      }),
      route('GET /reports', [11, 5], { auth: 'iam' }),
    ],
  },
  {
    name: 'anchors and aliases reuse values',
    text: yaml('routes:', '  - route: GET /a', '    headers: &common { x-smoke: "1" }', '  - route: GET /b', '    headers: *common'),
    routes: [route('GET /a', [2, 5], { headers: { 'x-smoke': '1' } }), route('GET /b', [4, 5], { headers: { 'x-smoke': '1' } })],
  },
  {
    name: 'a byte order mark and CRLF line ends do not shift positions',
    text: '\uFEFFapi:\r\n  region: cn-north-1\r\nroutes:\r\n  - GET /x\r\n',
    api: { region: 'cn-north-1' },
    apiSource: { region: at(2, 3) },
    routes: [route('GET /x', [4, 5])],
  },
  {
    name: 'api values that look like other types keep their written text',
    text: yaml('api:', '  rest-api-id: 0123456789', '  stage: 2024', '  base-url: http://127.0.0.1:4010/local/', 'routes: [GET /]'),
    api: { restApiId: '0123456789', stage: '2024', baseUrl: 'http://127.0.0.1:4010/local/' },
    apiSource: { restApiId: at(2, 3), stage: at(3, 3), baseUrl: at(4, 3) },
    routes: [route('GET /', [5, 10])],
  },
  {
    name: 'negative: false opts a route out of negative probes; negative: true is the default',
    text: yaml('routes:', '  - route: GET /reports', '    auth: iam', '    negative: false', '  - route: GET /audit', '    negative: true'),
    routes: [route('GET /reports', [2, 5], { auth: 'iam', negative: false }), route('GET /audit', [5, 5])],
  },
];
