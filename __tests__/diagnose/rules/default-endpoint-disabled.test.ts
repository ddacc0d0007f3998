import rule from '../../../src/diagnose/rules/default-endpoint-disabled.ts';
import { diagnose, ruleTester } from '../rule-tester.ts';
import { FORBIDDEN_ANSWER, OK, fullSnapshot, on, passing } from '../auth-fixtures.ts';
import { test } from 'node:test';
import { throughDomain, domain } from '../front-door-fixtures.ts';
import type { CheckInput } from '../../../src/diagnose/evidence.ts';
import assert from 'node:assert/strict';

const disabled = { snapshot: fullSnapshot({ api: { status: 'ok', endpointTypes: ['REGIONAL'], disableExecuteApiEndpoint: true } }) };
const settingsVia = (baseUrl: string) => ({
  restApiId: 'a1b2c3d4e5',
  stage: 'prod',
  region: 'us-east-1',
  baseUrl,
  baseUrlIsDefault: false,
});

const CF = { via: '1.1 0123456789abcdef0123456789abcdef.cloudfront.net (CloudFront)', 'x-amz-cf-id': 'abc==' };
/** A request through a user's distribution, answered Forbidden, with the direct follow-up's answer. */
function viaDistribution(directErrorType: string, flag = true): CheckInput {
  const ctx = throughDomain('GET /health', 'https://www.shop.example/api', domain([], { status: 'not-found' }), {
    ...FORBIDDEN_ANSWER,
    headers: { ...FORBIDDEN_ANSWER.headers, ...CF },
  });
  const snap = { ...ctx.snapshot, api: { ...ctx.snapshot.api, disableExecuteApiEndpoint: flag } };
  return {
    ...ctx,
    snapshot: snap,
    direct: {
      url: 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/health',
      status: 403,
      errorType: directErrorType,
      met: false,
    },
  };
}

ruleTester(rule, {
  valid: [
    { name: 'an enabled endpoint answering Forbidden', ctx: on('GET /health', FORBIDDEN_ANSWER) },
    { name: 'a disabled endpoint that still answered (not in effect yet)', ctx: on('GET /health', OK, disabled) },
    { name: 'a disabled endpoint, passing', ctx: passing(on('GET /health', FORBIDDEN_ANSWER, disabled)) },
    {
      name: 'Forbidden through a custom domain (the domain still serves: another cause)',
      ctx: on('GET /health', FORBIDDEN_ANSWER, { ...disabled, settings: settingsVia('https://api.shop.example') }),
    },
    {
      name: "another API's execute-api host (base-url-mismatch's case)",
      ctx: on('GET /health', FORBIDDEN_ANSWER, {
        ...disabled,
        settings: settingsVia('https://zz9yy8xx7w.execute-api.us-east-1.amazonaws.com/prod'),
      }),
    },
    { name: 'through a distribution, the direct request refused otherwise', ctx: viaDistribution('MissingAuthenticationTokenException') },
    { name: 'through a distribution, the endpoint enabled', ctx: viaDistribution('ForbiddenException', false) },
  ],
  invalid: [
    {
      name: "through a user's distribution whose origin is the disabled execute-api host",
      ctx: viaDistribution('ForbiddenException'),
      explains: ['CloudFront distribution of your own', 'got 403 Forbidden too', 'disableExecuteApiEndpoint'],
      fixes: ["Point the distribution's origin at a custom domain"],
      evidence: { distribution: 'user' },
    },
    {
      name: 'Forbidden on the disabled execute-api host',
      ctx: on('GET /health', FORBIDDEN_ANSWER, disabled),
      explains: ['default endpoint disabled', 'disableExecuteApiEndpoint', '403'],
      fixes: [
        'custom domain',
        'aws apigateway get-domain-names --region us-east-1',
        'a1b2c3d4e5/prod',
        'path=/disableExecuteApiEndpoint,value=false',
      ],
      evidence: { disableExecuteApiEndpoint: true, baseUrl: 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod' },
    },
  ],
});

test('default-endpoint-disabled wins over the auth causes a Forbidden could have (routing tier)', () => {
  // POST /users needs an API key in the fixture table: a Forbidden there would otherwise be api-key-missing
  assert.equal(diagnose(on('POST /users', FORBIDDEN_ANSWER)).diagnosis?.code, 'api-key-missing');
  assert.equal(diagnose(on('POST /users', FORBIDDEN_ANSWER, disabled)).diagnosis?.code, 'default-endpoint-disabled');
});
