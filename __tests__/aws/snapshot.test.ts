import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import nock from 'nock';
import { createApiGatewayClient } from '../../src/aws/client.ts';
import { loadDefinition, readSnapshot } from '../../src/aws/snapshot.ts';
import type { SnapshotReadout } from '../../src/aws/snapshot.ts';
import {
  API_ID,
  REGION,
  TEST_KEY_ID,
  TEST_SECRET,
  controlPlane,
  deploymentBody,
  isolateAwsEnv,
  manyResources,
  replyError,
  resourceBody,
  restApiBody,
  stageBody,
} from './helpers.ts';

type Scope = nock.Scope;

const TARGET = { restApiId: API_ID, stage: 'prod', region: REGION };
const BASE = `/restapis/${API_ID}`;
const WAF_ARN = 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/shop/0f1e2d3c';
const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' }],
});

const ALL_CALLS_ONCE = { GetRestApi: 1, GetStages: 1, GetDeployments: 1, GetDeployment: 1, GetResources: 1, GetAuthorizers: 1 };

let restoreEnv: () => void;
beforeEach(() => {
  restoreEnv = isolateAwsEnv();
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
  restoreEnv();
});

const read = (maxAttempts?: number) => readSnapshot(createApiGatewayClient(REGION, maxAttempts ? { maxAttempts } : {}), TARGET);

// The replies each read gets unless a test says otherwise.
const reply = {
  restApi: (s: Scope) => s.get(BASE).reply(200, restApiBody(['REGIONAL'], POLICY)),
  stages: (s: Scope) => s.get(`${BASE}/stages`).reply(200, { item: [stageBody('prod', 'dep1', WAF_ARN), stageBody('staging', 'dep2')] }),
  deployments: (s: Scope) =>
    s
      .get(`${BASE}/deployments`)
      .query({ limit: '500' })
      .reply(200, {
        item: [deploymentBody('dep1', 1700000000), deploymentBody('dep2', 1700003600), deploymentBody('dep0', 1690000000)],
      }),
  deployment: (s: Scope) =>
    s
      .get(`${BASE}/deployments/dep1`)
      .query({ embed: 'apisummary' })
      .reply(200, {
        id: 'dep1',
        createdDate: 1700000000,
        apiSummary: {
          '/': { GET: { authorizationType: 'NONE', apiKeyRequired: false } },
          '/users/{id}': { GET: { authorizationType: 'AWS_IAM', apiKeyRequired: false } },
          '/orders': { POST: { authorizationType: 'COGNITO_USER_POOLS', apiKeyRequired: true } },
          '/admin': { ANY: { authorizationType: 'CUSTOM', apiKeyRequired: false } },
        },
      }),
  resources: (s: Scope) =>
    s
      .get(`${BASE}/resources`)
      .query({ embed: 'methods', limit: '500' })
      .reply(200, {
        item: [
          resourceBody('r00t', '/', { GET: { authorizationType: 'NONE' } }),
          resourceBody('u1', '/users'),
          resourceBody('u2', '/users/{id}', { GET: { authorizationType: 'AWS_IAM' } }),
          resourceBody('o1', '/orders', {
            POST: { authorizationType: 'COGNITO_USER_POOLS', apiKeyRequired: true, authorizerId: 'au1' },
            GET: { authorizationType: 'NONE' },
          }),
          // Changed to NONE since dep1: the deployed CUSTOM method must not borrow a stale id.
          resourceBody('a1', '/admin', { ANY: { authorizationType: 'NONE' } }),
        ],
      }),
  authorizers: (s: Scope) =>
    s
      .get(`${BASE}/authorizers`)
      .query({ limit: '500' })
      .reply(200, {
        item: [
          {
            id: 'au1',
            name: 'users-pool',
            type: 'COGNITO_USER_POOLS',
            authType: 'cognito_user_pools',
            providerARNs: ['arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEfGhI'],
            identitySource: 'method.request.header.Authorization',
          },
          {
            id: 'au2',
            name: 'legacy-token',
            type: 'TOKEN',
            authorizerUri:
              'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations',
            identitySource: 'method.request.header.X-Token',
            authorizerResultTtlInSeconds: 300,
          },
        ],
      }),
};

function mockAll(except: (keyof typeof reply)[] = [], keyId = TEST_KEY_ID): Scope {
  const scope = controlPlane(keyId);
  for (const [name, add] of Object.entries(reply)) if (!except.includes(name as keyof typeof reply)) add(scope);
  return scope;
}

function statuses(snapshot: SnapshotReadout): Record<string, string> {
  return Object.fromEntries(Object.entries(snapshot.parts).map(([part, read]) => [part, read.status]));
}

describe('readSnapshot', () => {
  test('reads the whole snapshot with one call per operation', async () => {
    const scope = mockAll();
    const snapshot = await read();

    assert.ok(scope.isDone(), `pending: ${scope.pendingMocks().join(', ')}`);
    assert.deepEqual(snapshot.api, {
      status: 'ok',
      name: 'shop',
      endpointTypes: ['REGIONAL'],
      hasResourcePolicy: true,
      policy: JSON.parse(POLICY) as unknown,
      apiKeySource: 'HEADER',
    });
    assert.deepEqual(snapshot.stageInfo, {
      status: 'ok',
      deploymentId: 'dep1',
      webAclArn: WAF_ARN,
      existingStages: ['prod', 'staging'],
    });
    assert.deepEqual(snapshot.latestDeployment, { id: 'dep2', createdDate: '2023-11-14T23:13:20.000Z' });
    assert.deepEqual(snapshot.deployed, {
      '/': { GET: { authorizationType: 'NONE', apiKeyRequired: false } },
      '/users/{id}': { GET: { authorizationType: 'AWS_IAM', apiKeyRequired: false } },
      '/orders': { POST: { authorizationType: 'COGNITO_USER_POOLS', apiKeyRequired: true, authorizerId: 'au1' } },
      '/admin': { ANY: { authorizationType: 'CUSTOM', apiKeyRequired: false } },
    });
    assert.deepEqual(snapshot.defined, {
      '/': { GET: { authorizationType: 'NONE', apiKeyRequired: false } },
      '/users': {},
      '/users/{id}': { GET: { authorizationType: 'AWS_IAM', apiKeyRequired: false } },
      '/orders': {
        POST: { authorizationType: 'COGNITO_USER_POOLS', apiKeyRequired: true, authorizerId: 'au1' },
        GET: { authorizationType: 'NONE', apiKeyRequired: false },
      },
      '/admin': { ANY: { authorizationType: 'NONE', apiKeyRequired: false } },
    });
    assert.deepEqual(snapshot.authorizers, {
      au1: {
        id: 'au1',
        name: 'users-pool',
        type: 'COGNITO_USER_POOLS',
        identitySource: 'method.request.header.Authorization',
        providerARNs: ['arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEfGhI'],
      },
      au2: { id: 'au2', name: 'legacy-token', type: 'TOKEN', identitySource: 'method.request.header.X-Token' },
    });
    assert.deepEqual(snapshot.calls, ALL_CALLS_ONCE);
    assert.deepEqual(Object.values(statuses(snapshot)), ['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
  });

  test('sends GetRestApi and GetStages together, then the independent parts together once GetRestApi answered', async () => {
    const order: string[] = [];
    const signal = () => {
      let fire!: () => void;
      const fired = new Promise<void>((resolve) => (fire = resolve));
      return {
        fire,
        within: (ms: number) => Promise.race([fired.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]),
      };
    };
    const stagesAsked = signal();
    const resourcesAsked = signal();
    const scope = mockAll(['restApi', 'stages', 'resources']);
    scope
      .get(BASE)
      // GetRestApi answers only once GetStages was sent too: were they sent one after the other,
      // it would give up after a second and the assertion below would fail.
      .reply(200, async () => {
        order.push((await stagesAsked.within(1000)) ? 'GetRestApi answered after GetStages was sent' : 'GetRestApi answered alone');
        return restApiBody();
      })
      .get(`${BASE}/stages`)
      .reply(200, async () => {
        order.push('GetStages');
        stagesAsked.fire();
        order.push((await resourcesAsked.within(1000)) ? 'GetStages answered after GetResources was sent' : 'GetStages answered alone');
        return { item: [stageBody('prod', 'dep1')] };
      })
      .get(`${BASE}/resources`)
      .query(true)
      .reply(200, () => (order.push('GetResources'), resourcesAsked.fire(), { item: [] }));

    const snapshot = await read();

    assert.ok(scope.isDone());
    assert.deepEqual(
      order.slice(0, 3),
      ['GetStages', 'GetRestApi answered after GetStages was sent', 'GetResources'],
      'GetResources waits for GetRestApi',
    );
    assert.ok(order.includes('GetStages answered after GetResources was sent'), order.join(' | '));
    assert.equal(snapshot.stageInfo.deploymentId, 'dep1');
  });

  test('a PRIVATE API without a resource policy is reported as such', async () => {
    const scope = mockAll(['restApi']);
    scope.get(BASE).reply(200, restApiBody(['PRIVATE']));
    const snapshot = await read();
    assert.ok(scope.isDone());
    assert.deepEqual(snapshot.api, {
      status: 'ok',
      name: 'shop',
      endpointTypes: ['PRIVATE'],
      hasResourcePolicy: false,
      apiKeySource: 'HEADER',
    });
  });

  test('the resource policy as API Gateway sends it (JSON escaped once more) is kept parsed, with apiKeySource', async () => {
    const scope = mockAll(['restApi']);
    const escaped = JSON.stringify(POLICY).slice(1, -1);
    scope.get(BASE).reply(200, { ...restApiBody(['REGIONAL'], escaped), apiKeySource: 'AUTHORIZER' });
    const snapshot = await read();
    assert.ok(scope.isDone());
    assert.deepEqual(snapshot.api.policy, JSON.parse(POLICY));
    assert.equal(snapshot.api.apiKeySource, 'AUTHORIZER');
  });

  test('a resource policy that is not JSON leaves only hasResourcePolicy', async () => {
    const scope = mockAll(['restApi']);
    scope.get(BASE).reply(200, restApiBody(['REGIONAL'], '{not json'));
    const snapshot = await read();
    assert.ok(scope.isDone());
    assert.equal(snapshot.api.hasResourcePolicy, true);
    assert.equal(snapshot.api.policy, undefined);
  });

  test('follows `position` through every page of resources and deployments', async () => {
    const scope = mockAll(['resources', 'deployments']);
    scope
      .get(`${BASE}/resources`)
      .query({ embed: 'methods', limit: '500' })
      .reply(200, { item: [resourceBody('r00t', '/', { GET: { authorizationType: 'NONE' } })], position: 'cmVzLXBhZ2UtMg==' })
      .get(`${BASE}/resources`)
      .query({ embed: 'methods', limit: '500', position: 'cmVzLXBhZ2UtMg==' })
      .reply(200, { item: [resourceBody('u1', '/users', { POST: { authorizationType: 'AWS_IAM' } })] })
      .get(`${BASE}/deployments`)
      .query({ limit: '500' })
      .reply(200, { item: [deploymentBody('dep1', 1700000000)], position: 'dep-page-2' })
      .get(`${BASE}/deployments`)
      .query({ limit: '500', position: 'dep-page-2' })
      .reply(200, { item: [deploymentBody('dep9', 1800000000)] });

    const snapshot = await read();

    assert.ok(scope.isDone(), `pending: ${scope.pendingMocks().join(', ')}`);
    assert.deepEqual(Object.keys(snapshot.defined ?? {}), ['/', '/users']);
    assert.equal(snapshot.latestDeployment?.id, 'dep9', 'the newest deployment is on the second page');
    assert.equal(snapshot.calls.GetResources, 2);
    assert.equal(snapshot.calls.GetDeployments, 2);
  });

  test('makes the same calls for 1 and for 300 resources', async () => {
    const callsFor = async (count: number) => {
      const scope = mockAll(['resources', 'deployment']);
      const resources = manyResources(count);
      scope.get(`${BASE}/resources`).query({ embed: 'methods', limit: '500' }).reply(200, { item: resources });
      scope
        .get(`${BASE}/deployments/dep1`)
        .query({ embed: 'apisummary' })
        .reply(200, {
          id: 'dep1',
          apiSummary: Object.fromEntries(resources.map((r) => [r.path, { GET: { authorizationType: 'NONE', apiKeyRequired: false } }])),
        });
      const snapshot = await read();
      assert.ok(scope.isDone());
      assert.equal(Object.keys(snapshot.defined ?? {}).length, count);
      assert.equal(Object.keys(snapshot.deployed ?? {}).length, count);
      return snapshot.calls;
    };
    const one = await callsFor(1);
    const many = await callsFor(300);
    assert.deepEqual(one, ALL_CALLS_ONCE);
    assert.deepEqual(many, one);
  });

  test('a NotFound API: nothing is read after it (GetStages went out with it), every other part skipped', async () => {
    const scope = controlPlane();
    replyError(scope.get(BASE), 404, 'NotFoundException', 'Invalid API identifier specified 123456789012:a1b2c3d4e5');
    replyError(scope.get(`${BASE}/stages`), 404, 'NotFoundException', 'Invalid API identifier specified 123456789012:a1b2c3d4e5');
    const snapshot = await read();

    assert.ok(scope.isDone());
    assert.equal(snapshot.api.status, 'not-found');
    assert.match(snapshot.api.error ?? '', /^NotFoundException: Invalid API identifier specified/);
    assert.deepEqual(snapshot.stageInfo, { status: 'skipped', existingStages: [] });
    assert.deepEqual(statuses(snapshot), {
      api: 'not-found',
      stage: 'skipped',
      deployments: 'skipped',
      deployment: 'skipped',
      resources: 'skipped',
      authorizers: 'skipped',
    });
    assert.equal(snapshot.deployed, undefined);
    assert.equal(snapshot.defined, undefined);
    assert.deepEqual(snapshot.calls, { GetRestApi: 1, GetStages: 1 });
  });

  test('a missing stage is not-found with the stages that do exist, and nothing is deployed', async () => {
    const scope = mockAll(['stages', 'deployment']);
    scope.get(`${BASE}/stages`).reply(200, { item: [stageBody('dev', 'dep0'), stageBody('production', 'dep1')] });
    const snapshot = await read();

    assert.ok(scope.isDone());
    assert.equal(snapshot.stageInfo.status, 'not-found');
    assert.deepEqual(snapshot.stageInfo.existingStages, ['dev', 'production']);
    assert.match(snapshot.stageInfo.error ?? '', /no stage "prod" \(stages: dev, production\)/);
    assert.equal(snapshot.stageInfo.deploymentId, undefined);
    assert.equal(snapshot.deployed, undefined);
    assert.equal(snapshot.calls.GetDeployment, undefined, 'no deployment to read');
    assert.equal(snapshot.parts.deployment.status, 'skipped');
    assert.equal(snapshot.latestDeployment?.id, 'dep2', 'the other reads still ran');
    assert.ok(snapshot.defined);
  });

  test('AccessDenied on some reads leaves the others standing', async () => {
    const scope = mockAll(['resources', 'authorizers']);
    const denied = (action: string) =>
      `User: arn:aws:sts::123456789012:assumed-role/deploy/gha is not authorized to perform: apigateway:GET on resource: arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/${action}`;
    replyError(
      scope.get(`${BASE}/resources`).query(true),
      403,
      'AccessDeniedException:http://internal.amazon.com/coral/com.amazon.coral.service/',
      denied('resources'),
    );
    replyError(scope.get(`${BASE}/authorizers`).query(true), 403, 'AccessDeniedException', denied('authorizers'));
    const snapshot = await read();

    assert.ok(scope.isDone());
    assert.deepEqual(statuses(snapshot), {
      api: 'ok',
      stage: 'ok',
      deployments: 'ok',
      deployment: 'ok',
      resources: 'denied',
      authorizers: 'denied',
    });
    assert.equal(snapshot.parts.resources.error, `AccessDeniedException: ${denied('resources')}`);
    assert.equal(snapshot.defined, undefined);
    assert.deepEqual(snapshot.authorizers, {});
    // Without the definition there is nothing to take an authorizer id from.
    assert.deepEqual(snapshot.deployed?.['/orders'], { POST: { authorizationType: 'COGNITO_USER_POOLS', apiKeyRequired: true } });
    assert.equal(snapshot.stageInfo.deploymentId, 'dep1');
    assert.deepEqual(snapshot.calls, ALL_CALLS_ONCE);
  });

  test('denied GetRestApi and GetStages: the API and stage say denied, the rest is read', async () => {
    const scope = mockAll(['restApi', 'stages', 'deployment']);
    replyError(
      scope.get(BASE),
      403,
      'AccessDeniedException',
      'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: apigateway:GET',
    );
    replyError(
      scope.get(`${BASE}/stages`),
      403,
      'AccessDeniedException',
      'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: apigateway:GET',
    );
    const snapshot = await read();

    assert.ok(scope.isDone());
    assert.equal(snapshot.api.status, 'denied');
    assert.match(snapshot.api.error ?? '', /^AccessDeniedException: User: .* is not authorized/);
    assert.equal(snapshot.api.name, undefined);
    assert.equal(snapshot.stageInfo.status, 'denied');
    assert.deepEqual(snapshot.stageInfo.existingStages, []);
    assert.equal(snapshot.parts.deployment.status, 'skipped', 'the stage’s deployment id is unknown');
    assert.equal(snapshot.latestDeployment?.id, 'dep2');
    assert.ok(snapshot.defined?.['/orders']);
    assert.ok(snapshot.authorizers.au1);
  });

  test('error messages never carry the credentials, even when the service echoes them', async () => {
    const sessionToken = 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKENvalue0123456789abcdef';
    restoreEnv();
    restoreEnv = isolateAwsEnv({ AWS_ACCESS_KEY_ID: 'ASIAIOSFODNN7EXAMPLE', AWS_SESSION_TOKEN: sessionToken });
    const scope = mockAll(['stages', 'deployment', 'resources'], 'ASIAIOSFODNN7EXAMPLE');
    const canonical =
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. ' +
      'Consult the service documentation for details.\n\nThe Canonical String for this request should have been\n' +
      `'GET\n/restapis/a1b2c3d4e5/stages\n\nhost:127.0.0.1:4566\nx-amz-date:20240101T000000Z\nx-amz-security-token:${sessionToken}\n\nhost;x-amz-date;x-amz-security-token\ne3b0c442'\n\n` +
      "The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20240101T000000Z\n20240101/us-east-1/apigateway/aws4_request\n5f1c'\n";
    replyError(scope.get(`${BASE}/stages`), 403, 'InvalidSignatureException', canonical);
    replyError(
      scope.get(`${BASE}/resources`).query(true),
      403,
      'AccessDeniedException',
      `Session ${sessionToken} may not call apigateway:GET`,
    );
    const snapshot = await read();

    assert.ok(scope.isDone());
    assert.equal(snapshot.stageInfo.status, 'denied');
    assert.equal(
      snapshot.stageInfo.error,
      'InvalidSignatureException: The request signature we calculated does not match the signature you provided. ' +
        'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
    assert.deepEqual(snapshot.parts.resources, {
      status: 'denied',
      error: 'AccessDeniedException: Session [redacted] may not call apigateway:GET',
    });
    const everything = JSON.stringify(snapshot);
    for (const secret of [sessionToken, TEST_SECRET, 'ASIAIOSFODNN7EXAMPLE']) assert.ok(!everything.includes(secret));
  });

  test('credentials the service does not know: nothing is read after GetRestApi, and every part carries its answer', async () => {
    const scope = controlPlane();
    replyError(scope.get(BASE), 403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
    replyError(scope.get(`${BASE}/stages`), 403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
    const snapshot = await read();

    assert.ok(scope.isDone());
    assert.deepEqual(snapshot.calls, { GetRestApi: 1, GetStages: 1 });
    const answer = { status: 'denied', error: 'UnrecognizedClientException: The security token included in the request is invalid.' };
    assert.deepEqual(snapshot.parts, {
      api: answer,
      stage: answer,
      deployments: answer,
      deployment: { status: 'skipped' },
      resources: answer,
      authorizers: answer,
    });
    assert.deepEqual(snapshot.api, { status: 'denied', error: answer.error });
    assert.deepEqual(snapshot.stageInfo, { status: 'denied', existingStages: [], error: answer.error });
  });

  test('retries 429 TooManyRequests on GetResources and then succeeds', async () => {
    const scope = mockAll(['resources']);
    replyError(
      scope.get(`${BASE}/resources`).query({ embed: 'methods', limit: '500' }),
      429,
      'TooManyRequestsException',
      'Too Many Requests',
    );
    scope
      .get(`${BASE}/resources`)
      .query({ embed: 'methods', limit: '500' })
      .reply(200, { item: [resourceBody('r00t', '/', { GET: { authorizationType: 'NONE' } })] });
    const snapshot = await read();

    assert.ok(scope.isDone(), 'the throttled call was sent again');
    assert.equal(snapshot.parts.resources.status, 'ok');
    assert.deepEqual(snapshot.defined, { '/': { GET: { authorizationType: 'NONE', apiKeyRequired: false } } });
    assert.equal(snapshot.calls.GetResources, 1, 'a retried call counts once');
  });

  test('429 past the last attempt fails that part only', async () => {
    const scope = mockAll(['resources']);
    const throttled = () => replyError(scope.get(`${BASE}/resources`).query(true), 429, 'TooManyRequestsException', 'Too Many Requests');
    throttled();
    throttled();
    const snapshot = await read(2);

    assert.ok(scope.isDone(), 'both attempts were made');
    assert.deepEqual(snapshot.parts.resources, { status: 'error', error: 'TooManyRequestsException: Too Many Requests' });
    assert.equal(snapshot.defined, undefined);
    assert.equal(snapshot.api.status, 'ok');
    assert.ok(snapshot.deployed);
  });

  test('no credentials at all: every part is skipped and nothing is sent', async () => {
    restoreEnv();
    restoreEnv = isolateAwsEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined });
    const scope = mockAll();
    const snapshot = await read();

    assert.deepEqual(snapshot.calls, {});
    assert.equal(scope.pendingMocks().length, Object.keys(reply).length, 'no request reached the endpoint');
    assert.deepEqual(snapshot.api, { status: 'skipped', error: 'no AWS credentials' });
    assert.deepEqual(snapshot.stageInfo, { status: 'skipped', existingStages: [], error: 'no AWS credentials' });
    for (const part of Object.values(snapshot.parts)) assert.deepEqual(part, { status: 'skipped', error: 'no AWS credentials' });
    assert.equal(snapshot.deployed, undefined);
    assert.equal(snapshot.defined, undefined);
  });
});

describe("readSnapshot with definition: 'when-needed'", () => {
  const readLazily = () => readSnapshot(createApiGatewayClient(REGION), TARGET, { definition: 'when-needed' });
  const CALLS_WITHOUT_DEFINITION = { GetRestApi: 1, GetStages: 1, GetDeployments: 1, GetDeployment: 1, GetAuthorizers: 1 };

  test('reads no GetResources when the deployment and the authorizers tell how to send every request', async () => {
    const scope = mockAll(['resources']);
    const snapshot = await readLazily();

    assert.ok(scope.isDone(), `pending: ${scope.pendingMocks().join(', ')}`);
    assert.deepEqual(snapshot.calls, CALLS_WITHOUT_DEFINITION);
    assert.equal(snapshot.defined, undefined);
    assert.equal(snapshot.parts.resources.status, 'skipped');
    assert.match(snapshot.definitionRead, /^not read: /);
    // One authorizer of each kind: each token method can only be using it.
    assert.equal(snapshot.deployed?.['/orders']?.POST?.authorizerId, 'au1');
    assert.equal(snapshot.deployed?.['/admin']?.ANY?.authorizerId, 'au2');
  });

  test('loadDefinition reads it later, counts its calls and takes the authorizer ids from it; a second call does nothing', async () => {
    const scope = mockAll(['resources']);
    const snapshot = await readLazily();
    reply.resources(scope);
    await loadDefinition(snapshot, '1 check did not pass');
    await loadDefinition(snapshot, 'again');

    assert.ok(scope.isDone(), `pending: ${scope.pendingMocks().join(', ')}`);
    assert.deepEqual(snapshot.calls, ALL_CALLS_ONCE);
    assert.equal(snapshot.definitionRead, 'read after probing: 1 check did not pass');
    assert.equal(snapshot.parts.resources.status, 'ok');
    assert.deepEqual(Object.keys(snapshot.defined ?? {}), ['/', '/users', '/users/{id}', '/orders', '/admin']);
    assert.equal(snapshot.deployed?.['/orders']?.POST?.authorizerId, 'au1');
    assert.ok(snapshot.deployed?.['/admin']?.ANY, 'ANY /admin is still deployed');
    assert.equal(snapshot.deployed['/admin'].ANY.authorizerId, undefined, 'the definition says /admin is open now');
  });

  test("loadDefinition keeps a denied GetResources as that part's error", async () => {
    const scope = mockAll(['resources']);
    const snapshot = await readLazily();
    replyError(scope.get(`${BASE}/resources`).query(true), 403, 'AccessDeniedException', 'not allowed: apigateway:GET');
    await loadDefinition(snapshot, '2 checks did not pass');

    assert.deepEqual(snapshot.parts.resources, { status: 'denied', error: 'AccessDeniedException: not allowed: apigateway:GET' });
    assert.equal(snapshot.defined, undefined);
    assert.ok(snapshot.deployed);
  });

  test('reads it before probing when a token method could use more than one authorizer', async () => {
    const scope = mockAll(['authorizers']);
    scope
      .get(`${BASE}/authorizers`)
      .query({ limit: '500' })
      .reply(200, {
        item: [
          { id: 'au2', name: 'legacy-token', type: 'TOKEN', identitySource: 'method.request.header.X-Token' },
          { id: 'au3', name: 'other-token', type: 'REQUEST', identitySource: 'method.request.header.X-Other' },
        ],
      });
    const snapshot = await readLazily();

    assert.ok(scope.isDone(), `pending: ${scope.pendingMocks().join(', ')}`);
    assert.equal(snapshot.calls.GetResources, 1);
    assert.match(snapshot.definitionRead, /^read before probing: ANY \/admin may use any of 2 CUSTOM authorizers/);
    assert.ok(snapshot.defined);
  });

  test("reads it before probing when the stage's deployment cannot be read: the definition stands in", async () => {
    const scope = mockAll(['deployment']);
    replyError(scope.get(`${BASE}/deployments/dep1`).query(true), 403, 'AccessDeniedException', 'not allowed');
    const snapshot = await readLazily();

    assert.ok(scope.isDone(), `pending: ${scope.pendingMocks().join(', ')}`);
    assert.equal(snapshot.deployed, undefined);
    assert.ok(snapshot.defined);
    assert.match(snapshot.definitionRead, /^read before probing: the stage's deployment could not be read/);
  });
});

describe('readSnapshot: what sits in front of and beside the stage', () => {
  const readLazily = () => readSnapshot(createApiGatewayClient(REGION), TARGET, { definition: 'when-needed' });

  test('disableExecuteApiEndpoint is read from GetRestApi', async () => {
    const scope = mockAll(['restApi']);
    scope.get(BASE).reply(200, { ...restApiBody(['REGIONAL']), disableExecuteApiEndpoint: true });
    const snapshot = await read();
    assert.ok(scope.isDone(), `pending: ${scope.pendingMocks().join(', ')}`);
    assert.equal(snapshot.api.disableExecuteApiEndpoint, true);
  });

  test("a canary: its settings and its deployment's summary, one GetDeployment more", async () => {
    const scope = mockAll(['stages']);
    scope.get(`${BASE}/stages`).reply(200, {
      item: [{ ...stageBody('prod', 'dep1'), canarySettings: { deploymentId: 'dep9', percentTraffic: 12.5, useStageCache: false } }],
    });
    scope
      .get(`${BASE}/deployments/dep9`)
      .query({ embed: 'apisummary' })
      .reply(200, {
        id: 'dep9',
        apiSummary: {
          '/': { GET: { authorizationType: 'NONE', apiKeyRequired: false } },
          '/beta': { GET: { authorizationType: 'NONE', apiKeyRequired: false } },
        },
      });
    const snapshot = await read();
    assert.ok(scope.isDone(), `pending: ${scope.pendingMocks().join(', ')}`);
    assert.deepEqual(snapshot.stageInfo.canary, { deploymentId: 'dep9', percentTraffic: 12.5 });
    assert.deepEqual(Object.keys(snapshot.canaryDeployed ?? {}), ['/', '/beta']);
    assert.equal(snapshot.calls.GetDeployment, 2);
    assert.ok(snapshot.deployed?.['/users/{id}'], "the stage's own deployment is still the deployed table");
  });

  test("a canary whose deployment cannot be read leaves the stage's reads standing", async () => {
    const scope = mockAll(['stages']);
    scope
      .get(`${BASE}/stages`)
      .reply(200, { item: [{ ...stageBody('prod', 'dep1'), canarySettings: { deploymentId: 'dep9', percentTraffic: 5 } }] });
    replyError(scope.get(`${BASE}/deployments/dep9`).query(true), 403, 'AccessDeniedException', 'not allowed');
    const snapshot = await read();
    assert.equal(snapshot.canaryDeployed, undefined);
    assert.equal(snapshot.parts.deployment.status, 'ok');
    assert.ok(snapshot.deployed);
  });

  test('a summary without authorizationType: the definition is read before probing and decides auth', async () => {
    const scope = mockAll(['deployment']);
    scope
      .get(`${BASE}/deployments/dep1`)
      .query({ embed: 'apisummary' })
      .reply(200, {
        id: 'dep1',
        apiSummary: { '/': { GET: {} }, '/users/{id}': { GET: {} }, '/orders': { POST: {} }, '/gone': { GET: {} } },
      });
    const snapshot = await readLazily();
    assert.ok(scope.isDone(), `pending: ${scope.pendingMocks().join(', ')}`);
    assert.equal(snapshot.authFromDefinition, true);
    assert.match(snapshot.definitionRead, /^read before probing: the deployed API summary lists no authorizationType/);
    assert.equal(snapshot.deployed?.['/users/{id}']?.GET?.authorizationType, 'AWS_IAM');
    assert.deepEqual(snapshot.deployed?.['/orders']?.POST, {
      authorizationType: 'COGNITO_USER_POOLS',
      apiKeyRequired: true,
      authorizerId: 'au1',
    });
    // deployed but no longer defined: nothing to take auth from, kept as read
    assert.equal(snapshot.deployed?.['/gone']?.GET?.authorizationType, 'NONE');
  });

  test('a complete summary takes nothing from the definition', async () => {
    const scope = mockAll();
    const snapshot = await read();
    assert.ok(scope.isDone());
    assert.equal(snapshot.authFromDefinition, undefined);
    assert.equal(snapshot.definitionRead, 'read with the rest');
  });
});
