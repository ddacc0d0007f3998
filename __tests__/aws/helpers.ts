import { afterEach, beforeEach } from 'node:test';
// Shared set-up for the control-plane tests: the real SDK client, pointed at nock on loopback,
// with an environment isolated per test and replies in API Gateway's wire format.

import nock from 'nock';

type Scope = nock.Scope;
type Interceptor = nock.Interceptor;

export const ENDPOINT = 'http://127.0.0.1:4566';
export const REGION = 'us-east-1';
export const API_ID = 'a1b2c3d4e5';

export const TEST_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
export const TEST_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

// Every variable the credential chain, the endpoint resolution or the retry settings read.
const AWS_ENV = [
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_API_GATEWAY',
  'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_EC2_METADATA_DISABLED',
  'AWS_MAX_ATTEMPTS',
  'AWS_RETRY_MODE',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
];

/**
 * Replaces the AWS part of the environment for one test and returns the function that puts
 * it back. No profile files and no instance metadata, so only what the test sets is found.
 */
export function isolateAwsEnv(values: Record<string, string | undefined> = {}): () => void {
  const saved = new Map(AWS_ENV.map((key) => [key, process.env[key]]));
  for (const key of AWS_ENV) delete process.env[key];
  const defaults: Record<string, string> = {
    AWS_ENDPOINT_URL_API_GATEWAY: ENDPOINT,
    AWS_ACCESS_KEY_ID: TEST_KEY_ID,
    AWS_SECRET_ACCESS_KEY: TEST_SECRET,
    AWS_CONFIG_FILE: '/nonexistent/apigw-route-verify/config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/apigw-route-verify/credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  for (const [key, value] of Object.entries({ ...defaults, ...values })) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  return () => {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

/** The nock scope for the management endpoint; every request must carry a SigV4 header for apigateway. */
export function controlPlane(keyId = TEST_KEY_ID): Scope {
  const signature = new RegExp(`^AWS4-HMAC-SHA256 Credential=${keyId}/\\d{8}/${REGION}/apigateway/aws4_request, `);
  return nock(ENDPOINT, { reqheaders: { authorization: signature } });
}

/** An error the way API Gateway sends it: the type in x-amzn-ErrorType, `{"message": …}` in the body. */
export function replyError(interceptor: Interceptor, status: number, type: string, message: string): Scope {
  return interceptor.reply(
    status,
    { message },
    { 'content-type': 'application/json', 'x-amzn-ErrorType': type, 'x-amzn-RequestId': '0b6c2f1e-4b5a-4c4e-9f2e-8a1b2c3d4e5f' },
  );
}

// ─── Wire-format bodies (REST-JSON as API Gateway sends them: lists under `item`, epoch seconds) ───

export const restApiBody = (types: string[] = ['REGIONAL'], policy?: string) => ({
  id: API_ID,
  name: 'shop',
  createdDate: 1700000000,
  apiKeySource: 'HEADER',
  endpointConfiguration: { types, ipAddressType: 'ipv4' },
  disableExecuteApiEndpoint: false,
  rootResourceId: 'r00t',
  ...(policy ? { policy } : {}),
});

export const stageBody = (stageName: string, deploymentId: string, webAclArn?: string) => ({
  deploymentId,
  stageName,
  cacheClusterEnabled: false,
  cacheClusterStatus: 'NOT_AVAILABLE',
  methodSettings: {},
  tracingEnabled: false,
  createdDate: 1700000000,
  lastUpdatedDate: 1700003600,
  ...(webAclArn ? { webAclArn } : {}),
});

export const deploymentBody = (id: string, createdDate: number) => ({ id, createdDate });

export interface WireMethod {
  authorizationType: string;
  apiKeyRequired?: boolean;
  authorizerId?: string;
}

export function resourceBody(id: string, path: string, methods: Record<string, WireMethod> = {}) {
  const parts = path.split('/');
  const resource: Record<string, unknown> = { id, path };
  if (path !== '/') resource.pathPart = parts[parts.length - 1];
  if (Object.keys(methods).length > 0) {
    resource.resourceMethods = Object.fromEntries(
      Object.entries(methods).map(([verb, m]) => [
        verb,
        {
          httpMethod: verb,
          authorizationType: m.authorizationType,
          apiKeyRequired: m.apiKeyRequired ?? false,
          ...(m.authorizerId ? { authorizerId: m.authorizerId } : {}),
          methodIntegration: { type: 'AWS_PROXY', httpMethod: 'POST', uri: 'arn:aws:apigateway:us-east-1:lambda:path/x' },
        },
      ]),
    );
  }
  return resource;
}

/** `count` method-less resources under /items, for the "constant call count" test. */
export function manyResources(count: number) {
  return Array.from({ length: count }, (_, i) => resourceBody(`res${i}`, `/items/r${i}`, { GET: { authorizationType: 'NONE' } }));
}

/** Per-test isolation for nock-backed SDK tests: a clean AWS environment and no real network. */
export function useIsolatedAws(): void {
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
}
