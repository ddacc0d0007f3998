// The execute-api data plane over real HTTP on loopback: the Host header picks the API, the answers
// are compared byte for byte with what real API Gateway sends, and SigV4 requests are signed by
// aws4 (what the action uses) and by curl's --aws-sigv4, then verified by the emulator.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import aws4 from 'aws4';
import { handleDataPlane } from '../../emulator/data-plane.ts';
import type { EmulatorModel, MethodModel, ResourcesModel } from '../../emulator/model.ts';
import { EmulatorState } from '../../emulator/state.ts';

const REGION = 'us-east-1';
const API = 'a1b2c3d4e5';
const OTHER_API = 'z9y8x7w6v5';
const HOST = `${API}.execute-api.${REGION}.amazonaws.com`;
const OTHER_HOST = `${OTHER_API}.execute-api.${REGION}.amazonaws.com`;
const MAT_BODY = '{"message":"Missing Authentication Token"}';
const FORBIDDEN_BODY = '{"message":"Forbidden"}';
const MISMATCH =
  '{"message":"The request signature we calculated does not match the signature you provided. ' +
  'Check your AWS Secret Access Key and signing method. Consult the service documentation for details."}';

const IAM: MethodModel = { authorizationType: 'AWS_IAM' };

/** What stage "prod" serves. */
const MAIN: ResourcesModel = {
  '/': { GET: {} },
  '/health': { GET: {} },
  '/users': { GET: {}, POST: {}, OPTIONS: {} },
  '/users/{id}': { GET: {} },
  '/users/me': { GET: {} },
  '/files/{proxy+}': { GET: {} },
  '/iam': { GET: IAM },
  '/reports/{id}': { GET: IAM },
  '/iam-keyed': { GET: { authorizationType: 'AWS_IAM', apiKeyRequired: true } },
  '/keyed': { GET: { apiKeyRequired: true } },
  '/lambda-auth': { GET: { authorizationType: 'CUSTOM', authorizer: 'token-auth' } },
  '/cognito': { GET: { authorizationType: 'COGNITO_USER_POOLS', authorizer: 'pool' } },
  '/misconfigured': { GET: { authorizationType: 'CUSTOM', authorizer: 'no-such-authorizer' } },
  '/broken': { GET: { integration: { fault: 'error' } } },
  '/slow': { GET: { integration: { fault: 'timeout' } } },
  '/teapot': {
    GET: { integration: { status: 418, body: 'short and stout', headers: { 'content-type': 'text/plain', 'x-brew': 'earl-grey' } } },
  },
};

/** What stage "proxied" serves: a greedy proxy behind resources that lack some verbs. */
const PROXIED: ResourcesModel = {
  '/': { GET: {} },
  '/{proxy+}': { ANY: {} },
  '/files/{proxy+}': { GET: {} },
  '/preflight-only': { OPTIONS: {} },
  '/items': { PUT: {} },
  '/empty': {},
  '/admin': { POST: IAM },
};

const MODEL: EmulatorModel = {
  region: REGION,
  accountId: '123456789012',
  apis: [
    {
      id: API,
      // The current definition has a route no stage serves yet, and lacks "/legacy".
      resources: { ...MAIN, '/new-route': { GET: {} } },
      authorizers: [
        { name: 'token-auth', type: 'TOKEN', validTokens: ['Bearer good'] },
        { name: 'pool', type: 'COGNITO_USER_POOLS', identitySource: 'method.request.header.X-Id-Token', validTokens: ['jwt-ok'] },
      ],
      deployments: [
        { id: 'dep-main', createdDate: '2024-05-02T00:00:00Z', resources: MAIN },
        { id: 'dep-proxy', createdDate: '2024-05-01T00:00:00Z', resources: PROXIED },
        { id: 'dep-old', createdDate: '2024-04-01T00:00:00Z', resources: { '/': { GET: {} }, '/legacy': { GET: {} } } },
        { id: 'dep-noroot', createdDate: '2024-03-01T00:00:00Z', resources: { '/{proxy+}': { ANY: {} } } },
      ],
      stages: [
        { name: 'prod', deploymentId: 'dep-main' },
        { name: 'proxied', deploymentId: 'dep-proxy' },
        { name: 'v1', deploymentId: 'dep-old' },
        { name: 'noroot', deploymentId: 'dep-noroot' },
        {
          name: 'guarded',
          deploymentId: 'dep-main',
          webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/block/1',
          wafBlocks: true,
        },
      ],
    },
    {
      id: OTHER_API,
      resources: {},
      deployments: [{ id: 'dep-z', createdDate: '2024-05-01T00:00:00Z', resources: { '/': { GET: {} }, '/orders': { GET: {} } } }],
      stages: [{ name: 'live', deploymentId: 'dep-z' }],
    },
  ],
  apiKeys: [
    { id: 'k-valid', value: 'key-valid' },
    { id: 'k-disabled', value: 'key-disabled', enabled: false },
    { id: 'k-unplanned', value: 'key-unplanned' },
    { id: 'k-elsewhere', value: 'key-elsewhere' },
  ],
  usagePlans: [
    { id: 'plan-prod', apiStages: [{ apiId: API, stage: 'prod' }], keys: ['k-valid', 'k-disabled'] },
    { id: 'plan-proxied', apiStages: [{ apiId: API, stage: 'proxied' }], keys: ['k-elsewhere'] },
  ],
  domainNames: [
    {
      domainName: 'api.example.com',
      mappings: [
        { basePath: '(none)', restApiId: API, stage: 'prod' },
        { basePath: 'orders', restApiId: OTHER_API, stage: 'live' },
        { basePath: 'orders/v2', restApiId: API, stage: 'proxied' },
      ],
    },
    { domainName: 'only.example.com', mappings: [{ basePath: 'svc', restApiId: OTHER_API, stage: 'live' }] },
  ],
  identities: [
    { accessKeyId: 'AKIDGOOD', secretAccessKey: 'good-secret' },
    { accessKeyId: 'ASIATEMP', secretAccessKey: 'temp-secret', sessionToken: 'session-1' },
    { accessKeyId: 'ASIAOLD', secretAccessKey: 'old-secret', sessionToken: 'session-old', expired: true },
    { accessKeyId: 'AKIDNOPE', secretAccessKey: 'nope-secret', invoke: false, arn: 'arn:aws:sts::123456789012:assumed-role/deploy/ci' },
  ],
};

interface Plane {
  state: EmulatorState;
  port: number;
  close(): Promise<void>;
}

async function startPlane(model: EmulatorModel): Promise<Plane> {
  const state = new EmulatorState(model);
  const server = http.createServer((req, res) => {
    handleDataPlane(state, req, res).catch((err: unknown) => {
      res.writeHead(500);
      res.end(`test server: ${String(err)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    state,
    port: (server.address() as AddressInfo).port,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

interface Call {
  method?: string;
  path: string;
  host?: string;
  headers?: Record<string, string>;
  body?: string;
}

function send(port: number, call: Call): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: call.method ?? 'GET',
        path: call.path,
        agent: false,
        headers: { host: call.host ?? HOST, ...call.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(call.body);
  });
}

interface Creds {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

const GOOD: Creds = { accessKeyId: 'AKIDGOOD', secretAccessKey: 'good-secret' };

/** Sign with aws4 exactly as the action does (service execute-api, the API's region). */
function signed(call: Call, creds: Creds, opts: { region?: string; service?: string; signQuery?: boolean } = {}): Call {
  const host = call.host ?? HOST;
  const request = aws4.sign(
    {
      host,
      method: call.method ?? 'GET',
      path: call.path,
      ...(call.body !== undefined ? { body: call.body } : {}),
      headers: { ...call.headers },
      service: opts.service ?? 'execute-api',
      region: opts.region ?? REGION,
      ...(opts.signQuery !== undefined ? { signQuery: opts.signQuery } : {}),
    },
    creds,
  );
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name] = String(value);
  return { ...call, host, path: request.path ?? call.path, headers };
}

const routeOf = (answer: Answer): string => (JSON.parse(answer.body) as { route: string }).route;

function assertGatewayError(answer: Answer, status: number, errorType: string, body: string): void {
  assert.equal(answer.status, status, answer.body);
  assert.equal(answer.headers['x-amzn-errortype'], errorType);
  assert.equal(answer.body, body);
}

let plane: Plane;
before(async () => {
  plane = await startPlane(MODEL);
});
after(() => plane.close());

const get = (path: string, extra: Omit<Call, 'path'> = {}) => send(plane.port, { path, ...extra });

describe('API and stage selection', () => {
  test('MAT is byte-exact: 403, application/json, 42-byte body, error type and request ids', async () => {
    const answer = await get('/prod/nowhere');
    assert.equal(answer.status, 403);
    assert.equal(answer.headers['content-type'], 'application/json');
    assert.equal(answer.body, MAT_BODY);
    assert.equal(answer.headers['content-length'], '42');
    assert.equal(Buffer.byteLength(answer.body), 42);
    assert.equal(answer.headers['x-amzn-errortype'], 'MissingAuthenticationTokenException');
    assert.match(String(answer.headers['x-amzn-requestid']), /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.match(String(answer.headers['x-amz-apigw-id']), /^[A-Za-z0-9+/]{15}=$/);
  });

  test('an unknown stage answers MAT, the bare host and an unknown API answer Forbidden', async () => {
    assertGatewayError(await get('/production/users'), 403, 'MissingAuthenticationTokenException', MAT_BODY);
    assertGatewayError(await get('/'), 403, 'ForbiddenException', FORBIDDEN_BODY);
    assertGatewayError(
      await get('/prod/users', { host: `nosuchapi1.execute-api.${REGION}.amazonaws.com` }),
      403,
      'ForbiddenException',
      FORBIDDEN_BODY,
    );
    // The same API id in another region is another (absent) API.
    assertGatewayError(
      await get('/prod/users', { host: `${API}.execute-api.eu-west-1.amazonaws.com` }),
      403,
      'ForbiddenException',
      FORBIDDEN_BODY,
    );
  });

  test('the stage alone reaches the root resource, with or without the trailing slash', async () => {
    for (const path of ['/prod', '/prod/']) {
      const answer = await get(path);
      assert.equal(answer.status, 200, path);
      assert.equal(routeOf(answer), 'GET /', path);
    }
  });

  test('the Host header picks the API; any other host is the first API', async () => {
    assert.equal(routeOf(await get('/live/orders', { host: OTHER_HOST })), 'GET /orders');
    assert.equal((await get('/live/orders', { host: HOST })).status, 403); // "live" is no stage of the first API
    const viaLoopback = await get('/prod/health', { host: `127.0.0.1:${plane.port}` });
    assert.equal(routeOf(viaLoopback), 'GET /health');
  });

  test('a custom domain maps base paths to stages: longest base path wins, the stage is not in the path', async () => {
    const cases: [string, string, number, string?][] = [
      ['api.example.com', '/users', 200, 'GET /users'], // (none) → a1b2c3d4e5/prod
      ['api.example.com', '/', 200, 'GET /'],
      ['api.example.com', '/prod/users', 403], // the stage named twice: MAT
      ['api.example.com', '/orders', 200, 'GET /'], // "orders" → z9y8x7w6v5/live root
      ['api.example.com', '/orders/orders', 200, 'GET /orders'],
      ['api.example.com', '/orders/v2/anything', 200, 'GET /{proxy+}'], // "orders/v2" beats "orders"
      ['API.EXAMPLE.COM:443', '/health', 200, 'GET /health'], // host names are case-insensitive, ports ignored
      ['only.example.com', '/svc/orders', 200, 'GET /orders'],
    ];
    for (const [host, path, status, route] of cases) {
      const answer = await get(path, { host });
      assert.equal(answer.status, status, `${host}${path}: ${answer.body}`);
      if (route) assert.equal(routeOf(answer), route, `${host}${path}`);
    }
    assertGatewayError(await get('/prod/users', { host: 'api.example.com' }), 403, 'MissingAuthenticationTokenException', MAT_BODY);
    // No base path of the domain matches: Forbidden, not MAT.
    assertGatewayError(await get('/other/orders', { host: 'only.example.com' }), 403, 'ForbiddenException', FORBIDDEN_BODY);
  });

  test('a PRIVATE API answers Forbidden from outside its VPC, on any route', async () => {
    const model = structuredClone(MODEL);
    assert.ok(model.apis[0]);
    model.apis[0].endpointType = 'PRIVATE';
    const privatePlane = await startPlane(model);
    try {
      assertGatewayError(await send(privatePlane.port, { path: '/prod/health' }), 403, 'ForbiddenException', FORBIDDEN_BODY);
      assertGatewayError(await send(privatePlane.port, { path: '/prod/nowhere' }), 403, 'ForbiddenException', FORBIDDEN_BODY);
    } finally {
      await privatePlane.close();
    }
  });

  test('a stage is served from its deployment, never from the current definition', async () => {
    // "/new-route" is in the current definition only; "/legacy" only in stage v1's old deployment.
    assertGatewayError(await get('/prod/new-route'), 403, 'MissingAuthenticationTokenException', MAT_BODY);
    assert.equal(routeOf(await get('/v1/legacy')), 'GET /legacy');
    assertGatewayError(await get('/v1/health'), 403, 'MissingAuthenticationTokenException', MAT_BODY);
  });
});

describe('routing on the resource+method pair', () => {
  test('literal segments beat {param}; {param} takes one segment; case matters', async () => {
    const cases: [string, number, string?][] = [
      ['/prod/users/me', 200, 'GET /users/me'],
      ['/prod/users/42', 200, 'GET /users/{id}'],
      ['/prod/users/a%20b', 200, 'GET /users/{id}'],
      ['/prod/users/42/orders', 403],
      ['/prod/USERS', 403],
      ['/prod/Health', 403],
    ];
    for (const [path, status, route] of cases) {
      const answer = await get(path);
      assert.equal(answer.status, status, `${path}: ${answer.body}`);
      if (route) assert.equal(routeOf(answer), route, path);
      else assert.equal(answer.body, MAT_BODY, path);
    }
  });

  test('one trailing slash reaches the same resource; an empty segment matches nothing', async () => {
    assert.equal(routeOf(await get('/prod/users/')), 'GET /users');
    assert.equal(routeOf(await get('/prod/users/42/')), 'GET /users/{id}');
    assert.equal((await get('/prod/users//42')).body, MAT_BODY);
  });

  test('a verb the exact resource lacks is MAT when no {proxy+} serves it', async () => {
    assertGatewayError(await get('/prod/users', { method: 'DELETE' }), 403, 'MissingAuthenticationTokenException', MAT_BODY);
    assertGatewayError(await get('/prod/health', { method: 'HEAD' }), 403, 'MissingAuthenticationTokenException', '');
  });

  test('a resource without the verb falls through to the most specific {proxy+} serving it', async () => {
    const cases: [string, string, string][] = [
      ['GET', '/proxied/preflight-only', 'GET /{proxy+}'], // only OPTIONS on the resource
      ['GET', '/proxied/items', 'GET /{proxy+}'], // other verbs on the resource
      ['PUT', '/proxied/items', 'PUT /items'], // the exact resource serves its own verb
      ['GET', '/proxied/empty', 'GET /{proxy+}'], // no methods at all
      ['GET', '/proxied/admin', 'GET /{proxy+}'], // a guarded POST does not hold the path
      ['GET', '/proxied/a/b/c', 'GET /{proxy+}'], // greedy: several segments
      ['GET', '/proxied/files/x/y', 'GET /files/{proxy+}'], // the more specific proxy
      ['POST', '/proxied/files/x', 'POST /{proxy+}'], // …unless it lacks the verb
      ['GET', '/prod/files/report.pdf', 'GET /files/{proxy+}'],
    ];
    for (const [method, path, route] of cases) {
      const answer = await get(path, { method });
      assert.equal(answer.status, 200, `${method} ${path}: ${answer.body}`);
      assert.equal(routeOf(answer), route, `${method} ${path}`);
    }
    // The guarded POST itself still needs a signature.
    assertGatewayError(await get('/proxied/admin', { method: 'POST' }), 403, 'MissingAuthenticationTokenException', MAT_BODY);
  });

  test('{proxy+} never matches the root', async () => {
    for (const path of ['/noroot', '/noroot/']) {
      assertGatewayError(await get(path), 403, 'MissingAuthenticationTokenException', MAT_BODY);
    }
    assert.equal(routeOf(await get('/noroot/x')), 'GET /{proxy+}');
    assertGatewayError(await get('/prod/files'), 403, 'MissingAuthenticationTokenException', MAT_BODY);
  });

  test('an unmatched request with a non-SigV4 Authorization header answers IncompleteSignature, not MAT', async () => {
    const bearer = await get('/prod/nowhere', { headers: { authorization: 'Bearer abc.def' } });
    const hash = createHash('sha256').update('Bearer abc.def').digest('base64');
    assertGatewayError(
      bearer,
      403,
      'IncompleteSignatureException',
      JSON.stringify({
        message: `Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): '${hash}'.`,
      }),
    );
    const bare = await get('/prod/users', { method: 'DELETE', headers: { authorization: 'eyJhbGciOiJIUzI1NiJ9' } });
    assertGatewayError(
      bare,
      403,
      'IncompleteSignatureException',
      JSON.stringify({
        message:
          "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. " +
          "Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a " +
          "'X-Amz-Date' or a 'Date' header. Authorization=eyJhbGciOiJIUzI1NiJ9",
      }),
    );
    // A Bearer header on an existing NONE route is just passed along.
    assert.equal((await get('/prod/health', { headers: { authorization: 'Bearer abc.def' } })).status, 200);
  });

  test('OPTIONS is served by an OPTIONS method with CORS headers, and is MAT without one', async () => {
    const preflight = await get('/prod/users', {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
    });
    assert.equal(preflight.status, 200);
    assert.equal(preflight.headers['access-control-allow-origin'], 'https://app.example.com');
    assert.equal(preflight.headers['access-control-allow-methods'], 'GET,OPTIONS,POST');
    assert.match(String(preflight.headers['access-control-allow-headers']), /Authorization/);
    assert.equal((await get('/proxied/preflight-only', { method: 'OPTIONS' })).headers['access-control-allow-origin'], '*');
    assertGatewayError(await get('/prod/users/42', { method: 'OPTIONS' }), 403, 'MissingAuthenticationTokenException', MAT_BODY);
    // A proxy with ANY serves preflights for paths without their own OPTIONS.
    assert.equal(routeOf(await get('/proxied/items', { method: 'OPTIONS' })), 'OPTIONS /{proxy+}');
  });
});

describe('protection, in the gateway order', () => {
  test('WAF blocks every request to its stage, before routing', async () => {
    for (const path of ['/guarded/health', '/guarded/nowhere', '/guarded/iam']) {
      assertGatewayError(await get(path), 403, 'ForbiddenException', FORBIDDEN_BODY);
    }
  });

  test('API keys: missing, unknown, disabled, not in a plan of this stage → Forbidden; valid → served', async () => {
    const cases: [string | undefined, number][] = [
      [undefined, 403],
      ['key-unknown', 403],
      ['key-disabled', 403],
      ['key-unplanned', 403],
      ['key-elsewhere', 403], // in a plan, but for another stage
      ['key-valid', 200],
    ];
    for (const [key, status] of cases) {
      const answer = await get('/prod/keyed', { headers: key ? { 'x-api-key': key } : {} });
      assert.equal(answer.status, status, `key ${key}: ${answer.body}`);
      if (status === 403) assertGatewayError(answer, 403, 'ForbiddenException', FORBIDDEN_BODY);
    }
  });

  test('authorizers: a missing or unknown token is 401 Unauthorized; a valid one passes', async () => {
    const unauthorized = '{"message":"Unauthorized"}';
    assertGatewayError(await get('/prod/lambda-auth'), 401, 'UnauthorizedException', unauthorized);
    assertGatewayError(
      await get('/prod/lambda-auth', { headers: { authorization: 'Bearer bad' } }),
      401,
      'UnauthorizedException',
      unauthorized,
    );
    assert.equal((await get('/prod/lambda-auth', { headers: { authorization: 'Bearer good' } })).status, 200);
    // The Cognito authorizer reads its own identity source, not Authorization.
    assertGatewayError(await get('/prod/cognito', { headers: { authorization: 'jwt-ok' } }), 401, 'UnauthorizedException', unauthorized);
    assert.equal((await get('/prod/cognito', { headers: { 'x-id-token': 'jwt-ok' } })).status, 200);
    assertGatewayError(
      await get('/prod/misconfigured', { headers: { authorization: 'x' } }),
      500,
      'AuthorizerConfigurationException',
      '{"message": null}',
    );
  });

  test('IAM is checked before the API key', async () => {
    assertGatewayError(
      await get('/prod/iam-keyed', { headers: { 'x-api-key': 'key-valid' } }),
      403,
      'MissingAuthenticationTokenException',
      MAT_BODY,
    );
    assertGatewayError(await send(plane.port, signed({ path: '/prod/iam-keyed' }, GOOD)), 403, 'ForbiddenException', FORBIDDEN_BODY);
    assert.equal((await send(plane.port, signed({ path: '/prod/iam-keyed', headers: { 'x-api-key': 'key-valid' } }, GOOD))).status, 200);
  });

  test('a resource policy that denies everyone: AccessDenied, ordered per authorization type', async () => {
    const denyReports = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 'execute-api:Invoke',
          Resource: `arn:aws:execute-api:${REGION}:123456789012:${API}/*/GET/health`,
        },
        {
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: ['execute-api:*'],
          Resource: ['execute-api:/prod/*/iam', 'execute-api:/prod/GET/lambda-auth', 'execute-api:/prod/GET/cognito'],
        },
        // Conditions are not evaluated: this statement never applies.
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 'execute-api:Invoke',
          Resource: '*',
          Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
        },
      ],
    });
    const base = MODEL.apis[0];
    assert.ok(base);
    const local = await startPlane({ ...MODEL, apis: [{ ...base, policy: denyReports }] });
    try {
      const call = (c: Call) => send(local.port, c);
      const deny = (user: string, path: string) =>
        JSON.stringify({
          Message: `User: ${user} is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:${REGION}:********9012:${API}/prod/GET/${path} with an explicit deny`,
        });
      assertGatewayError(await call({ path: '/prod/health' }), 403, 'AccessDeniedException', deny('anonymous', 'health'));
      assert.equal((await call({ path: '/prod/users' })).status, 200);
      // A Lambda authorizer runs after the policy's explicit deny; Cognito before it.
      assertGatewayError(await call({ path: '/prod/lambda-auth' }), 403, 'AccessDeniedException', deny('anonymous', 'lambda-auth'));
      assertGatewayError(await call({ path: '/prod/cognito' }), 401, 'UnauthorizedException', '{"message":"Unauthorized"}');
      assertGatewayError(
        await call({ path: '/prod/cognito', headers: { 'x-id-token': 'jwt-ok' } }),
        403,
        'AccessDeniedException',
        deny('anonymous', 'cognito'),
      );
      // IAM authenticates first (unsigned is MAT), then names the caller.
      assertGatewayError(await call({ path: '/prod/iam' }), 403, 'MissingAuthenticationTokenException', MAT_BODY);
      assertGatewayError(
        await call(signed({ path: '/prod/iam' }, GOOD)),
        403,
        'AccessDeniedException',
        deny('arn:aws:iam::123456789012:user/AKIDGOOD', 'iam'),
      );
    } finally {
      await local.close();
    }
  });
});

describe('integration', () => {
  test('the mock integration answers its status, body and headers (default: 200 JSON naming the route)', async () => {
    const ok = await get('/prod/users', { method: 'POST', body: '{}' });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers['content-type'], 'application/json');
    assert.equal(ok.body, '{"ok":true,"route":"POST /users"}');
    assert.equal(ok.headers['x-amzn-errortype'], undefined);
    assert.ok(ok.headers['x-amzn-requestid']);
    const teapot = await get('/prod/teapot');
    assert.deepEqual(
      [teapot.status, teapot.body, teapot.headers['content-type'], teapot.headers['x-brew']],
      [418, 'short and stout', 'text/plain', 'earl-grey'],
    );
  });

  test('a failing backend is 502 Internal server error, a slow one 504 Endpoint request timed out', async () => {
    assertGatewayError(await get('/prod/broken'), 502, 'InternalServerErrorException', '{"message": "Internal server error"}');
    assertGatewayError(await get('/prod/slow'), 504, 'InternalServerErrorException', '{"message": "Endpoint request timed out"}');
  });
});

describe('gateway responses and proxies', () => {
  test('a customised gateway response replaces status, body and headers; x-amzn-ErrorType stays', async () => {
    const base = MODEL.apis[0];
    assert.ok(base);
    const local = await startPlane({
      ...MODEL,
      apis: [
        {
          ...base,
          gatewayResponses: {
            MISSING_AUTHENTICATION_TOKEN: {
              statusCode: 404,
              body: '{"error":"not found"}',
              headers: { 'Access-Control-Allow-Origin': '*' },
            },
            DEFAULT_4XX: { statusCode: 400, body: '{"error":"client"}' },
            DEFAULT_5XX: { body: '{"error":"server"}' },
            UNAUTHORIZED: { body: '{"error":"login"}' },
          },
        },
      ],
    });
    try {
      const mat = await send(local.port, { path: '/prod/nowhere' });
      assertGatewayError(mat, 404, 'MissingAuthenticationTokenException', '{"error":"not found"}');
      assert.equal(mat.headers['access-control-allow-origin'], '*');
      // No INVALID_API_KEY response: DEFAULT_4XX applies.
      assertGatewayError(await send(local.port, { path: '/prod/keyed' }), 400, 'ForbiddenException', '{"error":"client"}');
      // A specific response without a status code takes DEFAULT_4XX's.
      assertGatewayError(await send(local.port, { path: '/prod/lambda-auth' }), 400, 'UnauthorizedException', '{"error":"login"}');
      assertGatewayError(await send(local.port, { path: '/prod/broken' }), 502, 'InternalServerErrorException', '{"error":"server"}');
      // An unknown stage has no deployed gateway responses.
      assertGatewayError(await send(local.port, { path: '/nostage/x' }), 403, 'MissingAuthenticationTokenException', MAT_BODY);
    } finally {
      await local.close();
    }
  });

  test('stripErrorTypeHeader drops the x-amzn headers of gateway errors, as some proxies do', async () => {
    const local = await startPlane({ ...MODEL, stripErrorTypeHeader: true });
    try {
      const mat = await send(local.port, { path: '/prod/nowhere' });
      assert.equal(mat.body, MAT_BODY);
      for (const name of ['x-amzn-errortype', 'x-amzn-requestid', 'x-amz-apigw-id']) assert.equal(mat.headers[name], undefined, name);
    } finally {
      await local.close();
    }
  });
});

describe('faults and counters', () => {
  test('every request is counted by verb and path after the stage', async () => {
    plane.state.resetCounters();
    await get('/prod/users/42');
    await get('/prod/users/42');
    await get('/prod');
    await get('/nostage/x', { method: 'POST' });
    await get('/users', { host: 'api.example.com' });
    assert.deepEqual(plane.state.dataCalls, { 'GET /users/42': 2, 'GET /': 1, 'POST /x': 1, 'GET /users': 1 });
  });

  test('throttle answers 429 Too Many Requests with Retry-After, for `count` requests', async () => {
    plane.state.addFault({ target: 'GET /users/42', count: 1, kind: 'throttle', retryAfter: 7 });
    const throttled = await get('/prod/users/42');
    assertGatewayError(throttled, 429, 'TooManyRequestsException', '{"message":"Too Many Requests"}');
    assert.equal(throttled.headers['retry-after'], '7');
    assert.equal((await get('/prod/users/42')).status, 200);
  });

  test('server-error answers 500 Internal server error; "*" targets any data-plane request', async () => {
    plane.state.addFault({ target: '*', count: 2, kind: 'server-error' });
    assertGatewayError(await get('/prod/health'), 500, 'InternalServerErrorException', '{"message": "Internal server error"}');
    assertGatewayError(await get('/prod/nowhere'), 500, 'InternalServerErrorException', '{"message": "Internal server error"}');
    assert.equal((await get('/prod/health')).status, 200);
  });

  test('reset drops the connection without an answer', async () => {
    plane.state.addFault({ target: 'GET /health', count: 1, kind: 'reset' });
    await assert.rejects(
      get('/prod/health'),
      (err: NodeJS.ErrnoException) => err.code === 'ECONNRESET' || /socket hang up/.test(err.message),
    );
    assert.equal((await get('/prod/health')).status, 200);
  });
});

const execFileAsync = promisify(execFile);

async function curl(args: string[]): Promise<Answer> {
  const { stdout } = await execFileAsync('/usr/bin/curl', [
    '-s',
    '-i',
    '--noproxy',
    '*',
    '--max-time',
    '5',
    '--connect-to',
    `${HOST}:80:127.0.0.1:${plane.port}`,
    ...args,
  ]);
  const [head = '', ...rest] = stdout.split('\r\n\r\n');
  const headers: http.IncomingHttpHeaders = {};
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(head.split(' ')[1]), headers, body: rest.join('\r\n\r\n') };
}

describe('SigV4 on AWS_IAM methods', () => {
  test('aws4-signed requests are accepted: GET, POST with a body, encoded path and query, presigned query', async () => {
    assert.equal(routeOf(await send(plane.port, signed({ path: '/prod/iam' }, GOOD))), 'GET /iam');
    const post = await send(
      plane.port,
      signed({ method: 'POST', path: '/proxied/admin', body: '{"a":1}', headers: { 'content-type': 'application/json' } }, GOOD),
    );
    assert.equal(routeOf(post), 'POST /admin');
    const encoded = await send(plane.port, signed({ path: '/prod/reports/a%20b%2Fc?z=1&a=two%20words&a=b' }, GOOD));
    assert.equal(routeOf(encoded), 'GET /reports/{id}');
    const presigned = signed({ path: '/prod/iam?x=1' }, GOOD, { signQuery: true });
    assert.match(presigned.path, /X-Amz-Signature=/);
    assert.equal((await send(plane.port, presigned)).status, 200);
    // Through a custom domain the signed path includes the base path.
    assert.equal((await send(plane.port, signed({ path: '/iam', host: 'api.example.com' }, GOOD))).status, 200);
  });

  test('curl --aws-sigv4 requests are accepted (and its unsorted query is rejected, as by AWS)', async () => {
    const sigv4 = ['--aws-sigv4', `aws:amz:${REGION}:execute-api`, '--user', 'AKIDGOOD:good-secret'];
    const getAnswer = await curl([...sigv4, `http://${HOST}/prod/iam?a=1&b=2`]);
    assert.equal(getAnswer.status, 200, getAnswer.body);
    // curl 7.88 does not sort the query in its canonical request (curl/curl#9717): AWS rejects that too.
    assertGatewayError(await curl([...sigv4, `http://${HOST}/prod/iam?b=2&a=1`]), 403, 'InvalidSignatureException', MISMATCH);
    const postAnswer = await curl([
      ...sigv4,
      '-H',
      'content-type: application/json',
      '--data',
      '{"sku":"x"}',
      `http://${HOST}/proxied/admin`,
    ]);
    assert.equal(postAnswer.status, 200, postAnswer.body);
    const wrongSecret = await curl(['--aws-sigv4', `aws:amz:${REGION}:execute-api`, '--user', 'AKIDGOOD:other', `http://${HOST}/prod/iam`]);
    assertGatewayError(wrongSecret, 403, 'InvalidSignatureException', MISMATCH);
  });

  test('a request changed after signing, or signed with the wrong secret, fails the signature', async () => {
    const original = signed({ method: 'POST', path: '/proxied/admin', body: '{"a":1}' }, GOOD);
    assert.equal((await send(plane.port, original)).status, 200);
    const tampered: Call[] = [
      { ...original, body: '{"a":2}' },
      { ...original, path: '/proxied/admin?extra=1' },
      { ...original, headers: { ...original.headers, 'Content-Type': 'text/plain' } },
      { ...original, method: 'PUT' },
      signed({ method: 'POST', path: '/proxied/admin', body: '{"a":1}' }, { ...GOOD, secretAccessKey: 'wrong' }),
    ];
    for (const call of tampered) {
      const answer = await send(plane.port, call);
      if (call.method === 'PUT') {
        // PUT /admin is served by the proxy (no IAM there): changing the verb changes the route.
        assert.equal(routeOf(answer), 'PUT /{proxy+}');
        continue;
      }
      assertGatewayError(answer, 403, 'InvalidSignatureException', MISMATCH);
    }
    // A signed x-amz-content-sha256 must still be the hash of the body that arrived.
    const bodyHash = createHash('sha256').update('{"a":1}').digest('hex');
    const withHash = signed(
      { method: 'POST', path: '/proxied/admin', body: '{"a":1}', headers: { 'X-Amz-Content-Sha256': bodyHash } },
      GOOD,
    );
    assert.equal((await send(plane.port, withHash)).status, 200);
    assertGatewayError(await send(plane.port, { ...withHash, body: '{"a":2}' }), 403, 'InvalidSignatureException', MISMATCH);
    const otherPath = { ...signed({ path: '/prod/reports/1' }, GOOD), path: '/prod/reports/2' };
    assertGatewayError(await send(plane.port, otherPath), 403, 'InvalidSignatureException', MISMATCH);
  });

  test('unsigned is MAT; a Bearer or Basic header is IncompleteSignature', async () => {
    assertGatewayError(await get('/prod/iam'), 403, 'MissingAuthenticationTokenException', MAT_BODY);
    for (const header of ['Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig', 'Basic dXNlcjpwYXNz']) {
      const answer = await get('/prod/iam', { headers: { authorization: header } });
      assert.equal(answer.headers['x-amzn-errortype'], 'IncompleteSignatureException', header);
      assert.match(answer.body, /missing equal-sign/);
      assert.doesNotMatch(answer.body, /eyJ|dXNl/, 'the token is reported by hash');
    }
  });

  test('session tokens: the right one passes, a missing or wrong one is UnrecognizedClient', async () => {
    const temp: Creds = { accessKeyId: 'ASIATEMP', secretAccessKey: 'temp-secret', sessionToken: 'session-1' };
    const invalid = '{"message":"The security token included in the request is invalid."}';
    assert.equal((await send(plane.port, signed({ path: '/prod/iam' }, temp))).status, 200);
    assert.equal((await send(plane.port, signed({ path: '/prod/iam' }, temp, { signQuery: true }))).status, 200);
    assertGatewayError(
      await send(plane.port, signed({ path: '/prod/iam' }, { accessKeyId: temp.accessKeyId, secretAccessKey: temp.secretAccessKey })),
      403,
      'UnrecognizedClientException',
      invalid,
    );
    assertGatewayError(
      await send(plane.port, signed({ path: '/prod/iam' }, { ...temp, sessionToken: 'session-2' })),
      403,
      'UnrecognizedClientException',
      invalid,
    );
    assertGatewayError(
      await send(plane.port, signed({ path: '/prod/iam' }, { ...GOOD, accessKeyId: 'AKIDUNKNOWN' })),
      403,
      'UnrecognizedClientException',
      invalid,
    );
  });

  test('wrong region or service in the scope, and clock skew, are InvalidSignature', async () => {
    assertGatewayError(
      await send(plane.port, signed({ path: '/prod/iam' }, GOOD, { region: 'eu-west-1' })),
      403,
      'InvalidSignatureException',
      `{"message":"Credential should be scoped to a valid region, not 'eu-west-1'. "}`,
    );
    assertGatewayError(
      await send(plane.port, signed({ path: '/prod/iam' }, GOOD, { service: 'apigateway' })),
      403,
      'InvalidSignatureException',
      `{"message":"Credential should be scoped to correct service: 'execute-api'. "}`,
    );
    const stale = await send(plane.port, signed({ path: '/prod/iam', headers: { 'X-Amz-Date': '20200101T000000Z' } }, GOOD));
    assert.equal(stale.headers['x-amzn-errortype'], 'InvalidSignatureException');
    assert.match(
      stale.body,
      /^\{"message":"Signature expired: 20200101T000000Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)"\}$/,
    );
  });

  test('an expired session is ExpiredToken; an identity without execute-api:Invoke is AccessDenied', async () => {
    const old: Creds = { accessKeyId: 'ASIAOLD', secretAccessKey: 'old-secret', sessionToken: 'session-old' };
    assertGatewayError(
      await send(plane.port, signed({ path: '/prod/iam' }, old)),
      403,
      'ExpiredTokenException',
      '{"message":"The security token included in the request is expired"}',
    );
    assertGatewayError(
      await send(plane.port, signed({ path: '/prod/reports/7' }, { accessKeyId: 'AKIDNOPE', secretAccessKey: 'nope-secret' })),
      403,
      'AccessDeniedException',
      JSON.stringify({
        Message: `User: arn:aws:sts::123456789012:assumed-role/deploy/ci is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:${REGION}:********9012:${API}/prod/GET/reports/7`,
      }),
    );
  });

  test('without identities in the model no key can be verified: every key is unrecognised', async () => {
    const local = await startPlane({ ...MODEL, identities: [] });
    try {
      const answer = await send(local.port, signed({ path: '/prod/iam' }, GOOD));
      assertGatewayError(
        answer,
        403,
        'UnrecognizedClientException',
        '{"message":"The security token included in the request is invalid."}',
      );
    } finally {
      await local.close();
    }
  });
});
