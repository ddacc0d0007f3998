import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { GetRestApiCommand } from '@aws-sdk/client-api-gateway';
import { createApiGatewayClient } from '../../src/aws/client.ts';
import { describeAwsError, isIdentityError, isNoCredentialsError, sanitizeMessage } from '../../src/aws/errors.ts';
import { API_ID, REGION, controlPlane, replyError, useIsolatedAws } from './helpers.ts';

useIsolatedAws();

describe('describeAwsError on errors as the SDK parses them', () => {
  // status, x-amzn-ErrorType, expected ReadStatus
  const cases: [number, string, string][] = [
    [404, 'NotFoundException', 'not-found'],
    [403, 'AccessDeniedException', 'denied'],
    [403, 'AccessDeniedException:http://internal.amazon.com/coral/com.amazon.coral.service/', 'denied'],
    [403, 'UnrecognizedClientException', 'denied'],
    [403, 'ExpiredTokenException', 'denied'],
    [403, 'InvalidSignatureException', 'denied'],
    [403, 'IncompleteSignatureException', 'denied'],
    [401, 'UnauthorizedException', 'denied'],
    [403, 'SomeFutureForbiddenException', 'denied'],
    [400, 'BadRequestException', 'error'],
    [409, 'ConflictException', 'error'],
  ];
  for (const [status, type, expected] of cases) {
    test(`${status} ${type} → ${expected}`, async () => {
      const scope = controlPlane();
      replyError(scope.get(`/restapis/${API_ID}`), status, type, 'what the service said');
      const error = await createApiGatewayClient(REGION, { maxAttempts: 1 })
        .send(new GetRestApiCommand({ restApiId: API_ID }))
        .then(
          () => assert.fail('the call should fail'),
          (e: unknown) => e,
        );
      assert.ok(scope.isDone());
      const name = type.split(':')[0];
      assert.deepEqual(describeAwsError(error), { status: expected, message: `${name}: what the service said` });
    });
  }

  test('a network failure is an error with its cause', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED' });
    assert.deepEqual(describeAwsError(error), { status: 'error', message: 'Error: connect ECONNREFUSED 127.0.0.1:4566' });
  });

  test('recognises the credential chain giving up', () => {
    const error = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
    assert.equal(isNoCredentialsError(error), true);
    assert.equal(isNoCredentialsError(new Error('Could not load credentials from any providers')), false);
  });
});

describe('isIdentityError', () => {
  // Only failures of the credentials themselves; AccessDenied may be about one resource.
  const cases: [string, boolean][] = [
    ['UnrecognizedClientException', true],
    ['ExpiredTokenException', true],
    ['InvalidSignatureException', true],
    ['IncompleteSignatureException', true],
    ['AccessDeniedException', false],
    ['NotFoundException', false],
    ['TooManyRequestsException', false],
  ];
  for (const [name, expected] of cases) {
    test(`${name} → ${expected}`, () => assert.equal(isIdentityError(Object.assign(new Error('x'), { name })), expected));
  }
});

describe('sanitizeMessage', () => {
  const cases: [string, string, string][] = [
    ['keeps a plain message', 'Invalid API identifier specified', 'Invalid API identifier specified'],
    [
      'drops the canonical request and string to sign',
      "Signature mismatch.\n\nThe Canonical String for this request should have been\n'GET\nx-amz-security-token:tok'",
      'Signature mismatch.',
    ],
    ['drops a canonical string on the first line', 'Mismatch. The Canonical String was: x-amz-security-token:tok', 'Mismatch.'],
    ['hides access key ids', 'key AKIAIOSFODNN7EXAMPLE and ASIAIOSFODNN7EXAMPLE', 'key [access key id] and [access key id]'],
    [
      'hides Credential= and Signature= of an echoed Authorization header',
      'Authorization=AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20240101/us-east-1/apigateway/aws4_request, Signature=0123abcd',
      'Authorization=AWS4-HMAC-SHA256 Credential=[redacted], Signature=[redacted]',
    ],
    ['hides a security token parameter', 'bad X-Amz-Security-Token=IQoJb3JpZ2lu', 'bad X-Amz-Security-Token=[redacted]'],
    ['folds whitespace', '  a\n b\t c ', 'a b c'],
  ];
  for (const [name, input, expected] of cases) test(name, () => assert.equal(sanitizeMessage(input), expected));

  test('blanks out the given secret values', () => {
    assert.equal(sanitizeMessage('token s3cr3t-session-value expired', ['s3cr3t-session-value', '']), 'token [redacted] expired');
  });

  test('caps the length', () => {
    const text = sanitizeMessage('x'.repeat(5000));
    assert.equal(text.length, 400);
    assert.ok(text.endsWith('…'));
  });
});
