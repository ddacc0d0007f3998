import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detect } from './finding-tester.ts';
import finding from '../../../src/diagnose/rules/private-api.ts';
import type { ProbeOver } from '../fixtures.ts';
import { probe, snapshot } from '../fixtures.ts';
import { FORBIDDEN_ANSWER, OK, findingContext } from '../auth-fixtures.ts';

const privateApi = snapshot({ api: { status: 'ok', endpointTypes: ['PRIVATE'], hasResourcePolicy: true } });
const noAnswer: ProbeOver = { status: undefined, headers: {}, body: '', classification: {}, networkError: 'ETIMEDOUT', attempts: [] };

test('private-api: silent for REGIONAL/EDGE APIs, unread APIs, and a runner that reaches the API', () => {
  assert.equal(detect(finding, findingContext()), null);
  assert.equal(detect(finding, findingContext({ snapshot: snapshot({ api: { status: 'denied', error: 'x' } }) })), null);
  // a self-hosted runner in the VPC: real answers came back
  assert.equal(
    detect(finding, findingContext({ snapshot: privateApi, probes: [probe('GET /health', OK), probe('GET /x', FORBIDDEN_ANSWER)] })),
    null,
  );
});

test('private-api: every request refused with Forbidden from a public runner', () => {
  const draft = detect(
    finding,
    findingContext({ snapshot: privateApi, probes: [probe('GET /health', FORBIDDEN_ANSWER), probe('GET /users', noAnswer)] }),
  );
  assert.ok(draft);
  assert.equal(finding.meta.severity, 'error');
  assert.match(draft.message, /REST API a1b2c3d4e5 is PRIVATE/);
  assert.match(draft.message, /1 of 2 requests got 403 Forbidden/);
  assert.match(draft.message, /self-hosted runner inside the VPC/);
  assert.ok(draft.message.includes('https://a1b2c3d4e5-<vpce-id>.execute-api.us-east-1.vpce.amazonaws.com/prod'), draft.message);
  assert.deepEqual(draft.evidence.endpointTypes, ['PRIVATE']);
  assert.equal(draft.evidence.answered, 1);
  assert.deepEqual(draft.source, { file: '.github/apigw-routes.yml', line: 3, column: 16 });
});

test('private-api: no answer at all', () => {
  const draft = detect(finding, findingContext({ snapshot: privateApi, probes: [probe('GET /health', noAnswer)] }));
  assert.ok(draft);
  assert.match(draft.message, /no request got an answer/);
});
