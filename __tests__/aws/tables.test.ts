import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment } from '@aws-sdk/client-api-gateway';
import { readAllPages } from '../../src/aws/calls.ts';
import type { Page } from '../../src/aws/calls.ts';
import { methodTableFromApiSummary, methodTableFromResources, newestDeployment, withAuthorizerIds } from '../../src/aws/tables.ts';
import type { MethodTable } from '../../src/types.ts';

const at = (seconds: number) => new Date(seconds * 1000);

describe('newestDeployment', () => {
  const cases: [string, Deployment[], string | undefined][] = [
    ['none', [], undefined],
    [
      'the latest date wins wherever it is listed',
      [
        { id: 'a', createdDate: at(300) },
        { id: 'b', createdDate: at(900) },
        { id: 'c', createdDate: at(600) },
      ],
      'b',
    ],
    ['a dated deployment beats one without a date', [{ id: 'undated' }, { id: 'dated', createdDate: at(1) }], 'dated'],
    [
      'ties keep the first listed',
      [
        { id: 'first', createdDate: at(5) },
        { id: 'second', createdDate: at(5) },
      ],
      'first',
    ],
    ['entries without an id are ignored', [{ createdDate: at(999) }, { id: 'x', createdDate: at(1) }], 'x'],
  ];
  for (const [name, deployments, expected] of cases) {
    test(name, () => assert.equal(newestDeployment(deployments)?.id, expected));
  }

  test('gives the creation date as ISO 8601', () => {
    assert.deepEqual(newestDeployment([{ id: 'a', createdDate: at(1700000000) }]), { id: 'a', createdDate: '2023-11-14T22:13:20.000Z' });
    assert.deepEqual(newestDeployment([{ id: 'a' }]), { id: 'a' });
  });
});

describe('method tables', () => {
  test('the API summary keeps paths and upper-cases verbs; absent fields mean NONE and no key', () => {
    assert.deepEqual(methodTableFromApiSummary({ '/a': { get: {}, POST: { authorizationType: 'AWS_IAM', apiKeyRequired: true } } }), {
      '/a': { GET: { authorizationType: 'NONE', apiKeyRequired: false }, POST: { authorizationType: 'AWS_IAM', apiKeyRequired: true } },
    });
    assert.deepEqual(methodTableFromApiSummary(undefined), {});
  });

  test('resources without methods stay in the definition with no verbs', () => {
    assert.deepEqual(
      methodTableFromResources([
        { id: '1', path: '/' },
        { id: '2', path: '/x', resourceMethods: { ANY: { httpMethod: 'ANY', authorizationType: 'CUSTOM', authorizerId: 'au9' } } },
        { id: '3' },
      ]),
      { '/': {}, '/x': { ANY: { authorizationType: 'CUSTOM', apiKeyRequired: false, authorizerId: 'au9' } } },
    );
  });

  const defined: MethodTable = {
    '/a': {
      GET: { authorizationType: 'CUSTOM', apiKeyRequired: false, authorizerId: 'lambda1' },
      POST: { authorizationType: 'COGNITO_USER_POOLS', apiKeyRequired: false, authorizerId: 'pool1' },
    },
  };
  const cases: [string, MethodTable, MethodTable][] = [
    [
      'same path, verb and type: the id is taken',
      { '/a': { GET: { authorizationType: 'CUSTOM', apiKeyRequired: false } } },
      { '/a': { GET: { authorizationType: 'CUSTOM', apiKeyRequired: false, authorizerId: 'lambda1' } } },
    ],
    [
      'the type changed since the deployment: no id',
      { '/a': { POST: { authorizationType: 'CUSTOM', apiKeyRequired: false } } },
      { '/a': { POST: { authorizationType: 'CUSTOM', apiKeyRequired: false } } },
    ],
    [
      'a method gone from the definition: no id',
      { '/b': { GET: { authorizationType: 'CUSTOM', apiKeyRequired: false } } },
      { '/b': { GET: { authorizationType: 'CUSTOM', apiKeyRequired: false } } },
    ],
  ];
  for (const [name, deployed, expected] of cases) {
    test(`authorizer ids of deployed methods — ${name}`, () => {
      const before = structuredClone(deployed);
      assert.deepEqual(withAuthorizerIds(deployed, defined), expected);
      assert.deepEqual(deployed, before, 'the input is not modified');
    });
  }
});

describe('readAllPages', () => {
  test('follows positions in order and stops when none is returned', async () => {
    const asked: (string | undefined)[] = [];
    const pages: Record<string, Page<number>> = {
      start: { items: [1, 2], position: 'p2' },
      p2: { items: [3], position: 'p3' },
      p3: { items: [4] },
    };
    const all = await readAllPages(async (position) => {
      asked.push(position);
      const page = pages[position ?? 'start'];
      assert.ok(page, `no page at ${position}`);
      return page;
    });
    assert.deepEqual(all, [1, 2, 3, 4]);
    assert.deepEqual(asked, [undefined, 'p2', 'p3']);
  });

  test('a position handed out twice ends the loop instead of spinning', async () => {
    let calls = 0;
    const all = await readAllPages(async () => {
      calls += 1;
      return { items: [calls], position: 'same' };
    });
    assert.deepEqual(all, [1, 2]);
  });
});
