// End-to-end: the bundled action against the emulator's vault API (scenario `locks`), each lock
// refusing the runner and the diagnosis saying which lock and why: the resource policy's
// source-IP Allow (implicit deny) and Deny (explicit), its VPC-endpoint Deny, the Lambda
// authorizer's Deny, its identityValidationExpression, and an API key that comes from the authorizer.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Emulator, startEmulator } from '../../emulator/index.ts';
import type { ActionRun } from '../../emulator/run-action.ts';
import {
  MALFORMED_TOKEN,
  OFFICE_CIDR,
  PARTNER_TOKEN,
  REVOKED_TOKEN,
  STRANGER_CREDENTIALS,
  VAULT_API_ID,
  VAULT_VPCE,
  locksModel,
} from '../../emulator/scenarios/locks.ts';
import { assertDiagnosed, runWithManifest } from './support-auth.ts';

const MANIFEST = `version: 1
api:
  rest-api-id: ${VAULT_API_ID}
  stage: prod
  region: us-east-1
routes:
  - GET /public
  - route: GET /office
    auth: none
  - route: GET /blocked
    auth: none
  - route: GET /internal
    auth: none
  - GET /partner
`;
const REPORTS_ONLY = `version: 1
api:
  rest-api-id: ${VAULT_API_ID}
  stage: prod
  region: us-east-1
routes:
  - GET /reports
`;
const PARTNER_ONLY = `version: 1
api:
  rest-api-id: ${VAULT_API_ID}
  stage: prod
  region: us-east-1
routes:
  - route: GET /partner             # the key comes from the authorizer: a token is all a caller sends
    auth: token
`;

let emulator: Emulator;
let keyless: Emulator;
let checkip: Server;
let checkipCalls = 0;
const runs: Record<'locks' | 'malformed' | 'authorizerKey' | 'stranger', ActionRun> = {} as never;

before(async () => {
  // The runner's "public" address as checkip.amazonaws.com would say it: the emulator sees 127.0.0.1.
  checkip = createServer((req, res) => {
    checkipCalls += 1;
    assert.equal(req.headers.authorization, undefined, 'no credentials go to the address service');
    res.end('127.0.0.1\n');
  });
  await new Promise<void>((resolve) => checkip.listen(0, '127.0.0.1', resolve));
  const env = { APIGW_CHECKIP_URL: `http://127.0.0.1:${(checkip.address() as AddressInfo).port}/` };
  emulator = await startEmulator(locksModel());
  // The authorizer returns no usageIdentifierKey: the key the API takes from it is missing.
  const model = locksModel();
  const authorizer = model.apis[0]?.authorizers?.[0];
  assert.ok(authorizer);
  authorizer.usageIdentifierKeys = {};
  keyless = await startEmulator(model);
  const target = { apiId: VAULT_API_ID, stage: 'prod', env };
  const stranger = {
    AWS_ACCESS_KEY_ID: STRANGER_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: STRANGER_CREDENTIALS.secretAccessKey,
    AWS_SESSION_TOKEN: undefined,
  };
  const [locks, malformed, authorizerKey, strangerRun] = await Promise.all([
    runWithManifest(emulator, MANIFEST, { ...target, inputs: { 'authorizer-token': REVOKED_TOKEN } }),
    runWithManifest(emulator, PARTNER_ONLY, { ...target, inputs: { 'authorizer-token': MALFORMED_TOKEN } }),
    runWithManifest(keyless, PARTNER_ONLY, { ...target, inputs: { 'authorizer-token': PARTNER_TOKEN } }),
    runWithManifest(emulator, REPORTS_ONLY, { ...target, env: { ...env, ...stranger } }),
  ]);
  Object.assign(runs, { locks, malformed, authorizerKey, stranger: strangerRun });
});

after(async () => {
  await emulator?.close();
  await keyless?.close();
  await new Promise((resolve) => checkip?.close(resolve));
});

const diagnosisOf = (run: ActionRun, needle: string, route: string, code: string) =>
  assertDiagnosed(run, run === runs.locks ? MANIFEST : run === runs.stranger ? REPORTS_ONLY : PARTNER_ONLY, needle, {
    route,
    code,
    severity: 'error',
    outcome: 'failed',
  }).diagnosis!;

test('an Allow that needs the office network: implicit deny, the CIDR and the runner address shown', () => {
  const d = diagnosisOf(runs.locks, 'GET /office', 'GET /office', 'iam-access-denied');
  assert.match(d.explanation, new RegExp(`aws:SourceIp \`${OFFICE_CIDR.replace(/\./g, '\\.')}\``));
  assert.match(d.explanation, /implicit/);
  assert.match(d.explanation, /The runner's public address is 127\.0\.0\.1/);
  assert.match(d.fix ?? '', /deployed again/);
  assert.equal(d.evidence?.explicitDeny, false);
  assert.ok(checkipCalls >= 1, 'the address was asked for');
});

test("a Deny on the runner's address: the statement quoted with its condition", () => {
  const d = diagnosisOf(runs.locks, 'GET /blocked', 'GET /blocked', 'iam-access-denied');
  assert.match(d.explanation, /denies anonymous on .*GET\/blocked explicitly/);
  assert.match(d.explanation, /"Effect":"Deny".*"aws:SourceIp":\["127\.0\.0\.0\/8"/);
  assert.match(d.explanation, /127\.0\.0\.1/);
  assert.equal(d.evidence?.explicitDeny, true);
});

test('a VPC-endpoint-only route: the aws:SourceVpce Deny, and the request came over the internet', () => {
  const d = diagnosisOf(runs.locks, 'GET /internal', 'GET /internal', 'iam-access-denied');
  assert.ok(d.explanation.includes(VAULT_VPCE), d.explanation);
  assert.match(d.explanation, /not through a VPC endpoint/);
  assert.match(d.fix ?? '', /VPC endpoint/);
});

test("the Lambda authorizer's Deny is named as its decision, with the request id for its logs", () => {
  const d = diagnosisOf(runs.locks, 'GET /partner', 'GET /partner', 'authorizer-unauthorized');
  assert.match(d.explanation, /the authorizer returned a Deny policy/);
  assert.match(d.explanation, /authorizer's decision/);
  assert.equal(typeof d.evidence?.requestId, 'string');
  assert.ok((d.fix ?? '').includes(String(d.evidence?.requestId)), d.fix);
});

test('a token that fails identityValidationExpression: rejected before the function ran, the expression shown, never the token', () => {
  const run = runs.malformed;
  const d = diagnosisOf(run, 'GET /partner', 'GET /partner', 'authorizer-unauthorized');
  assert.ok(d.explanation.includes('`^Bearer [A-Za-z0-9._-]+$`'), d.explanation);
  assert.match(d.explanation, /before the function ran/);
  assert.equal(d.evidence?.tokenMatchesExpression, false);
  // ::add-mask:: is how the runner learns the secret: the one line allowed to carry it.
  const printed = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'));
  for (const text of [run.reportText ?? '', run.summary, ...printed])
    assert.ok(!text.includes(MALFORMED_TOKEN), 'the token is never printed');
});

test('apiKeySource AUTHORIZER: the api-key input is not blamed; the fix is in the authorizer or the usage plan', () => {
  const run = runs.authorizerKey;
  const d = diagnosisOf(run, 'GET /partner', 'GET /partner', 'api-key-missing');
  assert.match(d.explanation, /apiKeySource is AUTHORIZER/);
  assert.match(d.explanation, /usageIdentifierKey/);
  assert.doesNotMatch(d.explanation, /input is empty/);
  assert.match(d.fix ?? '', /usageIdentifierKey/);
  assert.doesNotMatch(d.fix ?? '', /secrets\.SMOKE_API_KEY/);
});

test("a signed role the policy's principal list leaves out: implicit deny naming the listed role", () => {
  const d = diagnosisOf(runs.stranger, 'GET /reports', 'GET /reports', 'iam-access-denied');
  assert.match(d.explanation, /requires principal `arn:aws:iam::123456789012:role\/deploy`/);
  assert.equal(d.evidence?.caller, 'arn:aws:sts::123456789012:assumed-role/stranger/ci');
  assert.match(d.fix ?? '', /identity-policy Allow/);
});

test('the address service is asked once per run that a source-IP policy refused, and by no other run', () => {
  // locks (/office, /blocked) and stranger (/reports) got AccessDenied; malformed (401) and authorizerKey (Forbidden) did not.
  assert.equal(checkipCalls, 2);
});
