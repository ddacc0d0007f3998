import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../../src/diagnose/rules/canary-active.ts';
import { diagnose, ruleTester } from '../rule-tester.ts';
import { context, probe, snapshot } from '../fixtures.ts';
import type { ProbeOver } from '../fixtures.ts';
import { OK, answer, passing } from '../auth-fixtures.ts';
import { methods } from '../routing-fixtures.ts';
import type { CheckInput } from '../../../src/diagnose/evidence.ts';

const MAT = answer(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
const STABLE = methods('GET /health', 'GET /products', 'GET /legacy');
const CANARY = methods('GET /health', 'GET /products', 'GET /recommendations');

function withCanary(spec: string, over: ProbeOver, percentTraffic = 10, canaryRead = true): CheckInput {
  return context(probe(spec, over), {
    snapshot: snapshot({
      deployed: STABLE,
      defined: CANARY,
      stageInfo: { status: 'ok', deploymentId: 'dep111', existingStages: ['prod'], canary: { deploymentId: 'dep222', percentTraffic } },
      ...(canaryRead ? { canaryDeployed: CANARY } : {}),
    }),
  });
}

ruleTester(rule, {
  valid: [
    { name: 'a route both deployments serve, failing', ctx: withCanary('GET /products', MAT) },
    { name: 'a route both deployments serve, passing', ctx: passing(withCanary('GET /health', OK)) },
    { name: 'a route neither serves', ctx: withCanary('GET /nothing', MAT) },
    { name: 'passing, and the canary that lacks it serves 0%', ctx: passing(withCanary('GET /legacy', OK, 0)) },
    { name: "the canary's deployment could not be read", ctx: withCanary('GET /recommendations', MAT, 10, false) },
    {
      name: 'only the canary serves it, but the failure is no routing miss',
      ctx: withCanary('GET /recommendations', answer(502, 'InternalServerErrorException', 'Internal server error')),
    },
  ],
  invalid: [
    {
      name: 'only the canary serves it: MAT from the stable deployment',
      ctx: withCanary('GET /recommendations', MAT),
      explains: [
        '10% of its requests are served by the canary',
        'dep222',
        "served by the stage's deployment dep111",
        'About 90% of requests',
      ],
      fixes: ['op=copy,from=/canarySettings/deploymentId,path=/deploymentId'],
      evidence: { inStable: false, inCanary: true, missingShare: 90 },
      severity: 'error',
    },
    {
      name: 'a 0% canary: every request gets MAT',
      ctx: withCanary('GET /recommendations', MAT, 0),
      explains: ['all of them: the canary serves 0% of the traffic'],
    },
    {
      name: 'the canary lacks it: MAT from the canary deployment',
      ctx: withCanary('GET /legacy', MAT),
      explains: ["the canary's dep222 lacks it", "served by the canary's deployment dep222"],
      fixes: ['op=remove,path=/canarySettings'],
      evidence: { missingShare: 10 },
    },
    {
      name: 'passed after a MAT: the canary, not a flaky backend',
      ctx: passing(
        withCanary(
          'GET /recommendations',
          {
            ...OK,
            attempts: [
              { status: 403, errorType: 'MissingAuthenticationTokenException', durationMs: 5 },
              { status: 200, durationMs: 5 },
            ],
          },
          50,
        ),
      ),
      explains: ['passed', 'not a flaky backend', 'About 50% of callers'],
      severity: 'warning',
    },
  ],
});

test('canary-active comes before route-not-deployed and flaky', () => {
  assert.equal(diagnose(withCanary('GET /recommendations', MAT)).diagnosis?.code, 'canary-active');
  const retried = passing(
    withCanary(
      'GET /recommendations',
      {
        ...OK,
        attempts: [
          { status: 403, durationMs: 5 },
          { status: 200, durationMs: 5 },
        ],
      },
      50,
    ),
  );
  assert.deepEqual([diagnose(retried).diagnosis?.code, diagnose(retried).outcome], ['canary-active', 'warning']);
  // without the canary's summary the stage's deployment decides
  assert.equal(diagnose(withCanary('GET /recommendations', MAT, 10, false)).diagnosis?.code, 'route-not-deployed');
});
