// End-to-end: no secret the action is given — API key, authorizer token, AWS secret key, session
// token, GitHub token — nor its URL-encoded or base64 forms, nor a SigV4 signature, reaches
// anything it publishes: the log (annotations included), the job summary, the outputs file or
// the JSON report. The gateway is set up to hand the secrets back wherever a real one can:
// customised gateway responses that map request headers into their body and headers, an
// InvalidSignature message quoting the canonical request (session token included), an
// IncompleteSignature message quoting the Authorization header, a debug backend echoing them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { type Emulator, startEmulator } from '../../emulator/index.ts';
import type { EmulatorModel, IdentityModel, ResourcesModel, RestApiModel } from '../../emulator/model.ts';
import type { ActionRun } from '../../emulator/run-action.ts';
import { annotationsOf, assertDiagnosed, checkAt, makeJwt, runWithManifest } from './support-auth.ts';
import { manifestFor as manifestForStage } from './support-routing.ts';

const STAGE = 'prod';
const ECHOING_API = 'secrets001';
const PLAIN_API = 'secrets002';

// Every value has characters that percent-encoding and base64 change, so each form differs.
const IDENTITY: IdentityModel = {
  accessKeyId: 'AKIASECRETSE2E000001',
  secretAccessKey: 'right/Secret+Key=E2E0123456789abcdefghij',
  sessionToken: 'IQoJb3JpZ2luX2VjE+/e2e/session==token0001',
  arn: 'arn:aws:sts::123456789012:assumed-role/deploy/ci',
};
/** A secret key that does not belong to the access key: every signature is refused. */
const WRONG_SECRET = 'wrong/Secret+Key=E2E9876543210zyxwvutsr';
const API_KEY = 'e2e+Api/Key=0123456789abcdef~x';
const GITHUB_TOKEN = 'ghs_e2eSecretGithubToken0123456789AB';
const TOKEN = makeJwt(
  {
    iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_E2Epool',
    aud: 'e2eclient0001',
    token_use: 'id',
    exp: Math.floor(Date.now() / 1000) + 3600,
  },
  'U2VjcmV0U2lnbmF0dXJlT2ZUaGVKV1QtZTJlLTAwMDE',
);

const SECRETS: Record<string, string> = {
  'api-key': API_KEY,
  'authorizer-token': TOKEN,
  'github-token': GITHUB_TOKEN,
  'the right AWS secret key': IDENTITY.secretAccessKey,
  'the wrong AWS secret key': WRONG_SECRET,
  'AWS session token': IDENTITY.sessionToken as string,
};

/** A secret as it may come back: raw, percent-encoded (upper- and lower-case hex), base64 (three ways), JSON-escaped. */
function formsOf(secret: string): string[] {
  const encoded = encodeURIComponent(secret);
  const b64 = Buffer.from(secret).toString('base64');
  const forms = [
    secret,
    encoded,
    encoded.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
    b64,
    b64.replace(/=+$/, ''),
    Buffer.from(secret).toString('base64url'),
    JSON.stringify(secret).slice(1, -1),
  ];
  // A JWT's parts are secret on their own (its signature, its payload).
  if (secret === TOKEN) forms.push(...TOKEN.split('.'));
  return [...new Set(forms)];
}

const AUTHORIZERS: RestApiModel['authorizers'] = [
  { id: 'cog001', name: 'users', type: 'COGNITO_USER_POOLS', validTokens: [TOKEN] },
  { id: 'lam001', name: 'partners', type: 'TOKEN', validTokens: ['a-partner-token'] },
];

const ECHOING_RESOURCES: ResourcesModel = {
  '/profile': { GET: { authorizationType: 'COGNITO_USER_POOLS', authorizer: 'users' } },
  '/partners': { GET: { authorizationType: 'CUSTOM', authorizer: 'partners' } },
  '/orders': { POST: { apiKeyRequired: true } },
  '/reports': { GET: { authorizationType: 'AWS_IAM' } },
  // A debug backend that answers 500 with what it received.
  '/debug/echo': {
    GET: {
      integration: {
        status: 500,
        headers: { 'x-echo-api-key': API_KEY, 'x-echo-session-token': IDENTITY.sessionToken as string },
        body: JSON.stringify({
          message: `debug echo: x-api-key=${API_KEY}; authorization=Bearer ${TOKEN}; x-amz-security-token=${IDENTITY.sessionToken}`,
          encoded: { apiKey: encodeURIComponent(API_KEY), sessionToken: encodeURIComponent(IDENTITY.sessionToken as string) },
          basic: Buffer.from(`smoke:${API_KEY}`).toString('base64'),
          b64: Buffer.from(API_KEY).toString('base64'),
        }),
      },
    },
  },
};

/** What the real service says for a signature mismatch: it quotes the canonical request, session token included. */
const CANONICAL_ECHO =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. ' +
  `The Canonical String for this request should have been\n'GET\n/${STAGE}/reports\n\nhost:${ECHOING_API}.execute-api.us-east-1.amazonaws.com\n` +
  `x-amz-date:20260301T120000Z\nx-amz-security-token:${IDENTITY.sessionToken}\n\nhost;x-amz-date;x-amz-security-token\n` +
  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'\n";

const ECHOING_API_MODEL: RestApiModel = {
  id: ECHOING_API,
  name: 'secrets-echoing',
  endpointType: 'REGIONAL',
  resources: ECHOING_RESOURCES,
  authorizers: AUTHORIZERS,
  deployments: [{ id: 'dsec001', createdDate: '2026-03-01T12:00:00.000Z', resources: ECHOING_RESOURCES }],
  stages: [{ name: STAGE, deploymentId: 'dsec001' }],
  // Gateway responses may map request headers into the answer (method.request.header.*).
  gatewayResponses: {
    UNAUTHORIZED: {
      body: JSON.stringify({ message: 'Unauthorized', received: `Bearer ${TOKEN}` }),
      headers: { 'x-received-authorization': TOKEN },
    },
    INVALID_API_KEY: {
      body: JSON.stringify({ message: 'Forbidden', key: API_KEY, keyEncoded: encodeURIComponent(API_KEY) }),
      headers: { 'x-received-api-key': API_KEY },
    },
    INVALID_SIGNATURE: { body: JSON.stringify({ message: CANONICAL_ECHO }) },
  },
};

const PLAIN_RESOURCES: ResourcesModel = {
  '/reports': { GET: { authorizationType: 'AWS_IAM' } },
  '/audit': { GET: { authorizationType: 'AWS_IAM' } },
  '/vault': { GET: { authorizationType: 'AWS_IAM', apiKeyRequired: true } },
  '/profile': { GET: { authorizationType: 'COGNITO_USER_POOLS', authorizer: 'users' } },
};

const MODEL: EmulatorModel = {
  region: 'us-east-1',
  apis: [
    ECHOING_API_MODEL,
    {
      id: PLAIN_API,
      name: 'secrets-plain',
      endpointType: 'REGIONAL',
      resources: PLAIN_RESOURCES,
      authorizers: AUTHORIZERS,
      deployments: [{ id: 'dsec002', createdDate: '2026-03-01T12:00:00.000Z', resources: PLAIN_RESOURCES }],
      stages: [{ name: STAGE, deploymentId: 'dsec002' }],
    },
  ],
  apiKeys: [
    { id: 'k-smoke', value: API_KEY },
  ],
  // The key is in a plan for the plain API only: the echoing API refuses it.
  usagePlans: [{ id: 'plan-plain', apiStages: [{ apiId: PLAIN_API, stage: STAGE }], keys: ['k-smoke'] }],
  identities: [IDENTITY],
};

const manifestFor = (apiId: string, routes: string) => manifestForStage(apiId, STAGE, routes);

// Every auth kind, each failing in a way that makes the gateway hand a secret back.
const ECHOING = manifestFor(
  ECHOING_API,
  `  - GET /profile                   # token accepted
  - GET /partners                  # token refused: 401, echoed by the gateway response
  - route: POST /orders            # key refused: 403, echoed by the gateway response
    body: { sku: smoke-test }
  - GET /reports                   # signed with the wrong secret: the canonical request is quoted
  - GET /debug/echo                # the backend echoes what it got
`,
);

// Default gateway responses, right credentials: signed requests pass; the token sent to an
// AWS_IAM route is quoted by IncompleteSignature ("… Authorization=<the header>").
const PLAIN = manifestFor(
  PLAIN_API,
  `  - GET /reports                   # signed
  - GET /vault                     # signed, with the key
  - GET /profile                   # token accepted
  - route: GET /audit              # the token sent to an AWS_IAM route
    auth: token
`,
);

let emulator: Emulator;
const runs: Record<'echoing' | 'plain', ActionRun> = {} as never;

const INPUTS = { 'api-key': API_KEY, 'authorizer-token': TOKEN, 'github-token': GITHUB_TOKEN, retries: '0' };
const awsEnv = (secretAccessKey: string) => ({
  AWS_ACCESS_KEY_ID: IDENTITY.accessKeyId,
  AWS_SECRET_ACCESS_KEY: secretAccessKey,
  AWS_SESSION_TOKEN: IDENTITY.sessionToken,
});

before(async () => {
  emulator = await startEmulator(MODEL);
  const [echoing, plain] = await Promise.all([
    runWithManifest(emulator, ECHOING, { apiId: ECHOING_API, stage: STAGE, inputs: INPUTS, env: awsEnv(WRONG_SECRET) }),
    runWithManifest(emulator, PLAIN, { apiId: PLAIN_API, stage: STAGE, inputs: INPUTS, env: awsEnv(IDENTITY.secretAccessKey) }),
  ]);
  Object.assign(runs, { echoing, plain });
});

after(async () => {
  await emulator?.close();
});

/** Everything a run publishes, by where it goes; stdout without the lines that register the masks. */
async function published(run: ActionRun): Promise<Record<string, string>> {
  const annotations = annotationsOf(run.stdout)
    .map((a) => `${a.title ?? ''}\n${a.file ?? ''}\n${a.message}`)
    .join('\n');
  return {
    stdout: run.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n'),
    // Annotations unescaped: "%2B" of a percent-encoded secret is "%252B" in the raw command.
    annotations,
    stderr: run.stderr,
    summary: run.summary,
    'outputs file': run.outputFileText,
    'report file': run.reportText ?? '',
  };
}

async function assertNoSecret(run: ActionRun): Promise<void> {
  const places = await published(run);
  assert.ok(places['report file'].length > 0 && places.summary.length > 0, 'a report and a summary were written');
  for (const [where, text] of Object.entries(places)) {
    for (const [name, secret] of Object.entries(SECRETS)) {
      for (const form of formsOf(secret)) assert.ok(!text.includes(form), `${where} contains ${name} (as ${JSON.stringify(form)})`);
    }
    assert.doesNotMatch(text, /Signature=[0-9a-f]{64}/, `${where} contains a SigV4 signature`);
    assert.doesNotMatch(text, /X-Amz-Signature/i, `${where} contains a presigned signature`);
  }
}

/** The masks come first: every secret input and AWS secret is registered before any other line is written. */
function assertMaskedFirst(run: ActionRun, expected: string[]): void {
  const lines = run.stdout.split('\n');
  const firstOther = lines.findIndex((l) => !l.startsWith('::add-mask::'));
  const masks = lines.slice(0, firstOther).map((l) => l.slice('::add-mask::'.length));
  assert.deepEqual([...masks].sort(), [...expected].sort());
  for (const secret of expected) {
    const mentions = lines.flatMap((l, i) => (l.includes(secret) ? [i] : []));
    assert.deepEqual(mentions, [masks.indexOf(secret)], 'the only line with the secret is its add-mask line');
  }
}

describe('a gateway and a backend that hand the secrets back (wrong AWS secret key)', () => {
  test('the secrets really travelled: token accepted where valid, refusals diagnosed', () => {
    const run = runs.echoing;
    assert.equal(checkAt(run, ECHOING, '- GET /profile').outcome, 'passed');
    const unauthorized = assertDiagnosed(run, ECHOING, '- GET /partners', {
      route: 'GET /partners',
      code: 'authorizer-unauthorized',
      severity: 'error',
      outcome: 'failed',
    });
    assert.equal(unauthorized.diagnosis?.evidence.tokenSent, true);
    const rejected = assertDiagnosed(run, ECHOING, 'route: POST /orders', {
      route: 'POST /orders',
      code: 'api-key-rejected',
      severity: 'error',
      outcome: 'failed',
    });
    assert.equal(rejected.diagnosis?.evidence.sentApiKey, true);
    const signature = assertDiagnosed(run, ECHOING, '- GET /reports', { route: 'GET /reports', code: 'signature-invalid', severity: 'error', outcome: 'failed' });
    assert.deepEqual({ cause: signature.diagnosis?.evidence.cause, signed: signature.diagnosis?.evidence.signed }, { cause: 'mismatch', signed: true });
    const echo = assertDiagnosed(run, ECHOING, '- GET /debug/echo', {
      route: 'GET /debug/echo',
      code: 'unexpected-status',
      severity: 'error',
      outcome: 'failed',
    });
    // The echo came back and was quoted, with the secrets cut out of it.
    assert.match(String(echo.diagnosis?.evidence.message), /^debug echo: x-api-key=\*\*\*; /);
    assert.equal(run.exitCode, 1);
  });

  test('no secret, encoded secret or signature in stdout, annotations, stderr, summary, outputs or report', async () => {
    await assertNoSecret(runs.echoing);
  });

  test('the access key id (not a secret, but a credential) is not published either', async () => {
    for (const [where, text] of Object.entries(await published(runs.echoing))) assert.ok(!text.includes(IDENTITY.accessKeyId), where);
  });

  test('every secret is masked with ::add-mask:: before any other line', () => {
    assertMaskedFirst(runs.echoing, [API_KEY, TOKEN, GITHUB_TOKEN, WRONG_SECRET, IDENTITY.sessionToken as string]);
  });
});

describe('default gateway responses, right credentials', () => {
  test('the secrets really travelled: signed, keyed and token routes pass; the token sent to AWS_IAM is refused', () => {
    const run = runs.plain;
    for (const needle of ['- GET /reports', '- GET /vault', '- GET /profile']) assert.equal(checkAt(run, PLAIN, needle).outcome, 'passed', needle);
    const mismatch = assertDiagnosed(run, PLAIN, 'route: GET /audit', { route: 'GET /audit', code: 'auth-mismatch', severity: 'error', outcome: 'failed' });
    assert.equal(mismatch.errorType, 'IncompleteSignatureException');
  });

  test('no secret, encoded secret or signature in stdout, annotations, stderr, summary, outputs or report', async () => {
    await assertNoSecret(runs.plain);
  });

  test('every secret is masked with ::add-mask:: before any other line', () => {
    assertMaskedFirst(runs.plain, [API_KEY, TOKEN, GITHUB_TOKEN, IDENTITY.secretAccessKey, IDENTITY.sessionToken as string]);
  });
});
