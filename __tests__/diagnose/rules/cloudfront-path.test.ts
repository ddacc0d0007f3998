import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../../src/diagnose/rules/cloudfront-path.ts';
import { diagnose, ruleTester } from '../rule-tester.ts';
import type { CheckInput, DirectAnswer } from '../../../src/diagnose/evidence.ts';
import { answer } from '../auth-fixtures.ts';
import type { ProbeOver } from '../fixtures.ts';
import { domain, throughDomain } from '../front-door-fixtures.ts';

const CF_HEADERS = {
  via: '1.1 0123456789abcdef0123456789abcdef.cloudfront.net (CloudFront)',
  'x-amz-cf-id': 'abc==',
  'x-amz-cf-pop': 'FRA56-P1',
  'x-cache': 'Error from cloudfront',
};
const MAT = answer(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
const withCf: ProbeOver = { ...MAT, headers: { ...MAT.headers, ...CF_HEADERS } };
const PASSED: DirectAnswer = { url: 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/users', status: 200, met: true };
const FAILED: DirectAnswer = { url: PASSED.url, status: 403, errorType: 'MissingAuthenticationTokenException', met: false };
const NOT_FOUND_DOMAIN = domain([], { status: 'not-found', error: 'NotFoundException' });

function via(baseUrl: string, over = withCf, direct: DirectAnswer | null = PASSED, readout = NOT_FOUND_DOMAIN): CheckInput {
  const ctx = throughDomain('GET /users', baseUrl, readout, over);
  return direct ? { ...ctx, direct } : ctx;
}

ruleTester(rule, {
  valid: [
    { name: 'no CloudFront headers (a plain proxy)', ctx: via('https://www.shop.example/api', MAT) },
    { name: 'the direct request failed too', ctx: via('https://www.shop.example/api', withCf, FAILED) },
    { name: 'no follow-up was made', ctx: via('https://www.shop.example/api', withCf, null) },
    {
      name: "API Gateway's own distribution: a custom domain mapped to the API (an EDGE API)",
      ctx: via('https://api.shop.example/api', withCf, PASSED, domain([{ basePath: '(none)', restApiId: 'a1b2c3d4e5', stage: 'prod' }])),
    },
  ],
  invalid: [
    {
      name: '/api/* + origin path /prod: the gateway saw /prod/api/users',
      ctx: via('https://www.shop.example/api'),
      explains: ['distribution of your own', '/prod/api/users', 'serves /users', 'passed'],
      fixes: ['base-path mapping `api` → a1b2c3d4e5/prod', 'CloudFront Function', '/prod/users'],
      evidence: {
        distribution: 'user',
        gatewaySaw: '/prod/api/users',
        stageServes: '/users',
        pathPattern: '/api/*',
        originPathAssumed: '/prod',
      },
    },
    {
      name: 'at the distribution root: the origin path must name the stage',
      ctx: via('https://d111111abcdef8.cloudfront.net'),
      explains: ['took the first segment'],
      fixes: ['origin path of the behavior to /prod'],
    },
  ],
});

test('an EDGE API on its execute-api host carries CloudFront headers without being a user distribution', () => {
  const ctx = throughDomain('GET /users', 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod', undefined, withCf);
  const d = diagnose({ ...ctx, direct: PASSED });
  assert.notEqual(d.diagnosis?.code, 'cloudfront-path');
});
