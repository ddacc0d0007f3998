// The custom-domain reader (src/aws/domain.ts) against nock: every page of the mappings, the
// read shared per client, GetStages only for a mapping to another stage, failures as statuses.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiGatewayClient } from '../../src/aws/client.ts';
import { domainMapsToApi, readDomain } from '../../src/aws/domain.ts';
import { API_ID, REGION, controlPlane, replyError, stageBody, useIsolatedAws } from './helpers.ts';

useIsolatedAws();

const DOMAIN = 'api.shop.example';
const domainBody = { domainName: DOMAIN, domainNameStatus: 'AVAILABLE', regionalDomainName: 'd-abc.execute-api.us-east-1.amazonaws.com' };
const client = () => createApiGatewayClient(REGION, { maxAttempts: 1 });

describe('readDomain', () => {
  test('reads every page of the mappings, multi-level base paths included; (none) kept as API Gateway shows it', async () => {
    const scope = controlPlane()
      .get(`/domainnames/${DOMAIN}`)
      .reply(200, domainBody)
      .get(`/domainnames/${DOMAIN}/basepathmappings`)
      .query({ limit: '500' })
      .reply(200, { item: [{ basePath: '(none)', restApiId: API_ID, stage: 'prod' }], position: 'p2' })
      .get(`/domainnames/${DOMAIN}/basepathmappings`)
      .query({ limit: '500', position: 'p2' })
      .reply(200, { item: [{ basePath: 'v1/orders', restApiId: 'zz9yy8xx7w', stage: 'live' }] });
    const readout = await readDomain(client(), DOMAIN, { restApiId: API_ID, stage: 'prod' });
    scope.done();
    assert.deepEqual(readout, {
      status: 'ok',
      domainName: DOMAIN,
      mappings: [
        { basePath: '(none)', restApiId: API_ID, stage: 'prod' },
        { basePath: 'v1/orders', restApiId: 'zz9yy8xx7w', stage: 'live' },
      ],
      domainNameStatus: 'AVAILABLE',
      calls: { GetDomainName: 1, GetBasePathMappings: 2 },
    });
  });

  test("a mapping to another stage of the API: one GetStages gives each stage's deployment", async () => {
    const scope = controlPlane()
      .get(`/domainnames/${DOMAIN}`)
      .reply(200, domainBody)
      .get(`/domainnames/${DOMAIN}/basepathmappings`)
      .query(true)
      .reply(200, { item: [{ basePath: '(none)', restApiId: API_ID, stage: 'dev' }] })
      .get(`/restapis/${API_ID}/stages`)
      .reply(200, { item: [stageBody('dev', 'dep111'), stageBody('prod', 'dep222')] });
    const readout = await readDomain(client(), DOMAIN, { restApiId: API_ID, stage: 'prod' });
    scope.done();
    assert.deepEqual(readout.stageDeployments, { dev: 'dep111', prod: 'dep222' });
    assert.equal(readout.calls.GetStages, 1);
  });

  test('an unknown domain is not-found, a denied read is denied: never thrown', async () => {
    const scope = replyError(
      controlPlane().get('/domainnames/nope.example'),
      404,
      'NotFoundException',
      'Invalid domain name identifier specified',
    );
    replyError(
      scope.get('/domainnames/nope.example/basepathmappings').query(true),
      404,
      'NotFoundException',
      'Invalid domain name identifier specified',
    );
    const missing = await readDomain(client(), 'nope.example', { restApiId: API_ID, stage: 'prod' });
    scope.done();
    assert.equal(missing.status, 'not-found');
    assert.deepEqual(missing.mappings, []);

    const denied = replyError(
      controlPlane().get('/domainnames/locked.example'),
      403,
      'AccessDeniedException',
      'not authorized to perform: apigateway:GET',
    );
    replyError(
      denied.get('/domainnames/locked.example/basepathmappings').query(true),
      403,
      'AccessDeniedException',
      'not authorized to perform: apigateway:GET',
    );
    const locked = await readDomain(client(), 'locked.example', { restApiId: API_ID, stage: 'prod' });
    denied.done();
    assert.equal(locked.status, 'denied');
    assert.match(locked.error ?? '', /apigateway:GET/);
  });

  test('GetDomainName refused: the mappings still decide', async () => {
    const scope = replyError(controlPlane().get('/domainnames/half.example'), 403, 'AccessDeniedException', 'not authorized');
    scope
      .get('/domainnames/half.example/basepathmappings')
      .query(true)
      .reply(200, { item: [{ basePath: 'v1', restApiId: API_ID, stage: 'prod' }] });
    const readout = await readDomain(client(), 'half.example', { restApiId: API_ID, stage: 'prod' });
    scope.done();
    assert.equal(readout.status, 'ok');
    assert.equal(readout.domainNameStatus, undefined);
    assert.deepEqual(readout.calls, { GetDomainName: 1, GetBasePathMappings: 1 });
  });

  test('the credential host rule and the diagnoses share one read per client', async () => {
    const scope = controlPlane()
      .get(`/domainnames/${DOMAIN}`)
      .once()
      .reply(200, domainBody)
      .get(`/domainnames/${DOMAIN}/basepathmappings`)
      .query(true)
      .once()
      .reply(200, { item: [{ basePath: 'v1', restApiId: API_ID, stage: 'prod' }] });
    const shared = client();
    assert.deepEqual(await domainMapsToApi(shared, DOMAIN, API_ID), { maps: true });
    const readout = await readDomain(shared, DOMAIN, { restApiId: API_ID, stage: 'prod' });
    scope.done();
    assert.deepEqual(readout.mappings, [{ basePath: 'v1', restApiId: API_ID, stage: 'prod' }]);
    assert.deepEqual(await domainMapsToApi(shared, DOMAIN, 'zz9yy8xx7w'), {
      maps: false,
      why: 'its base-path mappings lead to other APIs',
    });
  });
});
