// End-to-end: the bundled action (dist/index.js) against the API Gateway emulator, for the
// authentication and authorization diagnoses. Each run puts one manifest in a fresh workspace;
// the runs differ only in what a real workflow would vary — the credentials in the environment,
// the api-key and authorizer-token inputs, the region — and run side by side.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { type Emulator, startEmulator } from '../../emulator/index.ts';
import type { EmulatorModel, IdentityModel, ResourcesModel } from '../../emulator/model.ts';
import { type ActionRun, TEST_CREDENTIALS } from '../../emulator/run-action.ts';
import {
  ROUTES_FILE,
  annotationsOf,
  assertDiagnosed,
  checkAt,
  countOutputs,
  findingsOf,
  lineOf,
  makeJwt,
  runWithManifest,
} from './support-auth.ts';

const API_ID = 'auth0e2e01';
const STAGE = 'prod';
const POOL_ARN = 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_E2Epool';

const RESOURCES: ResourcesModel = {
  '/': { GET: {} },
  '/public': { GET: {} },
  '/reports': { GET: { authorizationType: 'AWS_IAM' } },
  '/audit': { GET: { authorizationType: 'AWS_IAM' } },
  '/ledger': { GET: { authorizationType: 'AWS_IAM' } },
  '/statements': { GET: { authorizationType: 'AWS_IAM' } },
  '/orders': { POST: { apiKeyRequired: true, integration: { status: 201, body: '{"order":"o-1"}' } } },
  '/admin/stats': { GET: { apiKeyRequired: true } },
  '/profile': { GET: { authorizationType: 'COGNITO_USER_POOLS', authorizer: 'users' } },
  // A template and a literal sibling with another protection: the gateway routes
  // /docs/internal to the literal (literal beats {param}).
  '/docs/{name}': { GET: {} },
  '/docs/internal': { GET: { authorizationType: 'AWS_IAM' } },
};

const CI: IdentityModel = { ...TEST_CREDENTIALS, arn: 'arn:aws:sts::123456789012:assumed-role/deploy/ci' };
const NO_INVOKE: IdentityModel = {
  accessKeyId: 'AKIAEMULATOR00000002',
  secretAccessKey: 'emulator-secret-key/NoInvoke0002',
  sessionToken: 'emulator-session-token-NoInvoke0002',
  invoke: false,
  arn: 'arn:aws:sts::123456789012:assumed-role/readonly/ci',
};
const EXPIRED: IdentityModel = {
  accessKeyId: 'AKIAEMULATOR00000003',
  secretAccessKey: 'emulator-secret-key/Expired0003',
  sessionToken: 'emulator-session-token-Expired0003',
  expired: true,
};

const KEYS = {
  good: 'e2e-key-good-0123456789abcdef',
  disabled: 'e2e-key-disabled-0123456789ab',
  otherStage: 'e2e-key-dev-only-0123456789ab',
  unknown: 'e2e-key-nobody-knows-012345',
};

const MODEL: EmulatorModel = {
  region: 'us-east-1',
  apis: [
    {
      id: API_ID,
      name: 'auth-e2e',
      endpointType: 'REGIONAL',
      resources: RESOURCES,
      authorizers: [{ id: 'cog001', name: 'users', type: 'COGNITO_USER_POOLS', providerARNs: [POOL_ARN], validTokens: ['accepted-token'] }],
      deployments: [{ id: 'dep0001', createdDate: '2026-01-05T10:00:00.000Z', resources: RESOURCES }],
      stages: [
        { name: STAGE, deploymentId: 'dep0001' },
        { name: 'dev', deploymentId: 'dep0001' },
      ],
    },
  ],
  apiKeys: [
    { id: 'k-good', value: KEYS.good },
    { id: 'k-disabled', value: KEYS.disabled, enabled: false },
    { id: 'k-dev', value: KEYS.otherStage },
  ],
  usagePlans: [
    { id: 'plan-prod', apiStages: [{ apiId: API_ID, stage: STAGE }], keys: ['k-good', 'k-disabled'] },
    { id: 'plan-dev', apiStages: [{ apiId: API_ID, stage: 'dev' }], keys: ['k-dev'] },
  ],
  identities: [CI, NO_INVOKE, EXPIRED],
};

const HEADER = `version: 1
api:
  rest-api-id: ${API_ID}
  stage: ${STAGE}
  region: us-east-1
routes:
`;

const nowSeconds = Math.floor(Date.now() / 1000);
/** A Cognito ID token that expired two hours ago; `sub` and `email` are personal and must never be shown. */
const EXPIRED_JWT = makeJwt({
  sub: 'c0ffee00-user-e2e',
  email: 'dev@example.com',
  iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_E2Epool',
  aud: 'e2eclient0001',
  token_use: 'id',
  iat: nowSeconds - 3 * 3600,
  exp: nowSeconds - 2 * 3600,
});

// Run 1: valid credentials, an expired authorizer token, no API key.
const MAIN = `${HEADER}  - route: GET /reports            # AWS_IAM, declared none
    auth: none
  - route: GET /public             # NONE, declared iam
    auth: iam
  - route: GET /admin/stats        # API key, declared none; the team expects the refusal
    auth: none
    expect: 403
  - route: GET /ledger             # AWS_IAM, declared iam, with a Bearer header of its own
    auth: iam
    headers: { Authorization: "Bearer not-a-sigv4-header" }
  - route: GET /audit              # AWS_IAM, declared token
    auth: token
  - route: POST /orders            # API key required, the api-key input is empty
    body: { sku: smoke-test }
    expect: [201]
  - GET /profile                   # Cognito; the token has expired
  - GET /statements                # AWS_IAM, auto: signed
  - route: GET /profle             # typo of /profile, with the authorizer token
    auth: token
`;

// Runs 2 and 3: credentials the gateway refuses, so the control plane cannot be read either:
// the manifest declares auth, as it must when the action cannot look it up.
const DECLARED = `${HEADER}  - route: GET /reports
    auth: iam
  - route: POST /orders
    auth: api-key
    body: { sku: smoke-test }
`;

// Run 4: an identity that may read the API but not invoke it; auth from the deployed methods.
const AUTO = `${HEADER}  - GET /reports
  - route: POST /orders
    body: { sku: smoke-test }
`;

// Run 5: no AWS credentials at all.
const NO_CREDS = `${HEADER}  - route: GET /reports
    auth: iam
  - route: GET /audit
    headers: { Authorization: "Bearer eyJraWQiOiJ4In0.e30.c2ln" }
  - GET /statements
`;

// Run 6: the region input says us-west-2; the API (and its execute-api host) is in us-east-1.
const WRONG_REGION = `${HEADER}  - route: GET /reports
    auth: iam
  - GET /public
`;

// Run 7: a route whose params value lands on a literal sibling with other protection.
const SIBLING = `${HEADER}  - route: GET /docs/{name}
    params: { name: internal }
`;

let emulator: Emulator;
const runs: Record<'main' | 'unknownKey' | 'expired' | 'noInvoke' | 'noCreds' | 'wrongRegion' | 'sibling', ActionRun> = {} as never;

/** The environment of a workflow whose credentials are `identity`'s. */
const credentialsOf = (identity: Pick<IdentityModel, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>) => ({
  AWS_ACCESS_KEY_ID: identity.accessKeyId,
  AWS_SECRET_ACCESS_KEY: identity.secretAccessKey,
  AWS_SESSION_TOKEN: identity.sessionToken,
});

before(async () => {
  emulator = await startEmulator(MODEL);
  const target = { apiId: API_ID, stage: STAGE };
  const [main, unknownKey, expired, noInvoke, noCreds, wrongRegion, sibling] = await Promise.all([
    runWithManifest(emulator, MAIN, { ...target, inputs: { 'authorizer-token': EXPIRED_JWT } }),
    runWithManifest(emulator, DECLARED, {
      ...target,
      inputs: { 'api-key': KEYS.unknown },
      env: credentialsOf({
        accessKeyId: 'AKIAUNKNOWN000000099',
        secretAccessKey: 'unknown-secret/0099',
        sessionToken: 'unknown-session-0099',
      }),
    }),
    runWithManifest(emulator, DECLARED, { ...target, inputs: { 'api-key': KEYS.disabled }, env: credentialsOf(EXPIRED) }),
    runWithManifest(emulator, AUTO, { ...target, inputs: { 'api-key': KEYS.otherStage }, env: credentialsOf(NO_INVOKE) }),
    runWithManifest(emulator, NO_CREDS, { ...target, credentials: false }),
    runWithManifest(emulator, WRONG_REGION, { ...target, inputs: { region: 'us-west-2' } }),
    runWithManifest(emulator, SIBLING, target),
  ]);
  Object.assign(runs, { main, unknownKey, expired, noInvoke, noCreds, wrongRegion, sibling });
});

after(async () => {
  await emulator?.close();
});

describe('valid credentials, an expired authorizer token, no API key', () => {
  test('outputs, verdict line and exit code', () => {
    const run = runs.main;
    // passed: /admin/stats (warning), /ledger, /statements; MAT: only the unsigned /reports
    assert.deepEqual(countOutputs(run), { result: 'failed', total: '9', passed: '3', failed: '6', 'missing-authentication-token': '1' });
    assert.equal(run.exitCode, 1);
    assert.match(run.stdout, /^::error::failed: 3 of 9 routes answered as expected, 1 answered "Missing Authentication Token"/m);
  });

  test('auth-mismatch (error): an AWS_IAM route declared `none` got MAT; the answer is the evidence', () => {
    const check = assertDiagnosed(runs.main, MAIN, 'route: GET /reports ', {
      route: 'GET /reports',
      code: 'auth-mismatch',
      severity: 'error',
      outcome: 'failed',
    });
    assert.equal(check.errorType, 'MissingAuthenticationTokenException');
    assert.deepEqual(pick(check.diagnosis?.evidence, ['declared', 'deployed', 'authorizationType', 'lessProtected']), {
      declared: 'none',
      deployed: 'iam',
      authorizationType: 'AWS_IAM',
      lessProtected: false,
    });
    assert.deepEqual(pick(answerOf(check), ['status', 'errorType']), { status: 403, errorType: 'MissingAuthenticationTokenException' });
    assert.match(check.diagnosis?.fix ?? '', new RegExp(`auth: iam.*${ROUTES_FILE}:${lineOf(MAIN, 'route: GET /reports ')}`));
  });

  test('auth-mismatch (error): a NONE route declared `iam` passed — it is less protected than declared', () => {
    const check = assertDiagnosed(runs.main, MAIN, 'route: GET /public', {
      route: 'GET /public',
      code: 'auth-mismatch',
      severity: 'error',
      outcome: 'failed',
    });
    assert.equal(check.status, 200);
    assert.deepEqual(pick(check.diagnosis?.evidence, ['declared', 'deployed', 'authorizationType', 'lessProtected']), {
      declared: 'iam',
      deployed: 'none',
      authorizationType: 'NONE',
      lessProtected: true,
    });
    assert.match(check.diagnosis?.explanation ?? '', /more public than the manifest says/);
  });

  test('auth-mismatch (warning): an API-key route declared `none` whose expected 403 came back', () => {
    const check = assertDiagnosed(runs.main, MAIN, 'route: GET /admin/stats', {
      route: 'GET /admin/stats',
      code: 'auth-mismatch',
      severity: 'warning',
      outcome: 'warning',
    });
    assert.equal(check.status, 403);
    assert.deepEqual(pick(check.diagnosis?.evidence, ['declared', 'deployed', 'apiKeyRequired', 'lessProtected']), {
      declared: 'none',
      deployed: 'api-key',
      apiKeyRequired: true,
      lessProtected: false,
    });
  });

  test('authorization-header-not-sigv4 is not what `auth: iam` + a Bearer header gets: the action signs, replacing the header', () => {
    const check = checkAt(runs.main, MAIN, 'route: GET /ledger');
    assert.deepEqual(
      { status: check.status, outcome: check.outcome, diagnosis: check.diagnosis, auth: check.auth },
      {
        status: 200,
        outcome: 'passed',
        diagnosis: null,
        auth: 'iam',
      },
    );
    const line = lineOf(MAIN, 'route: GET /ledger');
    assert.equal(annotationsOf(runs.main.stdout).filter((a) => a.line === line).length, 0, 'a passing route is not annotated');
  });

  test('an authorizer token sent to an AWS_IAM route (`auth: token`): auth-mismatch, IncompleteSignature as evidence, the token never quoted', () => {
    const check = assertDiagnosed(runs.main, MAIN, 'route: GET /audit', {
      route: 'GET /audit',
      code: 'auth-mismatch',
      severity: 'error',
      outcome: 'failed',
    });
    assert.equal(check.errorType, 'IncompleteSignatureException');
    assert.deepEqual(pick(check.diagnosis?.evidence, ['declared', 'deployed', 'lessProtected']), {
      declared: 'token',
      deployed: 'iam',
      lessProtected: false,
    });
    // The gateway echoes the header after "Authorization=": that part must not survive.
    const payload = EXPIRED_JWT.split('.')[1];
    assert.ok(payload);
    assert.ok(!JSON.stringify(check).includes(payload), 'no part of the token in the check');
  });

  test('api-key-missing: the method requires a key and the api-key input is empty', () => {
    const check = assertDiagnosed(runs.main, MAIN, 'route: POST /orders', {
      route: 'POST /orders',
      code: 'api-key-missing',
      severity: 'error',
      outcome: 'failed',
    });
    assert.deepEqual(pick(check.diagnosis?.evidence, ['method', 'apiKeyRequired', 'auth', 'authFrom', 'sentApiKey']), {
      method: 'POST /orders',
      apiKeyRequired: true,
      auth: 'api-key',
      authFrom: 'deployed',
      sentApiKey: false,
    });
    assert.deepEqual(pick(answerOf(check), ['status', 'errorType']), { status: 403, errorType: 'ForbiddenException' });
    assert.match(check.diagnosis?.fix ?? '', /api-key: \$\{\{ secrets\./);
  });

  test('authorizer-unauthorized: an expired JWT — the evidence shows exp, never the token or personal claims', () => {
    const check = assertDiagnosed(runs.main, MAIN, '- GET /profile', {
      route: 'GET /profile',
      code: 'authorizer-unauthorized',
      severity: 'error',
      outcome: 'failed',
    });
    const evidence = check.diagnosis?.evidence ?? {};
    assert.deepEqual(pick(evidence, ['authorizationType', 'tokenSent', 'tokenHeader']), {
      authorizationType: 'COGNITO_USER_POOLS',
      tokenSent: true,
      tokenHeader: 'Authorization',
    });
    assert.deepEqual(evidence.authorizer, { id: 'cog001', name: 'users', type: 'COGNITO_USER_POOLS' });
    const claims = evidence.claims as Record<string, unknown>;
    assert.equal(claims.exp, nowSeconds - 2 * 3600);
    assert.equal(claims.expired, true);
    assert.equal(claims.expiresAt, new Date((nowSeconds - 2 * 3600) * 1000).toISOString());
    assert.match(check.diagnosis?.explanation ?? '', /expired at .* \(exp\)/);
    // Everything the run published, but the `::add-mask::` line that registers the token.
    const stdout = runs.main.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    const everything = [...stdout, runs.main.stderr, runs.main.summary, JSON.stringify(runs.main.report)].join('\n');
    for (const part of EXPIRED_JWT.split('.')) assert.ok(!everything.includes(part), `token segment ${part.slice(0, 12)}… never shown`);
    assert.ok(!everything.includes('dev@example.com') && !everything.includes('c0ffee00-user-e2e'), 'no personal claim (email, sub) shown');
  });

  test('an authorizer token sent to a misspelt path: IncompleteSignature, yet a routing code (routing beats auth)', () => {
    const check = assertDiagnosed(runs.main, MAIN, 'route: GET /profle', {
      route: 'GET /profle',
      code: 'resource-not-found',
      severity: 'error',
      outcome: 'failed',
    });
    assert.equal(check.errorType, 'IncompleteSignatureException');
    assert.match(JSON.stringify(check.diagnosis?.evidence), /"\/profile"/, 'the nearest deployed path is suggested');
  });

  test('resource-not-found after IncompleteSignature names the answer the gateway really gave', () => {
    const check = checkAt(runs.main, MAIN, 'route: GET /profle');
    assert.doesNotMatch(check.diagnosis?.explanation ?? '', /answered MissingAuthenticationTokenException/);
    assert.match(check.diagnosis?.explanation ?? '', /IncompleteSignature/);
  });

  test('a signed auto route passes: the credentials themselves are good', () => {
    const check = checkAt(runs.main, MAIN, '- GET /statements');
    assert.deepEqual({ status: check.status, outcome: check.outcome, auth: check.auth }, { status: 200, outcome: 'passed', auth: 'iam' });
  });
});

describe('credentials the gateway refuses (the control plane cannot be read: auth is declared)', () => {
  test('credentials-invalid (unrecognized) and api-key-rejected (a key nobody knows)', () => {
    const run = runs.unknownKey;
    assert.deepEqual(countOutputs(run), { result: 'failed', total: '2', passed: '0', failed: '2', 'missing-authentication-token': '0' });
    assert.equal(run.exitCode, 1);
    const iam = assertDiagnosed(run, DECLARED, 'route: GET /reports', {
      route: 'GET /reports',
      code: 'credentials-invalid',
      severity: 'error',
      outcome: 'failed',
    });
    assert.deepEqual(pick(iam.diagnosis?.evidence, ['kind', 'errorType', 'signed']), {
      kind: 'unrecognized',
      errorType: 'UnrecognizedClientException',
      signed: true,
    });
    const key = assertDiagnosed(run, DECLARED, 'route: POST /orders', {
      route: 'POST /orders',
      code: 'api-key-rejected',
      severity: 'error',
      outcome: 'failed',
    });
    assert.deepEqual(pick(key.diagnosis?.evidence, ['sentApiKey', 'apiStage']), { sentApiKey: true, apiStage: `${API_ID}:${STAGE}` });
    // The same refusal on the control plane is one warning finding, not a crash.
    const denied = findingsOf(run).find((f) => f.code === 'control-plane-denied');
    assert.equal(denied?.severity, 'warning');
    assert.match(denied?.message ?? '', /UnrecognizedClientException/);
  });

  test('credentials-invalid (expired session) and api-key-rejected (a disabled key)', () => {
    const run = runs.expired;
    assert.deepEqual(countOutputs(run), { result: 'failed', total: '2', passed: '0', failed: '2', 'missing-authentication-token': '0' });
    assert.equal(run.exitCode, 1);
    const iam = assertDiagnosed(run, DECLARED, 'route: GET /reports', {
      route: 'GET /reports',
      code: 'credentials-invalid',
      severity: 'error',
      outcome: 'failed',
    });
    assert.deepEqual(pick(iam.diagnosis?.evidence, ['kind', 'errorType']), { kind: 'expired', errorType: 'ExpiredTokenException' });
    assert.equal(iam.diagnosis?.title, 'AWS session credentials expired');
    assertDiagnosed(run, DECLARED, 'route: POST /orders', {
      route: 'POST /orders',
      code: 'api-key-rejected',
      severity: 'error',
      outcome: 'failed',
    });
  });
});

describe('an identity without execute-api:Invoke, a key of another stage', () => {
  test('iam-access-denied names the caller and the ARN to allow; api-key-rejected names the method', () => {
    const run = runs.noInvoke;
    assert.deepEqual(countOutputs(run), { result: 'failed', total: '2', passed: '0', failed: '2', 'missing-authentication-token': '0' });
    assert.equal(run.exitCode, 1);
    const iam = assertDiagnosed(run, AUTO, '- GET /reports', {
      route: 'GET /reports',
      code: 'iam-access-denied',
      severity: 'error',
      outcome: 'failed',
    });
    const evidence = iam.diagnosis?.evidence ?? {};
    assert.equal(evidence.caller, NO_INVOKE.arn);
    assert.equal(evidence.signed, true);
    assert.equal(evidence.explicitDeny, false);
    assert.match(String(evidence.resource), new RegExp(`^arn:aws:execute-api:us-east-1:\\d{12}:${API_ID}/${STAGE}/GET/reports$`));
    assert.match(iam.diagnosis?.fix ?? '', /"Action": "execute-api:Invoke"/);
    const key = assertDiagnosed(run, AUTO, 'route: POST /orders', {
      route: 'POST /orders',
      code: 'api-key-rejected',
      severity: 'error',
      outcome: 'failed',
    });
    assert.deepEqual(pick(key.diagnosis?.evidence, ['method', 'apiKeyRequired', 'sentApiKey']), {
      method: 'POST /orders',
      apiKeyRequired: true,
      sentApiKey: true,
    });
  });
});

describe('no AWS credentials at all', () => {
  test('credentials-missing: the check declared `auth: iam`, and one stage-level finding', () => {
    const run = runs.noCreds;
    assert.deepEqual(countOutputs(run), { result: 'failed', total: '3', passed: '0', failed: '3', 'missing-authentication-token': '2' });
    assert.equal(run.exitCode, 1);
    const check = assertDiagnosed(run, NO_CREDS, 'route: GET /reports', {
      route: 'GET /reports',
      code: 'credentials-missing',
      severity: 'error',
      outcome: 'failed',
    });
    assert.deepEqual(pick(check.diagnosis?.evidence, ['auth', 'authFrom', 'hasCredentials', 'signed']), {
      auth: 'iam',
      authFrom: 'manifest',
      hasCredentials: false,
      signed: false,
    });
    const finding = findingsOf(run).find((f) => f.code === 'credentials-missing');
    assert.ok(finding, 'a credentials-missing finding');
    assert.equal(finding.severity, 'error');
    assert.deepEqual(finding.evidence, { routes: ['GET /reports'], count: 1 });
    const annotation = annotationsOf(run.stdout).find((a) => a.title === 'credentials-missing');
    assert.deepEqual(
      { level: annotation?.level, file: annotation?.file, line: annotation?.line },
      {
        level: 'error',
        file: ROUTES_FILE,
        line: lineOf(NO_CREDS, 'route: GET /reports'),
      },
    );
  });

  test('authorization-header-not-sigv4: a Bearer header on an AWS_IAM route the action could not look up', () => {
    const check = assertDiagnosed(runs.noCreds, NO_CREDS, 'route: GET /audit', {
      route: 'GET /audit',
      code: 'authorization-header-not-sigv4',
      severity: 'error',
      outcome: 'failed',
    });
    assert.deepEqual(pick(check.diagnosis?.evidence, ['header', 'source', 'scheme', 'signed']), {
      header: 'Authorization',
      source: 'manifest headers',
      scheme: 'Bearer',
      signed: false,
    });
    assert.equal(check.errorType, 'IncompleteSignatureException');
    assert.ok(!JSON.stringify(runs.noCreds.report).includes('eyJraWQiOiJ4In0'), 'the header value is never quoted');
  });

  test('iam-signature-required, nearest real behaviour: an unsigned AWS_IAM route the action could not look up is an honest "cannot tell"', () => {
    const check = assertDiagnosed(runs.noCreds, NO_CREDS, '- GET /statements', {
      route: 'GET /statements',
      code: 'unexpected-status',
      severity: 'error',
      outcome: 'failed',
    });
    assert.equal(check.errorType, 'MissingAuthenticationTokenException');
    assert.equal(check.auth, 'none');
    assert.match(
      check.diagnosis?.explanation ?? '',
      /AWS_IAM and the request was unsigned; without reading the stage the two cannot be told apart/,
    );
    assert.match(check.diagnosis?.fix ?? '', /apigateway:GET/);
  });
});

describe('the region input differs from the API region', () => {
  test('base-url-mismatch: base-url names us-east-1, the region input us-west-2; the fix sets the region first', () => {
    const run = runs.wrongRegion;
    assert.deepEqual(countOutputs(run), { result: 'failed', total: '2', passed: '1', failed: '1', 'missing-authentication-token': '0' });
    assert.equal(run.exitCode, 1);
    // base-url and the inputs disagree on the region: that explains the refused signature (scoped to us-west-2)
    const check = assertDiagnosed(run, WRONG_REGION, 'route: GET /reports', {
      route: 'GET /reports',
      code: 'base-url-mismatch',
      severity: 'error',
      outcome: 'failed',
    });
    assert.equal(check.errorType, 'InvalidSignatureException');
    assert.deepEqual(pick(check.diagnosis?.evidence, ['urlRegion', 'region']), { urlRegion: 'us-east-1', region: 'us-west-2' });
    assert.match(
      check.diagnosis?.fix ?? '',
      /could not read .* in us-west-2: if .* in us-east-1 is the API to verify, set `region: us-east-1`/,
    );
    assert.equal(checkAt(run, WRONG_REGION, '- GET /public').outcome, 'passed');
  });

  test('the control plane refuses a request signed for another region (as the real service does)', () => {
    assert.equal(runs.wrongRegion.outputs['stage-deployment-id'], '');
    assert.equal((runs.wrongRegion.report?.api as Record<string, unknown>).stageDeploymentId, null);
  });
});

describe('auto auth on a route served by a literal sibling', () => {
  test('auto auth follows the method the gateway routes the request to (GET /docs/internal, AWS_IAM): signed, passes', () => {
    const check = checkAt(runs.sibling, SIBLING, 'route: GET /docs/{name}');
    assert.deepEqual({ auth: check.auth, status: check.status, outcome: check.outcome }, { auth: 'iam', status: 200, outcome: 'passed' });
  });
});

function pick(object: Record<string, unknown> | undefined, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, object?.[k]]));
}

function answerOf(check: { diagnosis: { evidence: Record<string, unknown> } | null }): Record<string, unknown> {
  return (check.diagnosis?.evidence.answer ?? {}) as Record<string, unknown>;
}
