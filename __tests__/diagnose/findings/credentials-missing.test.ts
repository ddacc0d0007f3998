import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detect } from './finding-tester.ts';
import finding from '../../../src/diagnose/rules/credentials-missing.ts';
import type { ResolvedAuth } from '../../../src/types.ts';
import { probe, route } from '../fixtures.ts';
import { findingContext } from '../auth-fixtures.ts';

const at = (spec: string, line: number, auth: ResolvedAuth) =>
  probe(route(spec, { source: { file: '.github/apigw-routes.yml', line, column: 5 } }), { auth });

test('credentials-missing: silent with credentials', () => {
  assert.equal(detect(finding, findingContext({ probes: [at('GET /reports', 9, 'iam')], hasCredentials: true })), null);
});

test('credentials-missing: no route needs SigV4, yet the stage went unread: a warning, not an error', () => {
  const draft = detect(
    finding,
    findingContext({ probes: [at('GET /health', 5, 'none'), at('POST /orders', 6, 'token')], hasCredentials: false }),
  );
  assert.ok(draft);
  assert.equal(draft.severity, 'warning');
  assert.match(draft.message, /deployed stage was not read/);
  assert.match(draft.message, /configure-aws-credentials/);
  assert.equal(draft.source, undefined);
});

test('credentials-missing: lists the SigV4 routes in manifest order, annotated at the first', () => {
  const probes = [at('GET /health', 5, 'none'), at('GET /audit', 12, 'iam+api-key'), at('GET /reports', 9, 'iam')];
  const draft = detect(finding, findingContext({ probes, hasCredentials: false }));
  assert.ok(draft);
  assert.equal(finding.meta.severity, 'error');
  assert.match(
    draft.message,
    /^2 routes need SigV4 signing \(auth iam\) but no AWS credentials were available, so they were not signed: GET \/reports, GET \/audit\./,
  );
  assert.match(draft.message, /Missing Authentication Token/);
  assert.match(draft.message, /configure-aws-credentials/);
  assert.match(draft.message, /id-token: write/);
  assert.deepEqual(draft.evidence, { routes: ['GET /reports', 'GET /audit'], count: 2 });
  assert.deepEqual(draft.source, { file: '.github/apigw-routes.yml', line: 9, column: 5 });
});

test('credentials-missing: caps a long list', () => {
  const probes = Array.from({ length: 13 }, (_, i) => at(`GET /r${String(i).padStart(2, '0')}`, 10 + i, 'iam'));
  const draft = detect(finding, findingContext({ probes, hasCredentials: false }));
  assert.ok(draft);
  assert.match(draft.message, /GET \/r09 and 3 more\./);
  assert.equal((draft.evidence.routes as string[]).length, 13);
});
