// "Prove the lock works": the vault API, locked every way API Gateway can lock a route — a resource
// policy evaluated in full (source-IP allow and deny lists, a VPC-endpoint-only route, a principal
// list), a Lambda authorizer with a token validation expression and a deny verdict that is also
// the API key's source, and a Cognito authorizer.
import type { EmulatorModel } from '../model.ts';
import { TEST_CREDENTIALS } from '../run-action.ts';

export const VAULT_API_ID = 'v1a2u3l4t5';
export const LOCKS_REGION = 'us-east-1';
/** The office network the /office route is open to; the runner (127.0.0.1) is not in it. */
export const OFFICE_CIDR = '203.0.113.0/24';
export const VAULT_VPCE = 'vpce-0a1b2c3d4e5f60789';
export const PARTNER_TOKEN = 'Bearer partner-ok';
export const REVOKED_TOKEN = 'Bearer partner-revoked';
/** Fails the authorizer's validation expression: the function never runs. */
export const MALFORMED_TOKEN = 'partner-ok';
export const PARTNER_API_KEY = 'partner-usage-key-0123456789abcdef';
export const MEMBER_TOKEN = 'member-jwt-ok';
/** An identity of the same account whose role the resource policy does not list, and whose IAM policy allows nothing. */
export const STRANGER_CREDENTIALS = { accessKeyId: 'AKIAEMULATORSTRANGER', secretAccessKey: 'emulator-stranger-secret/DoNotUse0001' };

export const VAULT_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: '*',
      Action: 'execute-api:Invoke',
      Resource: [
        'execute-api:/*/GET/public',
        'execute-api:/*/GET/blocked',
        'execute-api:/*/GET/internal',
        'execute-api:/*/GET/partner',
        'execute-api:/*/GET/members',
      ],
    },
    {
      Effect: 'Allow',
      Principal: '*',
      Action: 'execute-api:Invoke',
      Resource: 'execute-api:/*/GET/office',
      Condition: { IpAddress: { 'aws:SourceIp': [OFFICE_CIDR] } },
    },
    {
      Effect: 'Deny',
      Principal: '*',
      Action: 'execute-api:Invoke',
      Resource: 'execute-api:/*/GET/blocked',
      Condition: { IpAddress: { 'aws:SourceIp': ['127.0.0.0/8', '::1/128'] } },
    },
    {
      Effect: 'Deny',
      Principal: '*',
      Action: 'execute-api:Invoke',
      Resource: 'execute-api:/*/GET/internal',
      Condition: { StringNotEquals: { 'aws:SourceVpce': VAULT_VPCE } },
    },
    {
      Effect: 'Allow',
      Principal: { AWS: ['arn:aws:iam::123456789012:role/deploy'] },
      Action: 'execute-api:Invoke',
      Resource: 'execute-api:/*/GET/reports',
    },
  ],
};

export interface LocksOptions {
  /** the caller's aws:SourceIp (default: the connection's, 127.0.0.1) */
  sourceIp?: string;
  sourceVpce?: string;
}

export function locksModel(opts: LocksOptions = {}): EmulatorModel {
  const resources = {
    '/public': { GET: {} },
    '/office': { GET: {} },
    '/blocked': { GET: {} },
    '/internal': { GET: {} },
    '/reports': { GET: { authorizationType: 'AWS_IAM' as const } },
    '/partner': { GET: { authorizationType: 'CUSTOM' as const, authorizer: 'partner-auth', apiKeyRequired: true } },
    '/members': { GET: { authorizationType: 'COGNITO_USER_POOLS' as const, authorizer: 'members' } },
  };
  return {
    region: LOCKS_REGION,
    ...(opts.sourceIp !== undefined ? { sourceIp: opts.sourceIp } : {}),
    ...(opts.sourceVpce !== undefined ? { sourceVpce: opts.sourceVpce } : {}),
    apis: [
      {
        id: VAULT_API_ID,
        name: 'vault',
        endpointType: 'REGIONAL',
        apiKeySource: 'AUTHORIZER',
        policy: JSON.stringify(VAULT_POLICY),
        policyEvaluation: 'full',
        resources,
        authorizers: [
          {
            name: 'partner-auth',
            type: 'TOKEN',
            identityValidationExpression: '^Bearer [A-Za-z0-9._-]+$',
            validTokens: [PARTNER_TOKEN],
            denyTokens: [REVOKED_TOKEN],
            usageIdentifierKeys: { [PARTNER_TOKEN]: PARTNER_API_KEY },
          },
          {
            name: 'members',
            type: 'COGNITO_USER_POOLS',
            providerARNs: [`arn:aws:cognito-idp:${LOCKS_REGION}:123456789012:userpool/${LOCKS_REGION}_vault`],
            validTokens: [MEMBER_TOKEN],
          },
        ],
        deployments: [{ id: 'va1', createdDate: '2026-11-20T09:00:00.000Z', resources }],
        stages: [{ name: 'prod', deploymentId: 'va1' }],
      },
    ],
    apiKeys: [{ id: 'partnerkey', name: 'partner', value: PARTNER_API_KEY }],
    usagePlans: [{ id: 'partnerplan', name: 'partner', apiStages: [{ apiId: VAULT_API_ID, stage: 'prod' }], keys: ['partnerkey'] }],
    identities: [
      // The deploy role's IAM policy grants no execute-api:Invoke: only the resource policy's principal list lets it in.
      { ...TEST_CREDENTIALS, arn: 'arn:aws:sts::123456789012:assumed-role/deploy/ci', invoke: false },
      { ...STRANGER_CREDENTIALS, arn: 'arn:aws:sts::123456789012:assumed-role/stranger/ci', invoke: false },
    ],
  };
}

/** Every lock declared as the refusal it must give. */
export const LOCKS_MANIFEST = `version: 1
api:
  rest-api-id: ${VAULT_API_ID}
  stage: prod
  region: ${LOCKS_REGION}
routes:
  - GET /public
  - route: GET /office             # open to the office network only
    auth: none
    expect: 403
  - route: GET /blocked            # the runner's address is denied explicitly
    auth: none
    expect: 403
  - route: GET /internal           # only through the vault's VPC endpoint
    auth: none
    expect: 403
  - GET /reports                   # auth auto: signed; the policy lists the deploy role
`;
