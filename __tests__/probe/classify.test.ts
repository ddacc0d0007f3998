import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classify, isGatewayError, MISSING_AUTHENTICATION_TOKEN } from '../../src/probe/classify.ts';
import type { Classification } from '../../src/types.ts';

const json = (message: string, key = 'message'): string => JSON.stringify({ [key]: message });
const MAT_BODY = '{"message":"Missing Authentication Token"}';

const cases: Array<{ name: string; status: number; headers?: Record<string, string>; body: string; want: Classification }> = [
  // header first
  {
    name: 'default MAT: header and body agree',
    status: 403,
    headers: { 'x-amzn-errortype': 'MissingAuthenticationTokenException' },
    body: MAT_BODY,
    want: { errorType: MISSING_AUTHENTICATION_TOKEN, by: 'header', message: 'Missing Authentication Token' },
  },
  {
    name: 'header suffix after ":" is dropped',
    status: 403,
    headers: { 'x-amzn-errortype': 'AccessDeniedException:http://internal.amazon.com/coral/com.amazon.coral.service/' },
    body: '{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:1:a/prod/GET/x"}',
    want: {
      errorType: 'AccessDeniedException',
      by: 'header',
      message: 'User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:1:a/prod/GET/x',
    },
  },
  {
    name: 'customised gateway response: status and body changed, header kept',
    status: 404,
    headers: { 'x-amzn-errortype': 'MissingAuthenticationTokenException' },
    body: '{"error":"no such route"}',
    want: { errorType: MISSING_AUTHENTICATION_TOKEN, by: 'header' },
  },
  {
    name: 'header wins over a body naming another known message',
    status: 403,
    headers: { 'x-amzn-errortype': 'ForbiddenException' },
    body: MAT_BODY,
    want: { errorType: 'ForbiddenException', by: 'header', message: 'Missing Authentication Token' },
  },
  {
    name: 'integration timeout: the real gateway sends InternalServerErrorException on a 504',
    status: 504,
    headers: { 'x-amzn-errortype': 'InternalServerErrorException' },
    body: '{"message": "Endpoint request timed out"}',
    want: { errorType: 'InternalServerErrorException', by: 'header', message: 'Endpoint request timed out' },
  },
  // body second (header dropped by a proxy or emulator)
  {
    name: 'MAT by body',
    status: 403,
    body: MAT_BODY,
    want: { errorType: MISSING_AUTHENTICATION_TOKEN, by: 'body', message: 'Missing Authentication Token' },
  },
  { name: 'Forbidden', status: 403, body: json('Forbidden'), want: { errorType: 'ForbiddenException', by: 'body', message: 'Forbidden' } },
  {
    name: 'Unauthorized',
    status: 401,
    body: json('Unauthorized'),
    want: { errorType: 'UnauthorizedException', by: 'body', message: 'Unauthorized' },
  },
  {
    name: 'invalid security token',
    status: 403,
    body: json('The security token included in the request is invalid.'),
    want: { errorType: 'UnrecognizedClientException', by: 'body', message: 'The security token included in the request is invalid.' },
  },
  {
    name: 'expired security token',
    status: 403,
    body: json('The security token included in the request is expired'),
    want: { errorType: 'ExpiredTokenException', by: 'body', message: 'The security token included in the request is expired' },
  },
  {
    name: 'IAM deny uses "Message"',
    status: 403,
    body: json(
      'User: arn:aws:sts::123456789012:assumed-role/ci/x is not authorized to perform: execute-api:Invoke on resource: arn:x',
      'Message',
    ),
    want: {
      errorType: 'AccessDeniedException',
      by: 'body',
      message: 'User: arn:aws:sts::123456789012:assumed-role/ci/x is not authorized to perform: execute-api:Invoke on resource: arn:x',
    },
  },
  {
    name: 'Lambda authorizer deny',
    status: 403,
    body: json('User is not authorized to access this resource with an explicit deny', 'Message'),
    want: {
      errorType: 'AccessDeniedException',
      by: 'body',
      message: 'User is not authorized to access this resource with an explicit deny',
    },
  },
  {
    name: 'signature mismatch',
    status: 403,
    body: json(
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    ),
    want: {
      errorType: 'InvalidSignatureException',
      by: 'body',
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    },
  },
  {
    name: 'signature expired',
    status: 403,
    body: json('Signature expired: 20240101T000000Z is now earlier than 20240101T000500Z (20240101T001000Z - 5 min.)'),
    want: {
      errorType: 'InvalidSignatureException',
      by: 'body',
      message: 'Signature expired: 20240101T000000Z is now earlier than 20240101T000500Z (20240101T001000Z - 5 min.)',
    },
  },
  {
    name: 'Authorization header without Credential',
    status: 403,
    body: json("Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter."),
    want: {
      errorType: 'IncompleteSignatureException',
      by: 'body',
      message: "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter.",
    },
  },
  {
    name: 'Bearer token on an IAM route',
    status: 403,
    body: json("'abc' not a valid key=value pair (missing equal-sign) in Authorization header: 'Bearer abc'."),
    want: {
      errorType: 'IncompleteSignatureException',
      by: 'body',
      message: "'abc' not a valid key=value pair (missing equal-sign) in Authorization header: 'Bearer abc'.",
    },
  },
  {
    name: 'throttled',
    status: 429,
    body: json('Too Many Requests'),
    want: { errorType: 'TooManyRequestsException', by: 'body', message: 'Too Many Requests' },
  },
  {
    name: 'usage-plan quota',
    status: 429,
    body: json('Limit Exceeded'),
    want: { errorType: 'LimitExceededException', by: 'body', message: 'Limit Exceeded' },
  },
  {
    name: 'Rate exceeded',
    status: 429,
    body: json('Rate exceeded'),
    want: { errorType: 'TooManyRequestsException', by: 'body', message: 'Rate exceeded' },
  },
  {
    name: 'integration failure',
    status: 502,
    body: '{"message": "Internal server error"}',
    want: { errorType: 'InternalServerErrorException', by: 'body', message: 'Internal server error' },
  },
  {
    name: 'integration timeout without header',
    status: 504,
    body: json('Endpoint request timed out'),
    want: { errorType: 'InternalServerErrorException', by: 'body', message: 'Endpoint request timed out' },
  },
  // status last
  { name: 'bare 429', status: 429, body: 'slow down', want: { errorType: 'TooManyRequestsException', by: 'status' } },
  { name: 'bare 403 from something else', status: 403, body: '<html>Forbidden</html>', want: {} },
  { name: 'bare 502 is not guessed', status: 502, body: 'Bad Gateway', want: {} },
  // backends
  { name: 'backend JSON with an unknown message', status: 404, body: json('user 42 not found'), want: { message: 'user 42 not found' } },
  { name: 'backend 200', status: 200, body: '{"ok":true}', want: {} },
  { name: 'non-string message is ignored', status: 403, body: '{"message":{"text":"Forbidden"}}', want: {} },
  { name: 'JSON array body', status: 403, body: '["Forbidden"]', want: {} },
  { name: 'broken JSON', status: 403, body: '{"message":"Forbidden"', want: {} },
];

for (const c of cases) {
  test(`classify: ${c.name}`, () => {
    assert.deepEqual(classify(c.status, c.headers ?? {}, c.body), c.want);
  });
}

test('isGatewayError is true exactly when an error type was found', () => {
  assert.equal(isGatewayError(classify(403, {}, MAT_BODY)), true);
  assert.equal(isGatewayError(classify(403, {}, 'nope')), false);
  assert.equal(isGatewayError(classify(200, {}, '{"message":"hello"}')), false);
});
