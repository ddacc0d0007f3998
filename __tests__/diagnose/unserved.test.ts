// The control plane's relabel of a 4xx nothing names, through the evidence of a check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CheckInput } from '../../src/diagnose/evidence.ts';
import { evidenceOf } from '../../src/diagnose/evidence.ts';
import { withControlPlaneEvidence } from '../../src/diagnose/unserved.ts';
import type { Classification, RouteSpec, Snapshot } from '../../src/types.ts';
import { context, probe, route, snapshot } from './fixtures.ts';

const none: Classification = {};

/** What the stage's deployment serves for the route, as the evidence reads it. */
function deployed(r: RouteSpec, s: Snapshot): 'served' | 'none' | 'unknown' {
  const { state } = evidenceOf(context(probe(r), { snapshot: s })).deployed;
  return state === 'served' || state === 'none' ? state : 'unknown';
}

const answered = (ctx: CheckInput) => evidenceOf(ctx).classification;

test('a 4xx nothing names, for a request no deployed method serves, is the gateway’s customised MAT', () => {
  const c = withControlPlaneEvidence(none, 404, deployed(route('GET /itemz'), snapshot()));
  assert.deepEqual(c, { errorType: 'MissingAuthenticationTokenException', by: 'control-plane' });
  // … and the evidence of such a check carries it
  const ctx = context(probe('GET /itemz', { status: 404, headers: {}, body: 'nope', classification: none }));
  assert.deepEqual(answered(ctx), { errorType: 'MissingAuthenticationTokenException', by: 'control-plane' });
});

test('left alone: a served route, a named error, a 2xx/5xx, no answer, a blind control plane', () => {
  const served = route('GET /users/{id}', { params: { id: '42' } });
  assert.equal(withControlPlaneEvidence(none, 404, deployed(served, snapshot())), none, 'the backend said 404');
  const named = { errorType: 'ForbiddenException', by: 'header' as const };
  assert.equal(withControlPlaneEvidence(named, 403, deployed(route('GET /itemz'), snapshot())), named);
  assert.equal(withControlPlaneEvidence(none, 200, deployed(route('GET /itemz'), snapshot())), none);
  assert.equal(withControlPlaneEvidence(none, 502, deployed(route('GET /itemz'), snapshot())), none);
  assert.equal(withControlPlaneEvidence(none, undefined, deployed(route('GET /itemz'), snapshot())), none);
  assert.equal(withControlPlaneEvidence(none, 404, deployed(route('GET /itemz'), snapshot({ deployed: undefined }))), none);
});
