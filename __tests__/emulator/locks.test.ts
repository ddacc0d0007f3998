// Proving the locks: resource policies evaluated in full (source IP, VPC endpoint, principals,
// implicit vs explicit deny per authorization type), Lambda authorizers that validate, deny and
// supply the API key, over real HTTP and the real SDK.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { GetAuthorizersCommand, GetRestApiCommand } from '@aws-sdk/client-api-gateway';
import { type Emulator, startEmulator } from '../../emulator/index.ts';
import type { EmulatorModel } from '../../emulator/model.ts';
import { TEST_CREDENTIALS } from '../../emulator/run-action.ts';
import {
  LOCKS_REGION,
  MALFORMED_TOKEN,
  MEMBER_TOKEN,
  OFFICE_CIDR,
  PARTNER_API_KEY,
  PARTNER_TOKEN,
  REVOKED_TOKEN,
  STRANGER_CREDENTIALS,
  VAULT_API_ID,
  VAULT_POLICY,
  VAULT_VPCE,
  locksModel,
} from '../../emulator/scenarios/locks.ts';
import { type Answer, MAT_BODY, assertGatewayError, controlClient, executeApiHost, routeOf, send, signed } from './http.ts';

const HOST = executeApiHost(VAULT_API_ID, LOCKS_REGION);
const UNAUTHORIZED = '{"message":"Unauthorized"}';
const AUTHORIZER_DENY = '{"Message":"User is not authorized to access this resource with an explicit deny"}';

/** The AccessDenied body of a resource policy, exactly as the gateway words it. */
function policyDenied(user: string, path: string, explicit: boolean): string {
  const arn = `arn:aws:execute-api:${LOCKS_REGION}:********9012:${VAULT_API_ID}/prod/GET/${path}`;
  return JSON.stringify({
    Message: `User: ${user} is not authorized to perform: execute-api:Invoke on resource: ${arn}${explicit ? ' with an explicit deny' : ''}`,
  });
}

async function withEmulator(model: EmulatorModel, body: (emulator: Emulator) => Promise<void>): Promise<void> {
  const emulator = await startEmulator(model);
  try {
    await body(emulator);
  } finally {
    await emulator.close();
  }
}

const get = (emulator: Emulator, path: string, headers: Record<string, string> = {}): Promise<Answer> =>
  send(emulator, { host: HOST, path: `/prod${path}`, headers });

describe('the control plane shows the locks', () => {
  test('GetRestApi: apiKeySource AUTHORIZER; GetAuthorizers: identityValidationExpression', async () => {
    await withEmulator(locksModel(), async (emulator) => {
      const client = controlClient(emulator, LOCKS_REGION, TEST_CREDENTIALS);
      try {
        const api = await client.send(new GetRestApiCommand({ restApiId: VAULT_API_ID }));
        assert.equal(api.apiKeySource, 'AUTHORIZER');
        assert.deepEqual(JSON.parse(JSON.parse(`"${api.policy}"`) as string), VAULT_POLICY);
        const authorizers = await client.send(new GetAuthorizersCommand({ restApiId: VAULT_API_ID }));
        const byName = Object.fromEntries((authorizers.items ?? []).map((a) => [a.name, a]));
        assert.equal(byName['partner-auth'].identityValidationExpression, '^Bearer [A-Za-z0-9._-]+$');
        assert.equal(byName.members.identityValidationExpression, undefined);
      } finally {
        client.destroy();
      }
    });
  });
});

describe('resource policy, evaluated in full', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator(locksModel());
  });
  after(() => emulator.close());

  test('an open route is served; a route whose Allow needs another source IP is the implicit deny', async () => {
    assert.equal(routeOf(await get(emulator, '/public')), 'GET /public');
    assertGatewayError(await get(emulator, '/office'), 403, 'AccessDeniedException', policyDenied('anonymous', 'office', false));
  });

  test("a Deny on the runner's address is the explicit deny; a VPC-endpoint-only route denies the internet explicitly", async () => {
    assertGatewayError(await get(emulator, '/blocked'), 403, 'AccessDeniedException', policyDenied('anonymous', 'blocked', true));
    assertGatewayError(await get(emulator, '/internal'), 403, 'AccessDeniedException', policyDenied('anonymous', 'internal', true));
  });

  test('the source address and VPC endpoint can be set: from the office, elsewhere, through the endpoint', async () => {
    await withEmulator(locksModel({ sourceIp: '203.0.113.45' }), async (office) => {
      assert.equal(routeOf(await get(office, '/office')), 'GET /office');
      assert.equal(routeOf(await get(office, '/blocked')), 'GET /blocked');
    });
    await withEmulator(locksModel({ sourceIp: '198.51.100.7' }), async (elsewhere) => {
      assertGatewayError(await get(elsewhere, '/office'), 403, 'AccessDeniedException', policyDenied('anonymous', 'office', false));
      assert.equal((await get(elsewhere, '/blocked')).status, 200);
    });
    await withEmulator(locksModel({ sourceVpce: VAULT_VPCE }), async (inVpc) => {
      assert.equal(routeOf(await get(inVpc, '/internal')), 'GET /internal');
    });
    assert.ok(OFFICE_CIDR.startsWith('203.0.113.'), 'the office address above is inside OFFICE_CIDR');
  });

  test('AWS_IAM: unsigned is MAT first; the listed role is let in although its IAM policy allows nothing; another role is the implicit deny', async () => {
    assertGatewayError(await get(emulator, '/reports'), 403, 'MissingAuthenticationTokenException', MAT_BODY);
    const deploy = await send(emulator, signed({ host: HOST, path: '/prod/reports' }, TEST_CREDENTIALS, LOCKS_REGION));
    assert.equal(routeOf(deploy), 'GET /reports');
    assertGatewayError(
      await send(emulator, signed({ host: HOST, path: '/prod/reports' }, STRANGER_CREDENTIALS, LOCKS_REGION)),
      403,
      'AccessDeniedException',
      policyDenied('arn:aws:sts::123456789012:assumed-role/stranger/ci', 'reports', false),
    );
  });

  test('Cognito authenticates first (401), then the policy must allow', async () => {
    assertGatewayError(await get(emulator, '/members'), 401, 'UnauthorizedException', UNAUTHORIZED);
    assert.equal(routeOf(await get(emulator, '/members', { authorization: MEMBER_TOKEN })), 'GET /members');
    const model = locksModel();
    const policy = structuredClone(VAULT_POLICY);
    assert.ok(policy.Statement[0] && model.apis[0]);
    policy.Statement[0].Resource = ['execute-api:/*/GET/public'];
    model.apis[0].policy = JSON.stringify(policy);
    await withEmulator(model, async (local) => {
      assertGatewayError(await get(local, '/members'), 401, 'UnauthorizedException', UNAUTHORIZED);
      assertGatewayError(
        await get(local, '/members', { authorization: MEMBER_TOKEN }),
        403,
        'AccessDeniedException',
        policyDenied('anonymous', 'members', false),
      );
      // A Lambda authorizer that allows is enough when the policy says nothing about the route…
      assert.equal((await get(local, '/partner', { authorization: PARTNER_TOKEN })).status, 200);
    });
  });

  test('…but an explicit Deny in the policy refuses before the Lambda authorizer runs', async () => {
    const model = locksModel();
    const policy = structuredClone(VAULT_POLICY) as { Statement: Record<string, unknown>[] };
    policy.Statement.push({ Effect: 'Deny', Principal: '*', Action: 'execute-api:*', Resource: 'execute-api:/prod/GET/partner' });
    assert.ok(model.apis[0]);
    model.apis[0].policy = JSON.stringify(policy);
    await withEmulator(model, async (local) => {
      assertGatewayError(
        await get(local, '/partner', { authorization: PARTNER_TOKEN }),
        403,
        'AccessDeniedException',
        policyDenied('anonymous', 'partner', true),
      );
      assert.deepEqual(local.state.authorizerCalls, {});
    });
  });

  test('a policy change takes effect only when the API is deployed again', async () => {
    // Attached, never deployed: GetRestApi shows it, the stage does not enforce it.
    const attached = locksModel();
    const attachedDeployment = attached.apis[0]?.deployments[0];
    assert.ok(attachedDeployment);
    attachedDeployment.policy = null;
    await withEmulator(attached, async (local) => {
      const client = controlClient(local, LOCKS_REGION, TEST_CREDENTIALS);
      try {
        assert.ok((await client.send(new GetRestApiCommand({ restApiId: VAULT_API_ID }))).policy);
      } finally {
        client.destroy();
      }
      assert.equal((await get(local, '/office')).status, 200);
      local.state.deploy(VAULT_API_ID, { stage: 'prod' });
      assertGatewayError(await get(local, '/office'), 403, 'AccessDeniedException', policyDenied('anonymous', 'office', false));
    });
    // Removed, not redeployed: the stage still enforces the deployed one.
    const removed = locksModel();
    const removedApi = removed.apis[0];
    const removedDeployment = removedApi?.deployments[0];
    assert.ok(removedApi?.policy && removedDeployment);
    removedDeployment.policy = removedApi.policy;
    delete removedApi.policy;
    await withEmulator(removed, async (local) => {
      assert.equal((await get(local, '/office')).status, 403);
      local.state.deploy(VAULT_API_ID, { stage: 'prod' });
      assert.equal((await get(local, '/office')).status, 200);
    });
  });

  test('without policyEvaluation "full" the same policy only applies its unconditional denies: every route is open', async () => {
    const model = locksModel();
    assert.ok(model.apis[0]);
    delete model.apis[0].policyEvaluation;
    await withEmulator(model, async (local) => {
      for (const path of ['/office', '/blocked', '/internal']) assert.equal((await get(local, path)).status, 200, path);
    });
  });

  test('an operator or key the emulator does not evaluate is a model error naming it', async () => {
    const model = locksModel();
    assert.ok(model.apis[0]);
    model.apis[0].policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 'execute-api:Invoke',
          Resource: 'execute-api:/*',
          Condition: { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } },
        },
      ],
    });
    await withEmulator(model, async (local) => {
      const answer = await get(local, '/public');
      assert.equal(answer.status, 500);
      assert.match(answer.body, /condition key "aws:CurrentTime" is not evaluated/);
    });
  });
});

describe('Lambda authorizers', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator(locksModel());
  });
  after(() => emulator.close());

  test('a token that fails identityValidationExpression is 401 and the function never runs', async () => {
    emulator.state.resetCounters();
    for (const token of [MALFORMED_TOKEN, 'Bearer has spaces in it', `x${PARTNER_TOKEN}`]) {
      assertGatewayError(await get(emulator, '/partner', { authorization: token }), 401, 'UnauthorizedException', UNAUTHORIZED);
    }
    assert.deepEqual(emulator.state.authorizerCalls, {});
    // A well-formed token the function does not know: it runs, and refuses.
    assertGatewayError(await get(emulator, '/partner', { authorization: 'Bearer unknown' }), 401, 'UnauthorizedException', UNAUTHORIZED);
    assert.deepEqual(emulator.state.authorizerCalls, { 'partner-auth': 1 });
  });

  test('a token the function denies is 403 AccessDenied "with an explicit deny"', async () => {
    assertGatewayError(await get(emulator, '/partner', { authorization: REVOKED_TOKEN }), 403, 'AccessDeniedException', AUTHORIZER_DENY);
  });

  test('apiKeySource AUTHORIZER: the usageIdentifierKey is the key; x-api-key is ignored', async () => {
    assert.equal(routeOf(await get(emulator, '/partner', { authorization: PARTNER_TOKEN })), 'GET /partner');
    const model = locksModel();
    const authorizer = model.apis[0]?.authorizers?.[0];
    assert.ok(authorizer);
    authorizer.usageIdentifierKeys = {};
    await withEmulator(model, async (local) => {
      // The function returns no key: Forbidden, even with the right key in x-api-key.
      const answer = await get(local, '/partner', { authorization: PARTNER_TOKEN, 'x-api-key': PARTNER_API_KEY });
      assertGatewayError(answer, 403, 'ForbiddenException', '{"message":"Forbidden"}');
    });
    const header = locksModel();
    assert.ok(header.apis[0]);
    header.apis[0].apiKeySource = 'HEADER';
    await withEmulator(header, async (local) => {
      assert.equal((await get(local, '/partner', { authorization: PARTNER_TOKEN })).status, 403);
      assert.equal((await get(local, '/partner', { authorization: PARTNER_TOKEN, 'x-api-key': PARTNER_API_KEY })).status, 200);
    });
  });

  test('an Allow that lists other methods refuses this one, unless the resource policy allows it', async () => {
    const narrow = (model: EmulatorModel): EmulatorModel => {
      const authorizer = model.apis[0]?.authorizers?.[0];
      assert.ok(authorizer);
      authorizer.allowedResources = [`arn:aws:execute-api:${LOCKS_REGION}:123456789012:${VAULT_API_ID}/prod/GET/partner/*`];
      return model;
    };
    const implicit = '{"Message":"User is not authorized to access this resource"}';
    // The vault's policy allows /partner for everyone: the narrow function policy is not needed.
    await withEmulator(narrow(locksModel()), async (local) => {
      assert.equal((await get(local, '/partner', { authorization: PARTNER_TOKEN })).status, 200);
    });
    const withoutPolicyAllow = narrow(locksModel());
    const policy = structuredClone(VAULT_POLICY);
    assert.ok(policy.Statement[0] && withoutPolicyAllow.apis[0]);
    policy.Statement[0].Resource = ['execute-api:/*/GET/public'];
    withoutPolicyAllow.apis[0].policy = JSON.stringify(policy);
    await withEmulator(withoutPolicyAllow, async (local) => {
      assertGatewayError(await get(local, '/partner', { authorization: PARTNER_TOKEN }), 403, 'AccessDeniedException', implicit);
      assert.deepEqual(local.state.authorizerCalls, { 'partner-auth': 1 }, 'the function ran');
    });
    // Without full policy evaluation nothing else allows.
    const denyOnly = narrow(locksModel());
    assert.ok(denyOnly.apis[0]);
    delete denyOnly.apis[0].policyEvaluation;
    await withEmulator(denyOnly, async (local) => {
      assertGatewayError(await get(local, '/partner', { authorization: PARTNER_TOKEN }), 403, 'AccessDeniedException', implicit);
    });
  });

  test('a denied token is customised by ACCESS_DENIED like any AccessDenied', async () => {
    const model = locksModel();
    assert.ok(model.apis[0]);
    model.apis[0].gatewayResponses = { ACCESS_DENIED: { body: '{"error":"denied"}' } };
    await withEmulator(model, async (local) => {
      assertGatewayError(
        await get(local, '/partner', { authorization: REVOKED_TOKEN }),
        403,
        'AccessDeniedException',
        '{"error":"denied"}',
      );
    });
  });
});
