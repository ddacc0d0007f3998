// End-to-end: no secret the action is given — API key, authorizer token, AWS secret key, session
// token, GitHub token — nor its URL-encoded or base64 forms, nor a SigV4 signature, reaches
// anything it publishes: the log (annotations included), the job summary, the outputs file or
// the JSON report. The gateway is set up to hand the secrets back wherever a real one can:
// customised gateway responses that map request headers into their body and headers, an
// InvalidSignature message quoting the canonical request (session token included), an
// IncompleteSignature message quoting the Authorization header, a debug backend echoing them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Emulator, startEmulator } from '../../emulator/index.ts';
import { leakFormsOf } from '../../emulator/secret-scan.ts';
import type { EmulatorModel, IdentityModel, ResourcesModel, RestApiModel } from '../../emulator/model.ts';
import { type ActionRun, runAction } from '../../emulator/run-action.ts';
import { annotationsOf, assertDiagnosed, checkAt, lineOf, makeJwt, ROUTES_FILE, runWithManifest } from './support-auth.ts';
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

/** A secret as it may come back (the forms every e2e run is scanned for), and a JWT's parts, each secret on its own. */
function formsOf(secret: string): string[] {
  return secret === TOKEN ? [...new Set([...leakFormsOf(secret), ...TOKEN.split('.')])] : leakFormsOf(secret);
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
  apiKeys: [{ id: 'k-smoke', value: API_KEY }],
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
async function published(
  run: ActionRun,
): Promise<Record<'stdout' | 'annotations' | 'stderr' | 'summary' | 'outputs file' | 'report file', string>> {
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
    const signature = assertDiagnosed(run, ECHOING, '- GET /reports', {
      route: 'GET /reports',
      code: 'signature-invalid',
      severity: 'error',
      outcome: 'failed',
    });
    assert.deepEqual(
      { cause: signature.diagnosis?.evidence.cause, signed: signature.diagnosis?.evidence.signed },
      { cause: 'mismatch', signed: true },
    );
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
    for (const needle of ['- GET /reports', '- GET /vault', '- GET /profile'])
      assert.equal(checkAt(run, PLAIN, needle).outcome, 'passed', needle);
    const mismatch = assertDiagnosed(run, PLAIN, 'route: GET /audit', {
      route: 'GET /audit',
      code: 'auth-mismatch',
      severity: 'error',
      outcome: 'failed',
    });
    assert.equal(mismatch.errorType, 'IncompleteSignatureException');
  });

  test('no secret, encoded secret or signature in stdout, annotations, stderr, summary, outputs or report', async () => {
    await assertNoSecret(runs.plain);
  });

  test('every secret is masked with ::add-mask:: before any other line', () => {
    assertMaskedFirst(runs.plain, [API_KEY, TOKEN, GITHUB_TOKEN, IDENTITY.secretAccessKey, IDENTITY.sessionToken as string]);
  });
});

// ─── Where credentials may go ────────────────────────────────────────────────
// A pull request edits the manifest. Its `api.base-url` must not be able to send the workflow's
// API key, authorizer token or SigV4 signature to a host of its choosing — nor fake the verdict.

const HOSTS_API = 'hosts00001';
const HOSTS_RESOURCES: ResourcesModel = {
  '/orders': { GET: { apiKeyRequired: true } },
  '/reports': { GET: { authorizationType: 'AWS_IAM' } },
};
const HOSTS_MODEL: EmulatorModel = {
  region: 'us-east-1',
  apis: [
    {
      id: HOSTS_API,
      name: 'hosts',
      endpointType: 'REGIONAL',
      resources: HOSTS_RESOURCES,
      deployments: [{ id: 'dhost01', createdDate: '2026-03-01T12:00:00.000Z', resources: HOSTS_RESOURCES }],
      stages: [{ name: STAGE, deploymentId: 'dhost01' }],
    },
    {
      id: 'other00001',
      name: 'someone else',
      endpointType: 'REGIONAL',
      resources: HOSTS_RESOURCES,
      deployments: [{ id: 'dhost02', createdDate: '2026-03-01T12:00:00.000Z', resources: HOSTS_RESOURCES }],
      stages: [{ name: STAGE, deploymentId: 'dhost02' }],
    },
  ],
  apiKeys: [{ id: 'k-hosts', value: API_KEY }],
  usagePlans: [{ id: 'plan-hosts', apiStages: [{ apiId: HOSTS_API, stage: STAGE }], keys: ['k-hosts'] }],
  domainNames: [
    { domainName: 'api.shop.example', mappings: [{ basePath: '(none)', restApiId: HOSTS_API, stage: STAGE }] },
    { domainName: 'other.shop.example', mappings: [{ basePath: '(none)', restApiId: 'other00001', stage: STAGE }] },
  ],
  identities: [IDENTITY],
};

/** A loopback server that records every request and answers 200 "ok" — what an attacker would run. */
async function recordingServer(): Promise<{ url: string; received: http.IncomingHttpHeaders[]; close: () => Promise<void> }> {
  const received: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    received.push(req.headers);
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/${STAGE}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const hostsManifest = (baseUrl: string) => `version: 1
api:
  base-url: ${baseUrl}
routes:
  - GET /orders
  - GET /reports
`;

/** The workflow gives the API, stage and secrets as inputs; only the manifest names the base URL. */
const runHosts = (emulator: Emulator, manifest: string, inputs: Record<string, string> = {}) =>
  runAction({
    emulator,
    inputs: {
      'rest-api-id': HOSTS_API,
      stage: STAGE,
      region: 'us-east-1',
      'api-key': API_KEY,
      'authorizer-token': TOKEN,
      retries: '0',
      timeout: '3',
      ...inputs,
    },
    files: { [ROUTES_FILE]: manifest },
    env: awsEnv(IDENTITY.secretAccessKey),
  });

describe("a manifest base-url cannot send the workflow's credentials elsewhere", () => {
  let hostsEmulator: Emulator;
  let attacker: Awaited<ReturnType<typeof recordingServer>>;
  before(async () => {
    [hostsEmulator, attacker] = await Promise.all([startEmulator(HOSTS_MODEL), recordingServer()]);
  });
  after(async () => {
    await Promise.all([hostsEmulator?.close(), attacker?.close()]);
  });

  test("an attacker's base-url is refused before any request: nothing reaches it, the step fails at the manifest line", async () => {
    const manifest = hostsManifest(attacker.url);
    const run = await runHosts(hostsEmulator, manifest);
    assert.deepEqual(attacker.received, [], "the attacker's server received no request at all");
    assert.equal(run.exitCode, 1);
    assert.equal(run.outputs.result, 'failed');
    assert.equal(run.outputs.passed, '0');
    const refusal = annotationsOf(run.stdout).find((a) => a.title === 'apigw-route-verify: invalid input');
    assert.ok(refusal, run.stdout);
    assert.deepEqual({ file: refusal.file, line: refusal.line }, { file: ROUTES_FILE, line: lineOf(manifest, 'base-url:') });
    assert.match(refusal.message, /127\.0\.0\.1.*no custom domain of that name.*`base-url` as an action input.*`trusted-hosts`/s);
    assert.deepEqual(hostsEmulator.state.dataCalls, {}, 'no smoke request anywhere');
    assert.equal(
      hostsEmulator.state.controlCalls.GetBasePathMappings,
      1,
      'the control plane was asked whether it is a custom domain of the API',
    );
  });

  test('the same base-url listed in trusted-hosts does receive the requests (the refusal above is the policy, not a broken URL)', async () => {
    const before = attacker.received.length;
    // negative probes off: this recording server answers 200 to anything, and counts only smoke requests here
    const run = await runHosts(hostsEmulator, hostsManifest(attacker.url), { 'trusted-hosts': '127.0.0.1', 'negative-probes': 'false' });
    const got = attacker.received.slice(before);
    assert.equal(got.length, 2);
    assert.ok(
      got.some((h) => h['x-api-key'] === API_KEY),
      'the key went to the host the workflow trusted',
    );
    assert.ok(
      got.some((h) => String(h.authorization).startsWith('AWS4-HMAC-SHA256 ')),
      'and the signature',
    );
    assert.equal(run.outputs.result, 'passed');
  });

  test('a custom domain whose base-path mapping leads to this API is allowed (read from the control plane)', async () => {
    const run = await runHosts(hostsEmulator, hostsManifest('http://api.shop.example'), { 'connect-to': hostsEmulator.connectTo });
    assert.equal(run.outputs.result, 'passed', run.stdout);
    assert.equal(run.outputs.passed, '2');
    assert.match(run.stdout, /api\.shop\.example is a custom domain mapped to hosts00001/);
  });

  test('a custom domain mapped to another API is refused', async () => {
    const run = await runHosts(hostsEmulator, hostsManifest('http://other.shop.example'), { 'connect-to': hostsEmulator.connectTo });
    assert.equal(run.exitCode, 1);
    assert.equal(run.outputs.total, '0');
    assert.match(
      annotationsOf(run.stdout)
        .map((a) => a.message)
        .join('\n'),
      /other\.shop\.example.*lead to other APIs/,
    );
  });

  test('a base-url with a line break cannot forge workflow commands, in the manifest or in an input', async () => {
    const manifest = hostsManifest('"https://x.example/prod\\n::warning title=forged::pwned\\n::stop-commands::token1"');
    const fromManifest = await runHosts(hostsEmulator, manifest);
    const fromInput = await runHosts(hostsEmulator, hostsManifest('https://x.example'), {
      'base-url': 'https://x.example/\n::warning::forged',
      stage: 'prod\n::warning::forged',
    });
    for (const run of [fromManifest, fromInput]) {
      assert.equal(run.exitCode, 1);
      for (const line of run.stdout.split('\n')) assert.doesNotMatch(line, /^::(warning|stop-commands)/, line);
      assert.ok(!annotationsOf(run.stdout).some((a) => a.title === 'forged'));
    }
  });
});

// ─── Credentials from a shared credentials file, and a backend that echoes base64 ────────

const FILE_IDENTITY: IdentityModel = {
  accessKeyId: 'AKIAFILECREDS0000001',
  secretAccessKey: 'file/Secret+Key=FromCredentialsFile0001',
  sessionToken: 'FwoGZXIvYXdzFILE/session+token==fromfile0001',
};
const FILE_RESOURCES: ResourcesModel = {
  '/reports': { GET: { authorizationType: 'AWS_IAM' } },
  // A debug backend that hands the session token back, raw and base64 (std, url-safe, unpadded).
  '/debug': {
    GET: {
      authorizationType: 'AWS_IAM',
      integration: {
        status: 500,
        headers: { 'x-echo-token-b64': Buffer.from(FILE_IDENTITY.sessionToken as string).toString('base64') },
        body: JSON.stringify({
          message: `echo ${Buffer.from(FILE_IDENTITY.sessionToken as string).toString('base64')} ${FILE_IDENTITY.sessionToken}`,
          b64url: Buffer.from(FILE_IDENTITY.sessionToken as string).toString('base64url'),
          secret: Buffer.from(FILE_IDENTITY.secretAccessKey).toString('base64').replace(/=+$/, ''),
        }),
      },
    },
  },
};

describe('credentials from a shared credentials file (no AWS_* variables)', () => {
  let fileEmulator: Emulator;
  let dir: string;
  let run: ActionRun;
  const manifest = manifestFor('filecreds1', `  - GET /reports\n  - GET /debug\n`);
  before(async () => {
    fileEmulator = await startEmulator({
      region: 'us-east-1',
      apis: [
        {
          id: 'filecreds1',
          name: 'file credentials',
          endpointType: 'REGIONAL',
          resources: FILE_RESOURCES,
          deployments: [{ id: 'dfile01', createdDate: '2026-03-01T12:00:00.000Z', resources: FILE_RESOURCES }],
          stages: [{ name: STAGE, deploymentId: 'dfile01' }],
        },
      ],
      identities: [FILE_IDENTITY],
    });
    dir = await mkdtemp(path.join(os.tmpdir(), 'apigw-creds-'));
    const file = path.join(dir, 'credentials');
    await writeFile(
      file,
      `[default]\naws_access_key_id = ${FILE_IDENTITY.accessKeyId}\naws_secret_access_key = ${FILE_IDENTITY.secretAccessKey}\naws_session_token = ${FILE_IDENTITY.sessionToken}\n`,
    );
    run = await runWithManifest(fileEmulator, manifest, {
      apiId: 'filecreds1',
      stage: STAGE,
      credentials: false,
      env: { AWS_SHARED_CREDENTIALS_FILE: file },
    });
  });
  after(async () => {
    await fileEmulator?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test("the file's credentials were used: the signed route passes, the echo is diagnosed", () => {
    assert.equal(checkAt(run, manifest, '- GET /reports').outcome, 'passed');
    assert.equal(checkAt(run, manifest, '- GET /debug').outcome, 'failed');
  });

  test('the secret key and session token are masked before the first line about the run', () => {
    const lines = run.stdout.split('\n');
    const firstOther = lines.findIndex((l) => !l.startsWith('::add-mask::'));
    const masks = lines.slice(0, firstOther);
    for (const secret of [FILE_IDENTITY.secretAccessKey, FILE_IDENTITY.sessionToken as string])
      assert.ok(masks.includes(`::add-mask::${secret}`), secret);
  });

  test('neither they nor their base64 echo reach stdout, summary, outputs or the report', async () => {
    const places = await published(run);
    for (const [where, text] of Object.entries(places)) {
      for (const secret of [FILE_IDENTITY.secretAccessKey, FILE_IDENTITY.sessionToken as string, FILE_IDENTITY.accessKeyId]) {
        for (const form of formsOf(secret)) assert.ok(!text.includes(form), `${where} contains ${JSON.stringify(form)}`);
      }
    }
  });
});
