// Property-based fuzzing of the response classifier: any status, headers and body a server (or
// something pretending to be API Gateway) sends is classified without a throw, into a well-formed
// answer.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { classify, MISSING_AUTHENTICATION_TOKEN } from '../../src/probe/classify.ts';

let cases = 0;
after(() => console.log(`fuzz: ${cases} cases (response classifier)`));

const messages = fc.oneof(
  fc.constantFrom(
    'Missing Authentication Token',
    'Forbidden',
    'Unauthorized',
    'Internal server error',
    'Endpoint request timed out',
    'User: x is not authorized to perform: execute-api:Invoke',
    'Too Many Requests',
    ' Missing Authentication Token ',
    '',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

const body = fc.oneof(
  messages.map((message) => JSON.stringify({ message })),
  messages.map((Message) => JSON.stringify({ Message })),
  fc.json({ maxDepth: 4 }),
  fc.string({ maxLength: 60 }),
  fc.constantFrom(
    '',
    '{',
    '{"message":',
    '{"message": null}',
    '{"message": {"a": 1}}',
    '{"__proto__": {"message": "Forbidden"}}',
    'null',
    '[]',
    '<html>403</html>',
  ),
  fc.integer({ min: 1, max: 20_000 }).map((n) => `{"message":${'['.repeat(n)}${']'.repeat(n)}}`),
);

const errorType = fc.oneof(
  fc.constantFrom(
    MISSING_AUTHENTICATION_TOKEN,
    'MissingAuthenticationTokenException:http://internal.amazon.com/coral/com.amazon.coral.service/',
    'com.amazonaws#AccessDeniedException',
    ':',
    '#',
    '',
    ' ',
    'a:b:c',
    '::',
  ),
  fc.string({ maxLength: 30 }),
);

const headers = fc.oneof(
  fc.dictionary(fc.constantFrom('x-amzn-errortype', 'content-type', 'x-amzn-requestid', '__proto__', 'constructor'), errorType, {
    maxKeys: 3,
  }),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 }), { maxKeys: 3 }),
);

test('fuzz: classify(status, headers, body) never throws and answers in shape', () => {
  fc.assert(
    fc.property(
      fc.oneof(fc.constantFrom(200, 400, 403, 404, 429, 500, 502, 504), fc.integer({ min: 0, max: 999 })),
      headers,
      body,
      (status, h, b) => {
        cases++;
        const c = classify(status, h, b);
        assert.equal(typeof c, 'object');
        for (const key of Object.keys(c)) assert.ok(['errorType', 'by', 'message'].includes(key), key);
        if (c.errorType !== undefined) {
          assert.equal(typeof c.errorType, 'string');
          assert.ok(c.errorType.length > 0 && !c.errorType.includes(':'), c.errorType);
          assert.ok(['header', 'body', 'status'].includes(c.by ?? ''), String(c.by));
        } else {
          assert.equal(c.by, undefined);
        }
        if (c.message !== undefined) assert.equal(typeof c.message, 'string');
        if (status === 429 && c.errorType === undefined) assert.fail('a 429 is always throttling');
      },
    ),
    { numRuns: 3000 },
  );
});
