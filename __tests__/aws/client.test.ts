import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import nock from 'nock';
import { APIGatewayClient, GetRestApiCommand } from '@aws-sdk/client-api-gateway';
import { createApiGatewayClient, DEFAULT_MAX_ATTEMPTS, resolveCredentials } from '../../src/aws/client.ts';
import { API_ID, ENDPOINT, REGION, TEST_KEY_ID, TEST_SECRET, controlPlane, isolateAwsEnv, restApiBody } from './helpers.ts';

let restoreEnv: (() => void) | undefined;
const env = (values: Record<string, string | undefined> = {}) => {
  restoreEnv?.();
  restoreEnv = isolateAwsEnv(values);
};
beforeEach(() => {
  env();
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
  restoreEnv?.();
  restoreEnv = undefined;
});

describe('createApiGatewayClient', () => {
  // Each row: the endpoint variables set, and whether the call must land on the nock endpoint.
  const endpointCases: [string, Record<string, string | undefined>][] = [
    ['AWS_ENDPOINT_URL_API_GATEWAY', { AWS_ENDPOINT_URL_API_GATEWAY: ENDPOINT }],
    ['AWS_ENDPOINT_URL when no service-specific variable is set', { AWS_ENDPOINT_URL_API_GATEWAY: undefined, AWS_ENDPOINT_URL: ENDPOINT }],
    // 127.0.0.1:9 is the discard port: a call that went there would fail, not reach nock.
    [
      'the service-specific variable over the generic one',
      { AWS_ENDPOINT_URL_API_GATEWAY: ENDPOINT, AWS_ENDPOINT_URL: 'http://127.0.0.1:9' },
    ],
  ];
  for (const [name, values] of endpointCases) {
    test(`sends management calls to ${name}`, async () => {
      env(values);
      const scope = controlPlane().get(`/restapis/${API_ID}`).reply(200, restApiBody());
      const api = await createApiGatewayClient(REGION, { maxAttempts: 1 }).send(new GetRestApiCommand({ restApiId: API_ID }));
      assert.ok(scope.isDone());
      assert.equal(api.name, 'shop');
    });
  }

  test(`allows ${DEFAULT_MAX_ATTEMPTS} attempts per call by default, and takes the region given`, async () => {
    const client = createApiGatewayClient('eu-west-3');
    assert.equal(DEFAULT_MAX_ATTEMPTS, 6);
    assert.equal(await client.config.maxAttempts(), 6);
    assert.equal(await client.config.region(), 'eu-west-3');
    assert.equal(await createApiGatewayClient(REGION, { maxAttempts: 2 }).config.maxAttempts(), 2);
  });
});

describe('resolveCredentials', () => {
  test('returns the static credentials of the environment', async () => {
    assert.deepEqual(await resolveCredentials(createApiGatewayClient(REGION)), { accessKeyId: TEST_KEY_ID, secretAccessKey: TEST_SECRET });
  });

  test('includes the session token of temporary credentials', async () => {
    env({ AWS_ACCESS_KEY_ID: 'ASIAIOSFODNN7EXAMPLE', AWS_SESSION_TOKEN: 'session-token-value' });
    assert.deepEqual(await resolveCredentials(createApiGatewayClient(REGION)), {
      accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
      secretAccessKey: TEST_SECRET,
      sessionToken: 'session-token-value',
    });
  });

  test('returns undefined, without throwing, when the chain finds no credentials', async () => {
    env({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined });
    assert.equal(await resolveCredentials(createApiGatewayClient(REGION)), undefined);
  });

  test('throws a failure that is not "no credentials", so it is not mistaken for one', async () => {
    const client = new APIGatewayClient({
      region: REGION,
      credentials: async () => {
        throw Object.assign(new Error('Not authorized to perform sts:AssumeRoleWithWebIdentity'), { name: 'AccessDenied' });
      },
    });
    await assert.rejects(resolveCredentials(client), { name: 'AccessDenied' });
  });
});
