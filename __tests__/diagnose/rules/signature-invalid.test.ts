import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule, { clockSkewSeconds } from '../../../src/diagnose/rules/signature-invalid.ts';
import { matchOf, ruleTester } from '../rule-tester.ts';
import { SIGNED, answer, blind, on, passing } from '../auth-fixtures.ts';
import type { CheckInput } from '../../../src/diagnose/evidence.ts';

const invalid = (message: string) => ({ ...answer(403, 'InvalidSignatureException', message), auth: 'iam' as const, sent: SIGNED });
const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\n' +
  "The Canonical String for this request should have been\n'GET\n/prod/reports\n\nhost:a1b2c3d4e5.execute-api.us-east-1.amazonaws.com\nx-amz-security-token:IQoJb3JpZ2luX2VjSECRET\n'";
const EXPIRED = 'Signature expired: 20261120T100000Z is now earlier than 20261120T100500Z (20261120T101000Z - 5 min.)';
const AHEAD = 'Signature not yet current: 20261120T102000Z is still later than 20261120T101500Z (20261120T101000Z + 5 min.)';

/** Signed for `region`, sent to the API in us-east-1. */
const signedFor = (ctx: CheckInput, region: string): CheckInput => ({ ...ctx, settings: { ...ctx.settings, region } });

ruleTester(rule, {
  valid: [
    { name: 'another error type', ctx: on('GET /reports', answer(403, 'IncompleteSignatureException', 'x')) },
    { name: 'passed', ctx: passing(on('GET /reports', invalid(MISMATCH))) },
  ],
  invalid: [
    {
      name: 'clock behind: signature expired',
      ctx: on('GET /reports', invalid(EXPIRED)),
      explains: ["the runner's clock is 600 s behind the gateway's", '5 minutes'],
      fixes: ['Sync the runner clock'],
      evidence: { cause: 'clock-skew', clockSkewSeconds: -600, signingRegion: 'us-east-1' },
    },
    {
      name: 'clock ahead: not yet current',
      ctx: on('GET /reports', invalid(AHEAD)),
      explains: ['600 s ahead of'],
      evidence: { clockSkewSeconds: 600 },
    },
    {
      name: 'signed for another region than the host names',
      ctx: signedFor(on('GET /reports', invalid(MISMATCH)), 'eu-west-1'),
      explains: ['signed for region eu-west-1', 'the API is in us-east-1'],
      fixes: ['`region` input', 'us-east-1'],
      evidence: { cause: 'region', signingRegion: 'eu-west-1', apiRegion: 'us-east-1' },
    },
    {
      name: 'the gateway names the scope region',
      ctx: on('GET /reports', invalid("Credential should be scoped to a valid region, not 'eu-west-1'. ")),
      evidence: {
        cause: 'region',
        answer: {
          status: 403,
          errorType: 'InvalidSignatureException',
          message: "Credential should be scoped to a valid region, not 'eu-west-1'.",
          requestId: 'req-1234',
        },
      },
    },
    {
      name: 'wrong service in the scope',
      ctx: on('GET /reports', invalid("Credential should be scoped to correct service: 'execute-api'. ")),
      evidence: { cause: 'service', service: 'execute-api' },
    },
    {
      name: 'plain mismatch with an encoded path',
      ctx: on('GET /users/{id}', { ...invalid(MISMATCH), url: 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/users/a%20b' }),
      explains: ['the secret key does not belong to the access key id', 'encoded or reserved characters'],
      evidence: { cause: 'mismatch' },
    },
    {
      name: 'blind: the answer alone suffices',
      ctx: blind('GET /reports', invalid(EXPIRED)),
      evidence: { cause: 'clock-skew' },
    },
  ],
});

test('signature-invalid quotes no part of the canonical request (it carries the session token)', () => {
  const match = matchOf(rule, on('GET /reports', invalid(MISMATCH)));
  assert.ok(match);
  const json = JSON.stringify(match);
  assert.ok(!json.includes('IQoJb3JpZ2luX2VjSECRET'));
  assert.ok(!json.includes('Canonical String'));
});

test('clockSkewSeconds reads both messages and ignores others', () => {
  assert.equal(clockSkewSeconds(EXPIRED), -600);
  assert.equal(clockSkewSeconds(AHEAD), 600);
  assert.equal(clockSkewSeconds(MISMATCH), undefined);
});
