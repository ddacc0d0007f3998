import rule from '../../../src/diagnose/rules/route-not-deployed.ts';
import type { MethodTable } from '../../../src/types.ts';
import { blindSnapshot, context, probe, route, snapshot, table } from '../fixtures.ts';
import { ruleTester } from '../rule-tester.ts';
import { ANSWERED, IAM, methods, served, viaBaseUrl } from '../routing-fixtures.ts';

/** The definition after someone added `extra` without deploying. */
function definedWith(extra: MethodTable): MethodTable {
  return { ...table(), ...extra };
}

const behind = (extra: MethodTable) =>
  snapshot({
    deployed: table(),
    defined: definedWith(extra),
    stageInfo: { status: 'ok', deploymentId: 'dep111', existingStages: ['prod'] },
    latestDeployment: { id: 'dep222', createdDate: '2026-11-20T10:00:00.000Z' },
  });

ruleTester(rule, {
  valid: [
    { name: 'served in both: an unsigned IAM call, not a deployment problem', ctx: context(probe('GET /reports')) },
    { name: 'in neither table', ctx: context(probe('GET /nope')) },
    { name: 'control plane blind', ctx: context(probe('GET /admin'), { snapshot: blindSnapshot() }) },
    {
      name: 'deployment unreadable, definition readable: cannot tell',
      ctx: context(probe('GET /admin'), { snapshot: snapshot({ deployed: undefined, defined: definedWith(methods('GET /admin')) }) }),
    },
    {
      name: 'the definition has its own method, the deployment serves it through the proxy',
      ctx: served(
        probe('GET /admin'),
        methods(['POST /admin', IAM], 'ANY /{proxy+}'),
        methods(['POST /admin', IAM], 'GET /admin', 'ANY /{proxy+}'),
      ),
    },
    {
      name: 'not deployed but answered (another gateway answered)',
      ctx: context(probe('GET /admin', ANSWERED), { snapshot: behind(methods('GET /admin')) }),
    },
    {
      name: 'the URL has no stage: stage-missing-in-url explains it',
      ctx: viaBaseUrl('GET /admin', 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com', behind(methods('GET /admin'))),
    },
  ],
  invalid: [
    {
      name: 'added to the definition, the stage serves an older deployment',
      ctx: context(probe(route('GET /invoices/{id}', { params: { id: '7' } })), { snapshot: behind(methods('GET /invoices/{id}')) }),
      explains: [
        'GET /invoices/7',
        '(GET /invoices/{id})',
        'deployment dep111',
        'stage prod',
        'newest deployment is dep222 (created 2026-11-20T10:00:00.000Z)',
      ],
      fixes: ['aws apigateway create-deployment --rest-api-id a1b2c3d4e5 --stage-name prod --region us-east-1', 'IaC'],
      evidence: {
        route: 'GET /invoices/7',
        definedAs: 'GET /invoices/{id}',
        stage: 'prod',
        stageDeploymentId: 'dep111',
        latestDeploymentId: 'dep222',
      },
    },
    {
      name: 'the stage is on the newest deployment: the route came after it',
      ctx: context(probe('GET /admin'), {
        snapshot: snapshot({ deployed: table(), defined: definedWith(methods('GET /admin')) }),
      }),
      explains: ['deployment dep222', 'That is the newest deployment', 'no deployment has it yet'],
      evidence: { stageDeploymentId: 'dep222', latestDeploymentId: 'dep222' },
    },
    {
      name: 'a new verb on an existing resource',
      ctx: context(probe('DELETE /users/{id}'), {
        snapshot: behind({ '/users/{id}': { ...table()['/users/{id}'], ...methods('DELETE /users/{id}')['/users/{id}'] } }),
      }),
      evidence: { definedAs: 'DELETE /users/{id}' },
    },
    {
      name: 'the definition serves it through a new {proxy+}',
      ctx: context(probe('GET /files/a.txt'), { snapshot: behind(methods('ANY /files/{proxy+}')) }),
      evidence: { definedAs: 'ANY /files/{proxy+}' },
    },
    {
      name: 'a CORS preflight whose OPTIONS method is not deployed yet',
      ctx: context(probe(route('OPTIONS /orders', { cors: { origin: 'https://app.example.com', method: 'POST', headers: [] } })), {
        snapshot: behind({ '/orders': { ...table()['/orders'], ...methods('OPTIONS /orders')['/orders'] } }),
      }),
      evidence: { definedAs: 'OPTIONS /orders' },
    },
  ],
});
