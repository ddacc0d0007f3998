// The routing rules together, through the engine and the full rule list: for each failure the
// first matching rule must be the one cause that fits (routing before auth, docs/diagnoses.md).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from './rule-tester.ts';
import type { CheckInput } from '../../src/diagnose/evidence.ts';
import { blindSnapshot, context, probe, route, snapshot, table } from './fixtures.ts';
import { IAM, apiMissing, methods, served, stageMissing, viaBaseUrl } from './routing-fixtures.ts';

const HOST = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com';

const cases: [string, CheckInput, string][] = [
  ['an unknown API', context(probe('GET /users'), { snapshot: apiMissing() }), 'api-not-found'],
  ['an unknown stage', context(probe('GET /users'), { snapshot: stageMissing(['production']) }), 'stage-not-found'],
  ['no stage in the base URL, before any resource cause', viaBaseUrl('GET /user', HOST), 'stage-missing-in-url'],
  ['no stage in the base URL, control plane blind', viaBaseUrl('GET /users', HOST, blindSnapshot()), 'stage-missing-in-url'],
  [
    'in the definition only',
    context(probe('GET /admin'), { snapshot: snapshot({ deployed: table(), defined: { ...table(), ...methods('GET /admin') } }) }),
    'route-not-deployed',
  ],
  [
    'a preflight without OPTIONS',
    context(probe(route('OPTIONS /orders', { cors: { origin: 'https://app.example.com', method: 'POST', headers: [] } }))),
    'cors-preflight-missing',
  ],
  ['the root behind a {proxy+}', served(probe('GET /'), methods('ANY /{proxy+}')), 'root-has-no-method'],
  [
    'a resource with other verbs and a {param} child',
    served(probe('GET /bookings'), methods('POST /bookings', 'GET /bookings/{id}')),
    'method-not-defined',
  ],
  ['only the prefix of a {param}', served(probe('GET /users'), methods('GET /users/{id}')), 'path-parameter-missing'],
  ['a plural typo', context(probe('GET /user')), 'resource-not-found'],
  ['a missing prefix', served(probe('GET /users'), methods('GET /api/v1/users')), 'resource-not-found'],
  ['an unsigned call to an IAM route is no routing cause', context(probe('GET /reports')), 'iam-signature-required'],
];

describe('routing precedence through the engine', () => {
  for (const [name, ctx, code] of cases) {
    test(`${name} → ${code}`, () => assert.equal(diagnose(ctx).diagnosis?.code, code));
  }

  test('guarded POST /admin + open ANY /{proxy+}: the proxy served GET /admin, so no routing rule speaks', () => {
    const ctx = served(
      probe('GET /admin', {
        status: 500,
        classification: { errorType: 'InternalServerErrorException', by: 'header', message: 'Internal server error' },
      }),
      methods(['POST /admin', IAM], 'ANY /{proxy+}'),
    );
    const code = diagnose(ctx).diagnosis?.code;
    assert.ok(
      code && !['resource-not-found', 'method-not-defined', 'path-parameter-missing', 'route-not-deployed'].includes(code),
      `got ${code}`,
    );
  });

  test('a MAT with the control plane blind is left to the other tiers', () => {
    const code = diagnose(context(probe('GET /user'), { snapshot: blindSnapshot() })).diagnosis?.code;
    assert.ok(code, 'something explains it');
    assert.ok(
      ![
        'route-not-deployed',
        'cors-preflight-missing',
        'root-has-no-method',
        'method-not-defined',
        'path-parameter-missing',
        'resource-not-found',
      ].includes(code),
      `got ${code}`,
    );
  });
});
