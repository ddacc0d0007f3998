// The "shop" API the demo, the self-test workflow and the end-to-end tests run against.
// `demo` carries the classic mistakes; `healthy` is the same API deployed and declared right.
import type { EmulatorModel, ResourcesModel } from '../model.ts';
import { TEST_CREDENTIALS } from '../run-action.ts';

export const SHOP_API_ID = 'a1b2c3d4e5';
export const SHOP_API_KEY = 'demo-api-key-0123456789abcdef';

/** The current definition: /invoices was added after the prod stage was last deployed. */
function shopResources(): ResourcesModel {
  return {
    '/': { GET: {} },
    '/health': { GET: {} },
    '/users': { GET: {} },
    '/users/{id}': { GET: {} },
    '/orders': { POST: { apiKeyRequired: true, integration: { status: 201, body: '{"order":"o-1"}' } } },
    '/reports': { GET: { authorizationType: 'AWS_IAM' } },
    '/invoices': { GET: {} },
  };
}

export function shopModel(opts: { stageOnNewest: boolean }): EmulatorModel {
  const current = shopResources();
  const { '/invoices': _added, ...beforeInvoices } = current;
  return {
    region: 'us-east-1',
    apis: [
      {
        id: SHOP_API_ID,
        name: 'shop',
        endpointType: 'REGIONAL',
        resources: current,
        deployments: [
          { id: 'd1prod', createdDate: '2026-11-20T09:00:00.000Z', description: 'release 41', resources: beforeInvoices },
          { id: 'd2next', createdDate: '2026-11-21T16:30:00.000Z', description: 'release 42: invoices', resources: current },
        ],
        stages: [{ name: 'prod', deploymentId: opts.stageOnNewest ? 'd2next' : 'd1prod' }],
      },
    ],
    apiKeys: [{ id: 'key1', name: 'smoke', value: SHOP_API_KEY }],
    usagePlans: [{ id: 'plan1', name: 'smoke', apiStages: [{ apiId: SHOP_API_ID, stage: 'prod' }], keys: ['key1'] }],
    identities: [{ ...TEST_CREDENTIALS, arn: 'arn:aws:sts::123456789012:assumed-role/deploy/ci' }],
  };
}

/** The demo's manifest: every route but the first two hits a classic mistake. */
export const DEMO_MANIFEST = `version: 1
api:
  rest-api-id: ${SHOP_API_ID}
  stage: prod
  region: us-east-1
routes:
  - GET /health
  - route: GET /users/{id}
    params: { id: "42" }
  - route: GET /user/{id}          # singular: the API has /users/{id}
    params: { id: "42" }
  - GET /invoices                  # added to the API, never deployed to prod
  - route: GET /reports
    auth: none                     # an AWS_IAM route, called without signing
  - route: POST /orders            # needs an API key; none is configured
    body: { sku: smoke-test }
    expect: [201, 409]
  - route: OPTIONS /users          # the browser's CORS preflight
    cors: { origin: https://app.example.com, method: GET }
`;

/** The same routes, declared the way the API really is. */
export const HEALTHY_MANIFEST = `version: 1
api:
  rest-api-id: ${SHOP_API_ID}
  stage: prod
  region: us-east-1
routes:
  - GET /
  - GET /health
  - GET /users
  - route: GET /users/{id}
    params: { id: "42" }
  - GET /invoices
  - GET /reports                   # auth auto: signed with SigV4
  - route: POST /orders            # auth auto: sends the API key
    body: { sku: smoke-test }
    expect: [201, 409]
`;

/** A base URL that forgot the stage: the gateway takes the first path segment as the stage. */
export const STAGELESS_MANIFEST = `version: 1
api:
  rest-api-id: ${SHOP_API_ID}
  stage: prod
  region: us-east-1
routes:
  - GET /health
  - route: GET /users/{id}
    params: { id: "42" }
`;
