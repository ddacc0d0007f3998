// When the one follow-up request to the direct execute-api URL is made (src/follow-up.ts): only
// for a failed check through a custom domain, on a route the stage serves, whose cause is open.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import nock from 'nock';
import { diagnoseCheck } from '../src/diagnose/engine.ts';
import { evidenceOf } from '../src/diagnose/evidence.ts';
import { followUp, needsFollowUp } from '../src/follow-up.ts';
import { settings } from './probe/helpers/fixtures.ts';
import { OK, SIGNED, answer, blind } from './diagnose/auth-fixtures.ts';
import { API, DOMAIN, UNMAPPED, domain, throughDomain } from './diagnose/front-door-fixtures.ts';
import { viaBaseUrl } from './diagnose/routing-fixtures.ts';

const GW = 'https://gw.shop.example/prod';
const UNKNOWN_DOMAIN = domain([], { status: 'not-found', error: 'NotFoundException: Invalid domain name identifier specified' });

describe('needsFollowUp', () => {
  test('a served route refused through a front door the mappings do not explain: one follow-up', () => {
    assert.equal(needsFollowUp(evidenceOf(throughDomain('GET /users', GW, UNKNOWN_DOMAIN))), true);
    assert.equal(needsFollowUp(evidenceOf(throughDomain('GET /users', GW, UNKNOWN_DOMAIN, UNMAPPED))), true, 'Forbidden too');
  });

  test('never for a passing route', () => {
    assert.equal(needsFollowUp(evidenceOf(throughDomain('GET /users', GW, UNKNOWN_DOMAIN, OK))), false);
  });

  test('never on the execute-api URL itself', () => {
    assert.equal(needsFollowUp(evidenceOf(viaBaseUrl('GET /users', `https://${API}.execute-api.us-east-1.amazonaws.com/prod/api`))), false);
  });

  test('not for a route the stage does not serve: its diagnosis already names the cause', () => {
    assert.equal(needsFollowUp(evidenceOf(throughDomain('GET /nothing', GW, UNKNOWN_DOMAIN))), false);
  });

  test('not when the mapping table explains it (base-path-mapping)', () => {
    const e = evidenceOf(
      throughDomain('GET /users', `https://${DOMAIN}`, domain([{ basePath: 'v1', restApiId: API, stage: 'prod' }]), UNMAPPED),
    );
    assert.equal(needsFollowUp(e), false);
  });
});

describe('needsFollowUp in blind mode (no method table): one signed retry of the same URL', () => {
  test('an unsigned MAT with credentials: the retry settles "no route or unsigned AWS_IAM?"', () => {
    assert.equal(needsFollowUp(evidenceOf(blind('GET /reports'))), true);
  });

  test('not without AWS credentials: nothing to sign with', () => {
    assert.equal(needsFollowUp(evidenceOf(blind('GET /reports', {}, { hasCredentials: false }))), false);
  });

  test('not when the request was already signed', () => {
    assert.equal(needsFollowUp(evidenceOf(blind('GET /reports', { auth: 'iam', sent: SIGNED }))), false);
  });

  test('not for an answer other than MAT', () => {
    assert.equal(needsFollowUp(evidenceOf(blind('GET /reports', answer(403, 'ForbiddenException', 'Forbidden')))), false);
  });

  test('not when the method table was read: the control plane tells them apart', () => {
    assert.equal(needsFollowUp(evidenceOf(viaBaseUrl('GET /users', `https://${API}.execute-api.us-east-1.amazonaws.com/prod`))), false);
  });
});

describe('followUp in blind mode: the signed retry itself', () => {
  const CREDS = { accessKeyId: 'ASIATESTTESTTEST0001', secretAccessKey: 'secret/Access+Key0001', sessionToken: 'session-token-0001' };
  const STAGE_URL = `https://${API}.execute-api.us-east-1.amazonaws.com`;
  before(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  after(() => nock.enableNetConnect());

  test('one SigV4-signed request to the same URL, no retry; its 200 proves an AWS_IAM route', async () => {
    const scope = nock(STAGE_URL, {
      reqheaders: { authorization: /^AWS4-HMAC-SHA256 Credential=ASIATESTTESTTEST0001\/\d{8}\/us-east-1\/execute-api\/aws4_request, / },
    })
      .get('/prod/reports')
      .reply(200, '{}');
    const [e] = await followUp([evidenceOf(blind('GET /reports'))], {
      settings: settings({ restApiId: API, credentialHosts: [] }),
      credentials: CREDS,
    });
    assert.ok(scope.isDone());
    assert.deepEqual(e?.signedRetry, { url: `${STAGE_URL}/prod/reports`, status: 200, met: true });
    assert.equal(e?.direct, undefined);
    assert.equal(e && diagnoseCheck(e).diagnosis?.code, 'iam-signature-required');
  });

  test('a MAT answer is not retried: one request only', async () => {
    const scope = nock(STAGE_URL)
      .get('/prod/reports')
      .reply(403, { message: 'Missing Authentication Token' }, { 'x-amzn-errortype': 'MissingAuthenticationTokenException' });
    const [e] = await followUp([evidenceOf(blind('GET /reports'))], {
      settings: settings({ restApiId: API, credentialHosts: [] }),
      credentials: CREDS,
      backoffMs: 0,
    });
    assert.ok(scope.isDone());
    assert.equal(e?.signedRetry?.errorType, 'MissingAuthenticationTokenException');
    assert.equal(e && diagnoseCheck(e).diagnosis?.code, 'unexpected-status');
  });

  test('never signed to a host that may not receive credentials: nothing sent, nothing recorded', async () => {
    const [e] = await followUp([evidenceOf(blind('GET /reports'))], {
      settings: settings({ baseUrl: 'https://attacker.example/prod', restApiId: API, credentialHosts: [] }),
      credentials: CREDS,
    });
    assert.equal(e?.signedRetry, undefined);
    assert.equal(nock.pendingMocks().length, 0);
  });
});
