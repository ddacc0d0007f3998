// "In front of and beside the gateway": the storefront API reached through everything that can sit
// in front of API Gateway (custom domain, a user's CloudFront distribution, the EDGE API's own
// CloudFront), a canary on its stage, and a twin API in another region.
import type { EmulatorModel, ResourcesModel } from '../model.ts';
import { TEST_CREDENTIALS } from '../run-action.ts';

export const STOREFRONT_API_ID = 'f1r2o3n4t5';
export const EDGE_API_ID = 'e1d2g3e4f5';
/** The storefront's twin, deployed in WEST_REGION only. */
export const WEST_API_ID = 'w1e2s3t4u5';
export const FRONT_DOORS_REGION = 'us-east-1';
export const WEST_REGION = 'eu-west-1';
export const STOREFRONT_DOMAIN = 'api.shop.example';
/** A user's distribution: `/api/*` → the execute-api host with origin path /prod, everything else → the custom domain. */
export const DISTRIBUTION_DOMAIN = 'd111111abcdef8.cloudfront.net';
export const DISTRIBUTION_ALIAS = 'www.shop.example';

function storefrontResources(): ResourcesModel {
  return {
    '/health': { GET: {} },
    '/products': { GET: {} },
    '/products/{id}': { GET: {} },
  };
}

/** What the canary deployment serves: the stable routes plus /recommendations, with its own answer on /products. */
function canaryResources(): ResourcesModel {
  return {
    ...storefrontResources(),
    '/products': { GET: { integration: { body: '{"ok":true,"route":"GET /products","release":"canary"}' } } },
    '/recommendations': { GET: {} },
  };
}

export interface FrontDoorsOptions {
  /** the storefront's execute-api endpoint is turned off (custom domain and distribution via the domain still work) */
  disableExecuteApiEndpoint?: boolean;
  /** the prod stage's canary share (default 0: a canary that serves nothing yet) */
  canaryPercent?: number;
}

export function frontDoorsModel(opts: FrontDoorsOptions = {}): EmulatorModel {
  const stable = storefrontResources();
  const canary = canaryResources();
  return {
    region: FRONT_DOORS_REGION,
    apis: [
      {
        id: STOREFRONT_API_ID,
        name: 'storefront',
        endpointType: 'REGIONAL',
        disableExecuteApiEndpoint: opts.disableExecuteApiEndpoint ?? false,
        resources: canary,
        deployments: [
          { id: 'sf1stable', createdDate: '2026-11-20T09:00:00.000Z', description: 'release 7', resources: stable },
          { id: 'sf2canary', createdDate: '2026-11-25T09:00:00.000Z', description: 'release 8 (canary)', resources: canary },
        ],
        stages: [
          {
            name: 'prod',
            deploymentId: 'sf1stable',
            canarySettings: {
              percentTraffic: opts.canaryPercent ?? 0,
              deploymentId: 'sf2canary',
              stageVariableOverrides: { release: '8' },
            },
          },
        ],
      },
      {
        id: EDGE_API_ID,
        name: 'storefront-edge',
        endpointType: 'EDGE',
        resources: stable,
        deployments: [{ id: 'ed1', createdDate: '2026-11-20T09:00:00.000Z', resources: stable }],
        stages: [{ name: 'prod', deploymentId: 'ed1' }],
      },
      {
        id: WEST_API_ID,
        name: 'storefront-west',
        endpointType: 'REGIONAL',
        region: WEST_REGION,
        resources: stable,
        deployments: [{ id: 'we1', createdDate: '2026-11-20T09:00:00.000Z', resources: stable }],
        stages: [{ name: 'prod', deploymentId: 'we1' }],
      },
    ],
    domainNames: [{ domainName: STOREFRONT_DOMAIN, mappings: [{ basePath: '(none)', restApiId: STOREFRONT_API_ID, stage: 'prod' }] }],
    distributions: [
      {
        domainName: DISTRIBUTION_DOMAIN,
        aliases: [DISTRIBUTION_ALIAS],
        behaviors: [
          // The classic mistake: the pattern is not stripped, so /api/products reaches the stage as /api/products.
          {
            pathPattern: '/api/*',
            originDomain: `${STOREFRONT_API_ID}.execute-api.${FRONT_DOORS_REGION}.amazonaws.com`,
            originPath: '/prod',
          },
          { pathPattern: '*', originDomain: STOREFRONT_DOMAIN },
        ],
      },
    ],
    identities: [{ ...TEST_CREDENTIALS, arn: 'arn:aws:sts::123456789012:assumed-role/deploy/ci' }],
  };
}

/** Declared through the distribution's alias: every route goes through the `/api/*` behavior and misses. */
export const THROUGH_CLOUDFRONT_MANIFEST = `version: 1
api:
  rest-api-id: ${STOREFRONT_API_ID}
  stage: prod
  region: ${FRONT_DOORS_REGION}
  base-url: http://${DISTRIBUTION_ALIAS}/api
routes:
  - GET /health
  - route: GET /products/{id}
    params: { id: "42" }
`;

/** The storefront checked in the wrong region: its id is unknown there. */
export const WRONG_REGION_MANIFEST = `version: 1
api:
  rest-api-id: ${WEST_API_ID}
  stage: prod
  region: ${FRONT_DOORS_REGION}
routes:
  - GET /health
`;
