// When the one follow-up request to the direct execute-api URL is made (src/follow-up.ts): only
// for a failed check through a custom domain, on a route the stage serves, whose cause is open.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { evidenceOf } from '../src/diagnose/evidence.ts';
import { needsFollowUp } from '../src/follow-up.ts';
import { OK } from './diagnose/auth-fixtures.ts';
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
