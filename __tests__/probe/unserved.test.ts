import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withControlPlaneEvidence } from '../../src/probe/unserved.ts';
import { route, snapshot } from '../diagnose/fixtures.ts';

const none = {};

test('a 4xx nothing names, for a request no deployed method serves, is the gateway’s customised MAT', () => {
  const c = withControlPlaneEvidence(none, 404, route('GET /itemz'), snapshot());
  assert.deepEqual(c, { errorType: 'MissingAuthenticationTokenException', by: 'control-plane' });
});

test('left alone: a served route, a named error, a 2xx/5xx, no answer, a blind control plane', () => {
  const served = route('GET /users/{id}', { params: { id: '42' } });
  assert.equal(withControlPlaneEvidence(none, 404, served, snapshot()), none, 'the backend said 404');
  const named = { errorType: 'ForbiddenException', by: 'header' as const };
  assert.equal(withControlPlaneEvidence(named, 403, route('GET /itemz'), snapshot()), named);
  assert.equal(withControlPlaneEvidence(none, 200, route('GET /itemz'), snapshot()), none);
  assert.equal(withControlPlaneEvidence(none, 502, route('GET /itemz'), snapshot()), none);
  assert.equal(withControlPlaneEvidence(none, undefined, route('GET /itemz'), snapshot()), none);
  assert.equal(withControlPlaneEvidence(none, 404, route('GET /itemz'), snapshot({ deployed: undefined })), none);
});
