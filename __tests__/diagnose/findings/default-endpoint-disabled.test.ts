import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detect } from './finding-tester.ts';
import finding from '../../../src/diagnose/rules/default-endpoint-disabled.ts';
import { probe } from '../fixtures.ts';
import { FORBIDDEN_ANSWER, OK, findingContext, fullSnapshot } from '../auth-fixtures.ts';

const disabled = fullSnapshot({ api: { status: 'ok', endpointTypes: ['REGIONAL'], disableExecuteApiEndpoint: true } });

test('default-endpoint-disabled: silent when the endpoint is on, or base-url is a custom domain', () => {
  assert.equal(detect(finding, findingContext({ probes: [probe('GET /health', FORBIDDEN_ANSWER)] })), null);
  const viaDomain = findingContext({ snapshot: disabled, probes: [probe('GET /health', OK)] });
  assert.equal(
    detect(finding, { ...viaDomain, settings: { ...viaDomain.settings, baseUrl: 'https://api.shop.example', baseUrlIsDefault: false } }),
    null,
  );
});

test('default-endpoint-disabled: every request Forbidden on the execute-api host', () => {
  const draft = detect(
    finding,
    findingContext({ snapshot: disabled, probes: [probe('GET /health', FORBIDDEN_ANSWER), probe('GET /users', FORBIDDEN_ANSWER)] }),
  );
  assert.ok(draft);
  assert.equal(draft.severity ?? finding.meta.severity, 'error');
  assert.match(draft.message, /default endpoint disabled/);
  assert.match(draft.message, /2 of 2 requests/);
  assert.match(draft.message, /custom domain/);
  assert.equal(draft.evidence.inEffect, true);
  assert.deepEqual(draft.source, { file: '.github/apigw-routes.yml', line: 3, column: 16 });
});

test('default-endpoint-disabled: saved but not in effect yet is a warning about the next deploy', () => {
  const draft = detect(finding, findingContext({ snapshot: disabled, probes: [probe('GET /health', OK)] }));
  assert.ok(draft);
  assert.equal(draft.severity, 'warning');
  assert.match(draft.message, /takes effect at the next update of a stage/);
  assert.equal(draft.evidence.inEffect, false);
});
