// In front of and beside the gateway, over real HTTP and the real SDK: a disabled execute-api
// endpoint, EDGE APIs and a user's CloudFront distribution, canary stages, an API in another region,
// and a deployment summary without authorization fields.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  GetDeploymentCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStageCommand,
  NotFoundException,
} from '@aws-sdk/client-api-gateway';
import { type Emulator, startEmulator } from '../../emulator/index.ts';
import type { EmulatorModel } from '../../emulator/model.ts';
import { TEST_CREDENTIALS } from '../../emulator/run-action.ts';
import {
  DISTRIBUTION_ALIAS,
  DISTRIBUTION_DOMAIN,
  EDGE_API_ID,
  FRONT_DOORS_REGION,
  STOREFRONT_API_ID,
  STOREFRONT_DOMAIN,
  WEST_API_ID,
  WEST_REGION,
  frontDoorsModel,
} from '../../emulator/scenarios/front-doors.ts';
import { FORBIDDEN_BODY, MAT_BODY, assertGatewayError, controlClient, executeApiHost, routeOf, send, signed } from './http.ts';

const STOREFRONT_HOST = executeApiHost(STOREFRONT_API_ID, FRONT_DOORS_REGION);
const CF_VIA = /^1\.1 [0-9a-f]{32}\.cloudfront\.net \(CloudFront\)$/;

async function withEmulator(model: EmulatorModel, body: (emulator: Emulator) => Promise<void>): Promise<void> {
  const emulator = await startEmulator(model);
  try {
    await body(emulator);
  } finally {
    await emulator.close();
  }
}

function assertCloudFront(answer: { status: number; headers: Record<string, unknown> }, hops = 1): void {
  const via = String(answer.headers.via).split(', ');
  assert.equal(via.length, hops, String(answer.headers.via));
  for (const hop of via) assert.match(hop, CF_VIA);
  assert.match(String(answer.headers['x-amz-cf-id']), /^[A-Za-z0-9_-]{54}==$/);
  assert.match(String(answer.headers['x-amz-cf-pop']), /^[A-Z]{3}\d+-[A-Z0-9]+$/);
  assert.equal(answer.headers['x-cache'], answer.status >= 400 ? 'Error from cloudfront' : 'Miss from cloudfront');
}

describe('disableExecuteApiEndpoint', () => {
  test('GetRestApi shows it; the execute-api host answers Forbidden to everything; the custom domain still serves', async () => {
    await withEmulator(frontDoorsModel({ disableExecuteApiEndpoint: true }), async (emulator) => {
      const client = controlClient(emulator, FRONT_DOORS_REGION, TEST_CREDENTIALS);
      try {
        const api = await client.send(new GetRestApiCommand({ restApiId: STOREFRONT_API_ID }));
        assert.equal(api.disableExecuteApiEndpoint, true);
        const edge = await client.send(new GetRestApiCommand({ restApiId: EDGE_API_ID }));
        assert.equal(edge.disableExecuteApiEndpoint, false);
      } finally {
        client.destroy();
      }
      for (const path of ['/prod/health', '/prod/nowhere', '/nostage/health', '/prod']) {
        assertGatewayError(await send(emulator, { host: STOREFRONT_HOST, path }), 403, 'ForbiddenException', FORBIDDEN_BODY);
      }
      assert.equal(routeOf(await send(emulator, { host: STOREFRONT_DOMAIN, path: '/health' })), 'GET /health');
      // Through the distribution: the custom-domain origin works, the execute-api origin does not.
      assert.equal(routeOf(await send(emulator, { host: DISTRIBUTION_DOMAIN, path: '/products/7' })), 'GET /products/{id}');
      assertGatewayError(
        await send(emulator, { host: DISTRIBUTION_DOMAIN, path: '/api/health' }),
        403,
        'ForbiddenException',
        FORBIDDEN_BODY,
      );
    });
  });

  test('a disable not yet in effect: GetRestApi says true, the endpoint serves until a stage is deployed', async () => {
    const model = frontDoorsModel({ disableExecuteApiEndpoint: true });
    assert.ok(model.apis[0]);
    model.apis[0].disableExecuteApiEndpointPending = true;
    await withEmulator(model, async (emulator) => {
      const client = controlClient(emulator, FRONT_DOORS_REGION, TEST_CREDENTIALS);
      try {
        assert.equal((await client.send(new GetRestApiCommand({ restApiId: STOREFRONT_API_ID }))).disableExecuteApiEndpoint, true);
      } finally {
        client.destroy();
      }
      assert.equal(routeOf(await send(emulator, { host: STOREFRONT_HOST, path: '/prod/health' })), 'GET /health');
      emulator.state.deploy(STOREFRONT_API_ID, { stage: 'prod' });
      assertGatewayError(await send(emulator, { host: STOREFRONT_HOST, path: '/prod/health' }), 403, 'ForbiddenException', FORBIDDEN_BODY);
    });
  });

  test('a Forbidden from a disabled endpoint is not customised by the gateway responses', async () => {
    const model = frontDoorsModel({ disableExecuteApiEndpoint: true });
    assert.ok(model.apis[0]);
    model.apis[0].gatewayResponses = { DEFAULT_4XX: { statusCode: 404, body: '{"error":"custom"}' } };
    await withEmulator(model, async (emulator) => {
      assertGatewayError(await send(emulator, { host: STOREFRONT_HOST, path: '/prod/health' }), 403, 'ForbiddenException', FORBIDDEN_BODY);
      // The same API's own errors on the custom domain are.
      const mat = await send(emulator, { host: STOREFRONT_DOMAIN, path: '/nowhere' });
      assert.deepEqual([mat.status, mat.body], [404, '{"error":"custom"}']);
    });
  });
});

describe('CloudFront', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator(frontDoorsModel());
  });
  after(() => emulator.close());

  test('an EDGE API answers through CloudFront: Via, X-Amz-Cf-Id, X-Amz-Cf-Pop, X-Cache Miss; errors say Error', async () => {
    const host = executeApiHost(EDGE_API_ID, FRONT_DOORS_REGION);
    const ok = await send(emulator, { host, path: '/prod/health' });
    assert.equal(routeOf(ok), 'GET /health');
    assertCloudFront(ok);
    const mat = await send(emulator, { host, path: '/prod/nowhere' });
    assertGatewayError(mat, 403, 'MissingAuthenticationTokenException', MAT_BODY);
    assertCloudFront(mat);
    assert.ok(mat.headers['x-amzn-requestid'], 'the gateway headers stay');
    // Every answer has its own request id at the edge; the distribution's id is stable.
    assert.notEqual(ok.headers['x-amz-cf-id'], mat.headers['x-amz-cf-id']);
    assert.equal(ok.headers.via, mat.headers.via);
  });

  test('a REGIONAL API answers without CloudFront headers', async () => {
    const answer = await send(emulator, { host: STOREFRONT_HOST, path: '/prod/health' });
    assert.equal(answer.status, 200);
    for (const name of ['via', 'x-amz-cf-id', 'x-amz-cf-pop', 'x-cache']) assert.equal(answer.headers[name], undefined, name);
  });

  test('a distribution forwards originPath + the whole path: /api/* with origin path /prod sends /prod/api/health', async () => {
    emulator.state.resetCounters();
    for (const host of [DISTRIBUTION_DOMAIN, DISTRIBUTION_ALIAS, `${DISTRIBUTION_ALIAS.toUpperCase()}:80`]) {
      const answer = await send(emulator, { host, path: '/api/health' });
      assertGatewayError(answer, 403, 'MissingAuthenticationTokenException', MAT_BODY);
      assertCloudFront(answer);
    }
    // The gateway saw stage prod and the path with the pattern's prefix still on it.
    assert.deepEqual(emulator.state.dataCalls, { 'GET /api/health': 3 });
  });

  test('behaviors are tried in order; the default behavior reaches the custom domain; the query string goes along', async () => {
    const product = await send(emulator, { host: DISTRIBUTION_ALIAS, path: '/products/7?color=red' });
    assert.equal(routeOf(product), 'GET /products/{id}');
    assertCloudFront(product);
    const model = frontDoorsModel();
    // "*" first shadows "/api/*": nothing reaches the execute-api origin any more.
    model.distributions = [{ domainName: DISTRIBUTION_DOMAIN, behaviors: [...(model.distributions?.[0]?.behaviors ?? [])].reverse() }];
    await withEmulator(model, async (local) => {
      assert.equal((await send(local, { host: DISTRIBUTION_DOMAIN, path: '/api/health' })).status, 403);
      local.state.resetCounters();
      await send(local, { host: DISTRIBUTION_DOMAIN, path: '/api/health' });
      assert.deepEqual(local.state.dataCalls, { 'GET /api/health': 1 }); // via the custom domain: no stage in the path
    });
  });

  test('a pattern that leaves the prefix matching the API reaches the route; an origin path without the stage misses', async () => {
    const model = frontDoorsModel();
    model.distributions = [
      {
        domainName: DISTRIBUTION_DOMAIN,
        behaviors: [
          { pathPattern: 'products*', originDomain: STOREFRONT_HOST, originPath: '/prod/' },
          { pathPattern: '/health', originDomain: STOREFRONT_HOST },
        ],
      },
    ];
    await withEmulator(model, async (local) => {
      assert.equal(routeOf(await send(local, { host: DISTRIBUTION_DOMAIN, path: '/products/9' })), 'GET /products/{id}');
      // No origin path: "health" is taken as the stage.
      assertGatewayError(
        await send(local, { host: DISTRIBUTION_DOMAIN, path: '/health' }),
        403,
        'MissingAuthenticationTokenException',
        MAT_BODY,
      );
      // No behavior matches: CloudFront itself refuses, and the gateway never sees the request.
      local.state.resetCounters();
      const refused = await send(local, { host: DISTRIBUTION_DOMAIN, path: '/other' });
      assert.equal(refused.status, 403);
      assert.match(refused.body, /403 ERROR/);
      assert.equal(refused.headers['x-amzn-errortype'], undefined);
      assertCloudFront(refused);
      assert.deepEqual(local.state.dataCalls, {});
    });
  });

  test("a behavior that forwards the viewer's Host gets Forbidden, unless that name is a custom domain of the API", async () => {
    const model = frontDoorsModel();
    model.distributions = [
      {
        domainName: DISTRIBUTION_DOMAIN,
        aliases: [STOREFRONT_DOMAIN],
        behaviors: [{ pathPattern: '*', originDomain: STOREFRONT_HOST, originPath: '/prod', forwardHostHeader: true }],
      },
    ];
    await withEmulator(model, async (local) => {
      const refused = await send(local, { host: DISTRIBUTION_DOMAIN, path: '/health' });
      assertGatewayError(refused, 403, 'ForbiddenException', FORBIDDEN_BODY);
      assertCloudFront(refused);
      // The alias is the API's custom domain: the base-path mapping applies to the forwarded path.
      assertGatewayError(
        await send(local, { host: STOREFRONT_DOMAIN, path: '/health' }),
        403,
        'MissingAuthenticationTokenException',
        MAT_BODY,
      );
      local.state.resetCounters();
      await send(local, { host: STOREFRONT_DOMAIN, path: '/health' });
      assert.deepEqual(local.state.dataCalls, { 'GET /prod/health': 1 });
    });
  });

  test('a distribution in front of an EDGE API adds a second CloudFront hop', async () => {
    const model = frontDoorsModel();
    model.distributions = [
      { domainName: DISTRIBUTION_DOMAIN, behaviors: [{ pathPattern: '*', originDomain: executeApiHost(EDGE_API_ID, FRONT_DOORS_REGION) }] },
    ];
    await withEmulator(model, async (local) => {
      const answer = await send(local, { host: DISTRIBUTION_DOMAIN, path: '/prod/health' });
      assert.equal(routeOf(answer), 'GET /health');
      assertCloudFront(answer, 2);
    });
  });

  test('a request signed for the distribution fails the signature at the gateway, which sees the origin host', async () => {
    const model = frontDoorsModel();
    const deployment = model.apis[0]?.deployments[0];
    assert.ok(deployment);
    deployment.resources['/orders'] = { GET: { authorizationType: 'AWS_IAM' } };
    model.distributions = [{ domainName: DISTRIBUTION_DOMAIN, behaviors: [{ pathPattern: '*', originDomain: STOREFRONT_HOST }] }];
    await withEmulator(model, async (local) => {
      const direct = await send(local, signed({ host: STOREFRONT_HOST, path: '/prod/orders' }, TEST_CREDENTIALS, FRONT_DOORS_REGION));
      assert.equal(routeOf(direct), 'GET /orders');
      const viaCloudFront = await send(
        local,
        signed({ host: DISTRIBUTION_DOMAIN, path: '/prod/orders' }, TEST_CREDENTIALS, FRONT_DOORS_REGION),
      );
      assert.equal(viaCloudFront.status, 403, viaCloudFront.body);
      assert.equal(viaCloudFront.headers['x-amzn-errortype'], 'InvalidSignatureException');
      assert.match(viaCloudFront.body, /signature we calculated does not match/);
    });
  });

  test('the gateway sees the distribution as the source address (aws:SourceIp), not the runner', async () => {
    const model = frontDoorsModel();
    assert.ok(model.apis[0]);
    model.apis[0].policyEvaluation = 'full';
    model.apis[0].policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 'execute-api:Invoke',
          Resource: 'execute-api:/*',
          Condition: { IpAddress: { 'aws:SourceIp': '127.0.0.1/32' } },
        },
      ],
    });
    await withEmulator(model, async (local) => {
      assert.equal((await send(local, { host: STOREFRONT_DOMAIN, path: '/health' })).status, 200);
      const viaCloudFront = await send(local, { host: DISTRIBUTION_DOMAIN, path: '/health' });
      assertGatewayError(
        viaCloudFront,
        403,
        'AccessDeniedException',
        JSON.stringify({
          Message: `User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:${FRONT_DOORS_REGION}:********9012:${STOREFRONT_API_ID}/prod/GET/health`,
        }),
      );
    });
  });

  test('an origin that is no gateway host is a model error, named in the 500', async () => {
    const model = frontDoorsModel();
    model.distributions = [
      { domainName: DISTRIBUTION_DOMAIN, behaviors: [{ pathPattern: '*', originDomain: 'my-bucket.s3.amazonaws.com' }] },
    ];
    await withEmulator(model, async (local) => {
      const answer = await send(local, { host: DISTRIBUTION_DOMAIN, path: '/index.html' });
      assert.equal(answer.status, 500);
      assert.match(answer.body, /distribution d111111abcdef8\.cloudfront\.net has origin "my-bucket\.s3\.amazonaws\.com"/);
    });
  });
});

describe('canary stages', () => {
  const products = (answer: { body: string }) => (JSON.parse(answer.body) as { release?: string }).release ?? 'stable';

  test('GetStage shows canarySettings in the recorded shape', async () => {
    await withEmulator(frontDoorsModel({ canaryPercent: 50 }), async (emulator) => {
      const client = controlClient(emulator, FRONT_DOORS_REGION, TEST_CREDENTIALS);
      try {
        const stage = await client.send(new GetStageCommand({ restApiId: STOREFRONT_API_ID, stageName: 'prod' }));
        assert.equal(stage.deploymentId, 'sf1stable');
        assert.deepEqual(stage.canarySettings, {
          deploymentId: 'sf2canary',
          percentTraffic: 50,
          stageVariableOverrides: { release: '8' },
          useStageCache: false,
        });
        const edge = await client.send(new GetStageCommand({ restApiId: EDGE_API_ID, stageName: 'prod' }));
        assert.equal(edge.canarySettings, undefined);
      } finally {
        client.destroy();
      }
    });
  });

  test('50 % alternates stable and canary deployments, each serving its own frozen resources', async () => {
    await withEmulator(frontDoorsModel({ canaryPercent: 50 }), async (emulator) => {
      const seen: string[] = [];
      for (let i = 0; i < 4; i++) seen.push(products(await send(emulator, { host: STOREFRONT_HOST, path: '/prod/products' })));
      assert.deepEqual(seen, ['stable', 'canary', 'stable', 'canary']);
      // /recommendations exists in the canary only: MAT on the stable side.
      const first = await send(emulator, { host: STOREFRONT_HOST, path: '/prod/recommendations' });
      assertGatewayError(first, 403, 'MissingAuthenticationTokenException', MAT_BODY);
      assert.equal(routeOf(await send(emulator, { host: STOREFRONT_HOST, path: '/prod/recommendations' })), 'GET /recommendations');
      assert.deepEqual(emulator.state.canaryServed, { [`${STOREFRONT_API_ID}/prod`]: { stable: 3, canary: 3 } });
    });
  });

  test('the share is exact over the sequence: 25 % is every 4th request, 0 % none, 100 % all', async () => {
    const sides = async (percent: number, n: number): Promise<string[]> => {
      const out: string[] = [];
      await withEmulator(frontDoorsModel({ canaryPercent: percent }), async (emulator) => {
        for (let i = 0; i < n; i++) out.push(products(await send(emulator, { host: STOREFRONT_DOMAIN, path: '/products' })));
      });
      return out;
    };
    assert.deepEqual(await sides(25, 8), ['stable', 'stable', 'stable', 'canary', 'stable', 'stable', 'stable', 'canary']);
    assert.deepEqual(await sides(0, 3), ['stable', 'stable', 'stable']);
    assert.deepEqual(await sides(100, 3), ['canary', 'canary', 'canary']);
  });
});

describe('an API in another region', () => {
  let emulator: Emulator;
  before(async () => {
    const model = frontDoorsModel();
    const deployment = model.apis[2]?.deployments[0];
    assert.ok(deployment);
    deployment.resources = { ...deployment.resources, '/orders': { GET: { authorizationType: 'AWS_IAM' } } };
    emulator = await startEmulator(model);
  });
  after(() => emulator.close());

  test("its region's control plane has it; the default region answers NotFound and does not list it", async () => {
    const west = controlClient(emulator, WEST_REGION, TEST_CREDENTIALS);
    const east = controlClient(emulator, FRONT_DOORS_REGION, TEST_CREDENTIALS);
    try {
      assert.equal((await west.send(new GetRestApiCommand({ restApiId: WEST_API_ID }))).name, 'storefront-west');
      await assert.rejects(
        east.send(new GetRestApiCommand({ restApiId: WEST_API_ID })),
        (err: unknown) => err instanceof NotFoundException,
      );
      await assert.rejects(
        west.send(new GetRestApiCommand({ restApiId: STOREFRONT_API_ID })),
        (err: unknown) => err instanceof NotFoundException,
      );
      const eastIds = (await east.send(new GetRestApisCommand({}))).items?.map((a) => a.id);
      assert.deepEqual(eastIds, [STOREFRONT_API_ID, EDGE_API_ID]);
      const westIds = (await west.send(new GetRestApisCommand({}))).items?.map((a) => a.id);
      assert.deepEqual(westIds, [WEST_API_ID]);
    } finally {
      west.destroy();
      east.destroy();
    }
    // A region no API lives in is still refused before anything is read.
    const elsewhere = controlClient(emulator, 'ap-south-1', TEST_CREDENTIALS);
    try {
      await assert.rejects(elsewhere.send(new GetRestApiCommand({ restApiId: WEST_API_ID })), /scoped to a valid region, not 'ap-south-1'/);
    } finally {
      elsewhere.destroy();
    }
  });

  test("its execute-api host names its region; the other region's host answers Forbidden, as for an unknown id", async () => {
    assert.equal(emulator.invokeUrl(WEST_API_ID, 'prod'), `http://${executeApiHost(WEST_API_ID, WEST_REGION)}/prod`);
    assert.equal(routeOf(await send(emulator, { host: executeApiHost(WEST_API_ID, WEST_REGION), path: '/prod/health' })), 'GET /health');
    assertGatewayError(
      await send(emulator, { host: executeApiHost(WEST_API_ID, FRONT_DOORS_REGION), path: '/prod/health' }),
      403,
      'ForbiddenException',
      FORBIDDEN_BODY,
    );
    assertGatewayError(
      await send(emulator, { host: executeApiHost(STOREFRONT_API_ID, WEST_REGION), path: '/prod/health' }),
      403,
      'ForbiddenException',
      FORBIDDEN_BODY,
    );
  });

  test('SigV4 on its AWS_IAM methods is scoped to its region', async () => {
    const host = executeApiHost(WEST_API_ID, WEST_REGION);
    assert.equal(routeOf(await send(emulator, signed({ host, path: '/prod/orders' }, TEST_CREDENTIALS, WEST_REGION))), 'GET /orders');
    assertGatewayError(
      await send(emulator, signed({ host, path: '/prod/orders' }, TEST_CREDENTIALS, FRONT_DOORS_REGION)),
      403,
      'InvalidSignatureException',
      `{"message":"Credential should be scoped to a valid region, not '${FRONT_DOORS_REGION}'. "}`,
    );
  });
});

describe('deployment summary without authorization fields', () => {
  test('apiSummaryWithoutAuth lists each method as {}; by default the fields are there', async () => {
    const model = frontDoorsModel();
    assert.ok(model.apis[1]);
    model.apis[1].apiSummaryWithoutAuth = true;
    await withEmulator(model, async (emulator) => {
      const client = controlClient(emulator, FRONT_DOORS_REGION, TEST_CREDENTIALS);
      try {
        const bare = await client.send(new GetDeploymentCommand({ restApiId: EDGE_API_ID, deploymentId: 'ed1', embed: ['apisummary'] }));
        assert.deepEqual(bare.apiSummary, { '/health': { GET: {} }, '/products': { GET: {} }, '/products/{id}': { GET: {} } });
        const full = await client.send(
          new GetDeploymentCommand({ restApiId: STOREFRONT_API_ID, deploymentId: 'sf1stable', embed: ['apisummary'] }),
        );
        assert.deepEqual(full.apiSummary?.['/health'], { GET: { authorizationType: 'NONE', apiKeyRequired: false } });
      } finally {
        client.destroy();
      }
    });
  });
});
