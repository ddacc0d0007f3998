// The control plane, exercised with the real @aws-sdk/client-api-gateway: if the SDK parses the
// emulator's answers (shapes, errors, paging), the product's snapshot code can rely on them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  APIGatewayClient,
  APIGatewayServiceException,
  BadRequestException,
  GetApiKeysCommand,
  GetAuthorizersCommand,
  GetBasePathMappingsCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  GetDomainNameCommand,
  GetGatewayResponsesCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetStageCommand,
  GetStagesCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
  NotFoundException,
  ServiceUnavailableException,
  TooManyRequestsException,
  paginateGetResources,
} from '@aws-sdk/client-api-gateway';
import { handleControlPlane } from '../../emulator/control-plane.ts';
import type { EmulatorModel } from '../../emulator/model.ts';
import { EmulatorState } from '../../emulator/state.ts';

const API = 'a1b2c3d4e5';
const REGION = 'eu-west-1';
const POLICY = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: `arn:aws:execute-api:${REGION}:123456789012:${API}/*` },
  ],
};
const POOL_ARN = `arn:aws:cognito-idp:${REGION}:123456789012:userpool/${REGION}_abc`;

const MODEL: EmulatorModel = {
  region: REGION,
  apis: [
    {
      id: API,
      name: 'shop',
      endpointType: 'REGIONAL',
      policy: JSON.stringify(POLICY, null, 2),
      resources: {
        '/': { GET: {} },
        '/health': { GET: {} },
        '/orders': { POST: { apiKeyRequired: true } },
        '/reports': { GET: { authorizationType: 'AWS_IAM' } },
        // "/users" is not listed: API Gateway still has it, as the parent of "/users/{id}".
        '/users/{id}': { GET: { authorizationType: 'COGNITO_USER_POOLS', authorizer: 'users' }, DELETE: { authorizationType: 'AWS_IAM' } },
      },
      authorizers: [
        { name: 'users', type: 'COGNITO_USER_POOLS', providerARNs: [POOL_ARN], validTokens: ['t'] },
        { id: 'lmb123', name: 'legacy', type: 'TOKEN', identitySource: 'method.request.header.X-Token', validTokens: ['t'] },
      ],
      deployments: [
        { id: 'dep001', createdDate: '2024-05-01T10:00:00Z', description: 'first', resources: { '/health': { GET: {} } } },
        {
          id: 'dep002',
          createdDate: '2024-05-02T10:00:00Z',
          resources: { '/health': { GET: {} }, '/orders': { POST: { apiKeyRequired: true } } },
        },
        {
          id: 'dep003',
          createdDate: '2024-05-03T10:00:00Z',
          resources: { '/': { GET: {} }, '/reports': { GET: { authorizationType: 'AWS_IAM' } } },
        },
      ],
      stages: [
        { name: 'prod', deploymentId: 'dep002', webAclArn: `arn:aws:wafv2:${REGION}:123456789012:regional/webacl/edge/1` },
        { name: 'dev', deploymentId: 'dep003' },
      ],
      gatewayResponses: {
        MISSING_AUTHENTICATION_TOKEN: {
          statusCode: 404,
          body: '{"message":"no such route"}',
          headers: { 'Access-Control-Allow-Origin': '*' },
        },
      },
    },
  ],
  apiKeys: [
    { id: 'key001', value: 'value-of-key-one-0123456789', name: 'ci' },
    { id: 'key002', value: 'value-of-key-two-0123456789', name: 'partner', enabled: false },
    { id: 'key003', value: 'value-of-key-three-012345678', name: 'ci-nightly' },
  ],
  usagePlans: [
    { id: 'plan01', name: 'basic', apiStages: [{ apiId: API, stage: 'prod' }], keys: ['key001', 'key003'] },
    { id: 'plan02', apiStages: [{ apiId: API, stage: 'dev' }], keys: ['key002'] },
  ],
  domainNames: [
    {
      domainName: 'api.example.com',
      mappings: [
        { basePath: '(none)', restApiId: API, stage: 'prod' },
        { basePath: 'v2', restApiId: API, stage: 'dev' },
      ],
    },
  ],
};

interface ControlPlane {
  state: EmulatorState;
  url: string;
  close(): Promise<void>;
}

/** The control plane alone, on a loopback port (the data plane is not needed here). */
async function startControlPlane(model: EmulatorModel): Promise<ControlPlane> {
  const state = new EmulatorState(model);
  const server = http.createServer((req, res) => {
    // As emulator/index.ts does: a model error becomes a 500 that names it.
    handleControlPlane(state, req, res).catch((err: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`emulator error: ${String(err)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    state,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-real-secret' };

function sdk(
  cp: ControlPlane,
  opts: { maxAttempts?: number; credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } } = {},
) {
  return new APIGatewayClient({
    region: REGION,
    endpoint: cp.url,
    credentials: opts.credentials ?? CREDENTIALS,
    maxAttempts: opts.maxAttempts ?? 1,
  });
}

/** The error a promise rejects with. */
async function rejection(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof Error, `expected an Error, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the call to fail');
}

describe('control plane through the real SDK', () => {
  let cp: ControlPlane;
  let client: APIGatewayClient;
  before(async () => {
    cp = await startControlPlane(MODEL);
    client = sdk(cp);
  });
  after(async () => {
    client.destroy();
    await cp.close();
  });

  test('GetRestApi: endpoint type, dates, root resource and the doubly escaped policy', async () => {
    const api = await client.send(new GetRestApiCommand({ restApiId: API }));
    assert.equal(api.id, API);
    assert.equal(api.name, 'shop');
    assert.deepEqual(api.endpointConfiguration?.types, ['REGIONAL']);
    // No createdDate in the model: the first deployment's date stands in.
    assert.deepEqual(api.createdDate, new Date('2024-05-01T10:00:00Z'));
    const resources = await client.send(new GetResourcesCommand({ restApiId: API }));
    assert.equal(api.rootResourceId, resources.items?.find((r) => r.path === '/')?.id);
    // Like the real service: minified, then escaped once more ({\"Version\":…, \/ for slashes).
    assert.ok(api.policy?.startsWith('{\\"Version\\":\\"2012-10-17\\"'), api.policy);
    assert.deepEqual(JSON.parse(JSON.parse(`"${api.policy}"`) as string), POLICY);
  });

  test('GetStage and GetStages: deployment, WAF association, dates', async () => {
    const prod = await client.send(new GetStageCommand({ restApiId: API, stageName: 'prod' }));
    assert.equal(prod.stageName, 'prod');
    assert.equal(prod.deploymentId, 'dep002');
    const modelProd = MODEL.apis[0]?.stages[0];
    assert.ok(modelProd);
    assert.equal(prod.webAclArn, modelProd.webAclArn);
    assert.deepEqual(prod.createdDate, new Date('2024-05-02T10:00:00Z'));
    const dev = await client.send(new GetStageCommand({ restApiId: API, stageName: 'dev' }));
    assert.equal(dev.webAclArn, undefined);

    const all = await client.send(new GetStagesCommand({ restApiId: API }));
    assert.deepEqual(
      all.item?.map((s) => [s.stageName, s.deploymentId]),
      [
        ['prod', 'dep002'],
        ['dev', 'dep003'],
      ],
    );
    const onDep3 = await client.send(new GetStagesCommand({ restApiId: API, deploymentId: 'dep003' }));
    assert.deepEqual(
      onDep3.item?.map((s) => s.stageName),
      ['dev'],
    );
  });

  test('GetDeployment: apiSummary of the frozen definition only with embed=apisummary', async () => {
    const plain = await client.send(new GetDeploymentCommand({ restApiId: API, deploymentId: 'dep002' }));
    assert.equal(plain.id, 'dep002');
    assert.deepEqual(plain.createdDate, new Date('2024-05-02T10:00:00Z'));
    assert.equal(plain.apiSummary, undefined);

    const summary = await client.send(new GetDeploymentCommand({ restApiId: API, deploymentId: 'dep002', embed: ['apisummary'] }));
    assert.deepEqual(summary.apiSummary, {
      '/health': { GET: { authorizationType: 'NONE', apiKeyRequired: false } },
      '/orders': { POST: { authorizationType: 'NONE', apiKeyRequired: true } },
    });
    const dep3 = await client.send(new GetDeploymentCommand({ restApiId: API, deploymentId: 'dep003', embed: ['apisummary'] }));
    assert.deepEqual(dep3.apiSummary?.['/reports'], { GET: { authorizationType: 'AWS_IAM', apiKeyRequired: false } });
    assert.deepEqual(Object.keys(dep3.apiSummary ?? {}), ['/', '/reports']);
  });

  test('GetDeployments lists every deployment with its date and description', async () => {
    const page = await client.send(new GetDeploymentsCommand({ restApiId: API }));
    assert.deepEqual(
      page.items?.map((d) => [d.id, d.createdDate?.toISOString(), d.description]),
      [
        ['dep001', '2024-05-01T10:00:00.000Z', 'first'],
        ['dep002', '2024-05-02T10:00:00.000Z', undefined],
        ['dep003', '2024-05-03T10:00:00.000Z', undefined],
      ],
    );
    assert.equal(page.position, undefined);
  });

  test('GetResources with embed=methods: the whole tree with ids, parents and method details', async () => {
    const { items = [] } = await client.send(new GetResourcesCommand({ restApiId: API, embed: ['methods'] }));
    const byPath = new Map(items.map((r) => [r.path, r]));
    assert.deepEqual([...byPath.keys()], ['/', '/health', '/orders', '/reports', '/users', '/users/{id}']);
    for (const r of items) assert.match(r.id ?? '', /^[a-z0-9]{10}$/, `id of ${r.path}`);
    assert.equal(new Set(items.map((r) => r.id)).size, items.length, 'ids are unique');

    const root = byPath.get('/');
    assert.equal(root?.parentId, undefined);
    assert.equal(root?.pathPart, undefined);
    const users = byPath.get('/users');
    assert.equal(users?.parentId, root?.id);
    assert.equal(users?.pathPart, 'users');
    assert.equal(users?.resourceMethods, undefined, 'a resource without methods has no resourceMethods');
    const user = byPath.get('/users/{id}');
    assert.equal(user?.parentId, users?.id);
    assert.equal(user?.pathPart, '{id}');

    const { items: authorizers = [] } = await client.send(new GetAuthorizersCommand({ restApiId: API }));
    const poolId = authorizers.find((a) => a.name === 'users')?.id;
    assert.ok(poolId);
    assert.deepEqual(user?.resourceMethods, {
      GET: { httpMethod: 'GET', authorizationType: 'COGNITO_USER_POOLS', apiKeyRequired: false, authorizerId: poolId },
      DELETE: { httpMethod: 'DELETE', authorizationType: 'AWS_IAM', apiKeyRequired: false },
    });
    assert.deepEqual(byPath.get('/orders')?.resourceMethods, {
      POST: { httpMethod: 'POST', authorizationType: 'NONE', apiKeyRequired: true },
    });
  });

  test('GetResources without embed names the methods but leaves them empty, as the service does', async () => {
    const { items = [] } = await client.send(new GetResourcesCommand({ restApiId: API }));
    assert.deepEqual(items.find((r) => r.path === '/users/{id}')?.resourceMethods, { GET: {}, DELETE: {} });
  });

  test('resource ids are stable: the same model gives the same ids in another emulator', async () => {
    const other = await startControlPlane(MODEL);
    const otherClient = sdk(other);
    try {
      const ids = async (c: APIGatewayClient) =>
        ((await c.send(new GetResourcesCommand({ restApiId: API }))).items ?? []).map((r) => [r.path, r.id]);
      assert.deepEqual(await ids(otherClient), await ids(client));
    } finally {
      otherClient.destroy();
      await other.close();
    }
  });

  test('GetAuthorizers: type, identity source, provider ARNs; model ids kept', async () => {
    const { items = [] } = await client.send(new GetAuthorizersCommand({ restApiId: API }));
    const [pool, legacy] = items;
    assert.ok(pool);
    assert.ok(legacy);
    assert.match(pool.id ?? '', /^[a-z0-9]{6}$/);
    assert.equal(pool.type, 'COGNITO_USER_POOLS');
    assert.deepEqual(pool.providerARNs, [POOL_ARN]);
    assert.equal(pool.identitySource, 'method.request.header.Authorization');
    assert.equal(legacy.id, 'lmb123');
    assert.equal(legacy.type, 'TOKEN');
    assert.equal(legacy.identitySource, 'method.request.header.X-Token');
    assert.match(
      legacy.authorizerUri ?? '',
      /^arn:aws:apigateway:eu-west-1:lambda:path\/2015-03-31\/functions\/arn:aws:lambda:eu-west-1:123456789012:function:legacy\/invocations$/,
    );
  });

  test('GetGatewayResponses: every type, the customised one marked as such', async () => {
    const { items = [] } = await client.send(new GetGatewayResponsesCommand({ restApiId: API }));
    assert.equal(items.length, 21);
    const mat = items.find((r) => r.responseType === 'MISSING_AUTHENTICATION_TOKEN');
    assert.deepEqual(mat, {
      responseType: 'MISSING_AUTHENTICATION_TOKEN',
      statusCode: '404',
      responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" },
      responseTemplates: { 'application/json': '{"message":"no such route"}' },
      defaultResponse: false,
    });
    const denied = items.find((r) => r.responseType === 'ACCESS_DENIED');
    assert.equal(denied?.statusCode, '403');
    assert.equal(denied?.defaultResponse, true);
    assert.equal(items.find((r) => r.responseType === 'DEFAULT_4XX')?.statusCode, undefined);
  });

  test('GetApiKeys shows key values only with includeValues', async () => {
    const hidden = await client.send(new GetApiKeysCommand({}));
    assert.deepEqual(
      hidden.items?.map((k) => [k.id, k.name, k.enabled]),
      [
        ['key001', 'ci', true],
        ['key002', 'partner', false],
        ['key003', 'ci-nightly', true],
      ],
    );
    assert.ok(hidden.items?.every((k) => k.value === undefined));
    const notAsked = await client.send(new GetApiKeysCommand({ includeValues: false }));
    assert.ok(notAsked.items?.every((k) => k.value === undefined));

    const shown = await client.send(new GetApiKeysCommand({ includeValues: true, nameQuery: 'ci' }));
    assert.deepEqual(
      shown.items?.map((k) => [k.id, k.value]),
      [
        ['key001', 'value-of-key-one-0123456789'],
        ['key003', 'value-of-key-three-012345678'],
      ],
    );
  });

  test('GetUsagePlans filters by keyId; GetUsagePlanKeys lists the plan keys', async () => {
    const all = await client.send(new GetUsagePlansCommand({}));
    assert.deepEqual(
      all.items?.map((p) => [p.id, p.name, p.apiStages?.map((s) => `${s.apiId}/${s.stage}`)]),
      [
        ['plan01', 'basic', [`${API}/prod`]],
        ['plan02', 'plan02', [`${API}/dev`]],
      ],
    );
    const withKey2 = await client.send(new GetUsagePlansCommand({ keyId: 'key002' }));
    assert.deepEqual(
      withKey2.items?.map((p) => p.id),
      ['plan02'],
    );
    const none = await client.send(new GetUsagePlansCommand({ keyId: 'nokey' }));
    assert.deepEqual(none.items, []);

    const keys = await client.send(new GetUsagePlanKeysCommand({ usagePlanId: 'plan01' }));
    assert.deepEqual(
      keys.items?.map((k) => [k.id, k.type, k.name]),
      [
        ['key001', 'API_KEY', 'ci'],
        ['key003', 'API_KEY', 'ci-nightly'],
      ],
    );
  });

  test('GetDomainName and GetBasePathMappings', async () => {
    const domain = await client.send(new GetDomainNameCommand({ domainName: 'api.example.com' }));
    assert.equal(domain.domainName, 'api.example.com');
    assert.match(domain.regionalDomainName ?? '', /^d-[a-z0-9]{10}\.execute-api\.eu-west-1\.amazonaws\.com$/);
    const mappings = await client.send(new GetBasePathMappingsCommand({ domainName: 'api.example.com' }));
    assert.deepEqual(mappings.items, [
      { basePath: '(none)', restApiId: API, stage: 'prod' },
      { basePath: 'v2', restApiId: API, stage: 'dev' },
    ]);
  });

  test('NotFound answers surface as NotFoundException with the service messages, and are counted', async () => {
    const cases: [string, () => Promise<unknown>, string][] = [
      ['GetRestApi', () => client.send(new GetRestApiCommand({ restApiId: 'nope123456' })), 'Invalid REST API identifier specified'],
      [
        'GetStage',
        () => client.send(new GetStageCommand({ restApiId: API, stageName: 'production' })),
        'Invalid stage identifier specified',
      ],
      [
        'GetStage',
        () => client.send(new GetStageCommand({ restApiId: 'nope123456', stageName: 'prod' })),
        'Invalid REST API identifier specified',
      ],
      [
        'GetDeployment',
        () => client.send(new GetDeploymentCommand({ restApiId: API, deploymentId: 'dep999' })),
        'Invalid Deployment identifier specified',
      ],
      ['GetResources', () => client.send(new GetResourcesCommand({ restApiId: 'nope123456' })), 'Invalid REST API identifier specified'],
      [
        'GetDomainName',
        () => client.send(new GetDomainNameCommand({ domainName: 'other.example.com' })),
        'Invalid domain name identifier specified',
      ],
      [
        'GetBasePathMappings',
        () => client.send(new GetBasePathMappingsCommand({ domainName: 'other.example.com' })),
        'Invalid domain name identifier specified',
      ],
      ['GetUsagePlanKeys', () => client.send(new GetUsagePlanKeysCommand({ usagePlanId: 'plan99' })), 'Invalid Usage Plan ID specified'],
    ];
    const before = { ...cp.state.controlCalls };
    for (const [operation, call, message] of cases) {
      const err = await rejection(call());
      assert.ok(err instanceof NotFoundException, `${operation}: ${err.name}`);
      assert.equal(err.message, message, operation);
      assert.equal(err.$metadata?.httpStatusCode, 404);
    }
    assert.equal((cp.state.controlCalls.GetStage ?? 0) - (before.GetStage ?? 0), 2);
    assert.equal((cp.state.controlCalls.GetUsagePlanKeys ?? 0) - (before.GetUsagePlanKeys ?? 0), 1);
  });

  test('a limit above 500 is refused with BadRequestException', async () => {
    const err = await rejection(client.send(new GetResourcesCommand({ restApiId: API, limit: 501 })));
    assert.ok(err instanceof BadRequestException, err.name);
    assert.match(err.message, /'limit'/);
  });
});

describe('pagination', () => {
  test('paginateGetResources with pageSize 2 gets every resource in three calls', async () => {
    const cp = await startControlPlane(MODEL);
    const client = sdk(cp);
    try {
      const pages = [];
      for await (const page of paginateGetResources({ client, pageSize: 2 }, { restApiId: API, embed: ['methods'] })) {
        pages.push(page);
        if (pages.length > 5) break; // a position on the last page would page forever
      }
      assert.deepEqual(
        pages.map((p) => p.items?.length),
        [2, 2, 2],
      );
      assert.equal(pages[2]?.position, undefined, 'the last page has no position');
      const paths = pages.flatMap((p) => p.items ?? []).map((r) => r.path);
      assert.deepEqual(paths, ['/', '/health', '/orders', '/reports', '/users', '/users/{id}']);
      assert.equal(cp.state.controlCalls.GetResources, 3);
    } finally {
      client.destroy();
      await cp.close();
    }
  });

  test('GetDeployments, GetApiKeys and GetUsagePlans page with limit and position', async () => {
    const cp = await startControlPlane(MODEL);
    const client = sdk(cp);
    try {
      const first = await client.send(new GetDeploymentsCommand({ restApiId: API, limit: 2 }));
      assert.deepEqual(
        first.items?.map((d) => d.id),
        ['dep001', 'dep002'],
      );
      assert.ok(first.position);
      const second = await client.send(new GetDeploymentsCommand({ restApiId: API, limit: 2, position: first.position }));
      assert.deepEqual(
        second.items?.map((d) => d.id),
        ['dep003'],
      );
      assert.equal(second.position, undefined);

      const keys1 = await client.send(new GetApiKeysCommand({ limit: 2 }));
      const keys2 = await client.send(new GetApiKeysCommand({ limit: 2, position: keys1.position }));
      assert.deepEqual(
        [...(keys1.items ?? []), ...(keys2.items ?? [])].map((k) => k.id),
        ['key001', 'key002', 'key003'],
      );
      assert.equal(keys2.position, undefined);

      const plans1 = await client.send(new GetUsagePlansCommand({ limit: 1 }));
      const plans2 = await client.send(new GetUsagePlansCommand({ limit: 1, position: plans1.position }));
      assert.deepEqual([plans1.items?.[0]?.id, plans2.items?.[0]?.id], ['plan01', 'plan02']);

      const err = await rejection(client.send(new GetDeploymentsCommand({ restApiId: API, position: 'garbage' })));
      assert.ok(err instanceof BadRequestException, err.name);
    } finally {
      client.destroy();
      await cp.close();
    }
  });
});

describe('faults', () => {
  let cp: ControlPlane;
  before(async () => {
    cp = await startControlPlane(MODEL);
  });
  after(() => cp.close());

  test('throttle → TooManyRequestsException with Retry-After; a retrying client gets through', async () => {
    const once = sdk(cp, { maxAttempts: 1 });
    const retrying = sdk(cp, { maxAttempts: 3 });
    try {
      cp.state.addFault({ target: 'GetStage', count: 1, kind: 'throttle', retryAfter: 7 });
      const err = await rejection(once.send(new GetStageCommand({ restApiId: API, stageName: 'prod' })));
      assert.ok(err instanceof TooManyRequestsException, err.name);
      assert.equal(err.message, 'Too Many Requests');
      assert.equal(err.retryAfterSeconds, '7');
      assert.equal(err.$metadata?.httpStatusCode, 429);

      // retryAfter 0 keeps the SDK's own (short) backoff.
      cp.state.addFault({ target: 'GetStage', count: 1, kind: 'throttle', retryAfter: 0 });
      const callsBefore = cp.state.controlCalls.GetStage ?? 0;
      const stage = await retrying.send(new GetStageCommand({ restApiId: API, stageName: 'prod' }));
      assert.equal(stage.deploymentId, 'dep002');
      assert.equal((cp.state.controlCalls.GetStage ?? 0) - callsBefore, 2, 'one throttled call, one retry');
    } finally {
      once.destroy();
      retrying.destroy();
    }
  });

  test('a fault hits only its operation', async () => {
    const client = sdk(cp);
    try {
      cp.state.addFault({ target: 'GetDeployments', count: 1, kind: 'throttle' });
      const stage = await client.send(new GetStageCommand({ restApiId: API, stageName: 'dev' }));
      assert.equal(stage.deploymentId, 'dep003');
      await rejection(client.send(new GetDeploymentsCommand({ restApiId: API })));
    } finally {
      client.destroy();
    }
  });

  test('server-error → ServiceUnavailableException (503)', async () => {
    const client = sdk(cp);
    try {
      cp.state.addFault({ target: 'GetResources', count: 1, kind: 'server-error' });
      const err = await rejection(client.send(new GetResourcesCommand({ restApiId: API })));
      assert.ok(err instanceof ServiceUnavailableException, err.name);
      assert.equal(err.$metadata?.httpStatusCode, 503);
      // The fault is used up: the next call succeeds.
      const ok = await client.send(new GetResourcesCommand({ restApiId: API }));
      assert.equal(ok.items?.length, 6);
    } finally {
      client.destroy();
    }
  });

  test('reset → the SDK sees a network error, not a service answer', async () => {
    const client = sdk(cp);
    try {
      cp.state.addFault({ target: 'GetRestApi', count: 1, kind: 'reset' });
      const err = await rejection(client.send(new GetRestApiCommand({ restApiId: API })));
      assert.ok(!(err instanceof APIGatewayServiceException), `got a service error: ${err.name}`);
      assert.equal(err.$metadata?.httpStatusCode, undefined);
      assert.match(`${(err as { code?: string }).code} ${err.message}`, /ECONNRESET|socket hang up/);
    } finally {
      client.destroy();
    }
  });
});

describe('authentication and authorization', () => {
  const ALLOWED = { accessKeyId: 'AKIAALLOWED', secretAccessKey: 'secret-allowed' };
  const READ_ONLY_DATA = { accessKeyId: 'AKIANOCONTROL', secretAccessKey: 'secret-nocontrol' };
  const SESSION = { accessKeyId: 'ASIASESSION', secretAccessKey: 'secret-session', sessionToken: 'token-session' };
  const EXPIRED = { accessKeyId: 'ASIAEXPIRED', secretAccessKey: 'secret-expired', sessionToken: 'token-expired' };
  const ARN = 'arn:aws:sts::123456789012:assumed-role/deploy/ci';
  let cp: ControlPlane;
  before(async () => {
    cp = await startControlPlane({
      ...MODEL,
      identities: [ALLOWED, { ...READ_ONLY_DATA, controlPlane: false, arn: ARN }, SESSION, { ...EXPIRED, expired: true }],
    });
  });
  after(() => cp.close());

  async function call(credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) {
    const client = sdk(cp, { credentials });
    try {
      return await client.send(new GetStageCommand({ restApiId: API, stageName: 'prod' }));
    } finally {
      client.destroy();
    }
  }

  test('a known identity with apigateway:GET is served', async () => {
    assert.equal((await call(ALLOWED)).deploymentId, 'dep002');
    assert.equal((await call(SESSION)).deploymentId, 'dep002');
  });

  test('a request signed for another region → InvalidSignatureException, nothing read', async () => {
    const client = new APIGatewayClient({ region: 'us-west-2', endpoint: cp.url, credentials: ALLOWED, maxAttempts: 1 });
    try {
      const err = await rejection(client.send(new GetStageCommand({ restApiId: API, stageName: 'prod' })));
      assert.equal(err.name, 'InvalidSignatureException');
      assert.match(err.message, /scoped to a valid region, not 'us-west-2'/);
    } finally {
      client.destroy();
    }
  });

  test('an unknown access key → UnrecognizedClientException', async () => {
    const before = cp.state.controlCalls.GetStage ?? 0;
    const err = await rejection(call({ accessKeyId: 'AKIASTRANGER', secretAccessKey: 'x' }));
    assert.ok(err instanceof APIGatewayServiceException);
    assert.equal(err.name, 'UnrecognizedClientException');
    assert.equal(err.message, 'The security token included in the request is invalid.');
    assert.equal(err.$metadata?.httpStatusCode, 403);
    assert.equal(cp.state.controlCalls.GetStage, before + 1, 'refused calls are counted');
  });

  test('a wrong session token → UnrecognizedClientException; an expired one → ExpiredTokenException', async () => {
    const wrong = await rejection(call({ ...SESSION, sessionToken: 'stolen' }));
    assert.equal(wrong.name, 'UnrecognizedClientException');
    const expired = await rejection(call(EXPIRED));
    assert.equal(expired.name, 'ExpiredTokenException');
    assert.equal(expired.$metadata?.httpStatusCode, 403);
  });

  test('an identity without apigateway:GET → AccessDeniedException naming the caller and the resource', async () => {
    const err = await rejection(call(READ_ONLY_DATA));
    assert.equal(err.name, 'AccessDeniedException');
    assert.equal(err.$metadata?.httpStatusCode, 403);
    assert.match(
      err.message,
      new RegExp(
        `^User: ${ARN} is not authorized to perform: apigateway:GET on resource: arn:aws:apigateway:eu-west-1::/restapis/${API}/stages/prod\\b`,
      ),
    );
  });

  test('no Authorization header → 403 MissingAuthenticationTokenException', async () => {
    const res = await fetch(`${cp.url}/restapis/${API}`);
    assert.equal(res.status, 403);
    assert.equal(res.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException');
    assert.deepEqual(await res.json(), { message: 'Missing Authentication Token' });
  });

  test('a non-SigV4 Authorization header → IncompleteSignatureException that does not echo the header', async () => {
    const res = await fetch(`${cp.url}/restapis/${API}`, { headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.sensitive' } });
    assert.equal(res.status, 403);
    assert.match(res.headers.get('x-amzn-errortype') ?? '', /^IncompleteSignatureException/);
    const text = await res.text();
    assert.doesNotMatch(text, /sensitive|eyJ/);
  });
});

describe('requests no operation serves', () => {
  test('unknown paths and verbs → 404 NotFoundException naming the request, counted as UnknownOperation', async () => {
    const cp = await startControlPlane(MODEL);
    const signed = {
      authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/eu-west-1/apigateway/aws4_request, SignedHeaders=host, Signature=00',
    };
    try {
      for (const [method, path] of [
        ['GET', '/restapis/a1b2c3d4e5/nothing'],
        ['POST', '/restapis'],
        ['DELETE', `/restapis/${API}`],
      ] as const) {
        const res = await fetch(`${cp.url}${path}`, { method, headers: signed });
        assert.equal(res.status, 404, `${method} ${path}`);
        assert.match(res.headers.get('x-amzn-errortype') ?? '', /^NotFoundException:/);
        const body = (await res.json()) as { message: string };
        assert.ok(body.message.includes(`${method} ${path}`), body.message);
      }
      assert.equal(cp.state.controlCalls.UnknownOperation, 3);
    } finally {
      await cp.close();
    }
  });
});

test('a model mistake answers 500 with a message that says what to fix', async () => {
  const base = MODEL.apis[0];
  assert.ok(base);
  const api = { ...base, resources: { '/x': { GET: { authorizationType: 'CUSTOM' as const, authorizer: 'ghost' } } } };
  const cp = await startControlPlane({ ...MODEL, apis: [api] });
  try {
    const res = await fetch(`${cp.url}/restapis/${API}/resources?embed=methods`, {
      headers: {
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/eu-west-1/apigateway/aws4_request, SignedHeaders=host, Signature=00',
      },
    });
    assert.equal(res.status, 500);
    assert.match(await res.text(), /method GET \/x of API a1b2c3d4e5 names authorizer "ghost", which the API's authorizers do not define/);
  } finally {
    await cp.close();
  }
});
