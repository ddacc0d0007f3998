import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { leastPrivilegePolicy, partitionOf } from '../../src/aws/policy.ts';

interface Statement {
  Effect: string;
  Action: string;
  Resource: string[];
}

function statements(json: string): Statement[] {
  const policy = JSON.parse(json) as { Version: string; Statement: Statement[] };
  assert.equal(policy.Version, '2012-10-17');
  return policy.Statement;
}

describe('leastPrivilegePolicy', () => {
  test('grants apigateway:GET on the API and below, and execute-api:Invoke on its routes', () => {
    const [read, invoke, ...rest] = statements(leastPrivilegePolicy('eu-west-1', 'a1b2c3d4e5'));
    assert.ok(read && invoke);
    assert.deepEqual(rest, []);
    assert.equal(read.Effect, 'Allow');
    assert.equal(read.Action, 'apigateway:GET');
    assert.deepEqual(read.Resource, [
      'arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5',
      'arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/*',
    ]);
    assert.equal(invoke.Effect, 'Allow');
    assert.equal(invoke.Action, 'execute-api:Invoke');
    assert.deepEqual(invoke.Resource, ['arn:aws:execute-api:eu-west-1:*:a1b2c3d4e5/*']);
  });

  test('limits Invoke to one stage when given', () => {
    const [, invoke] = statements(leastPrivilegePolicy('us-east-1', 'a1b2c3d4e5', 'prod'));
    assert.ok(invoke);
    assert.deepEqual(invoke.Resource, ['arn:aws:execute-api:us-east-1:*:a1b2c3d4e5/prod/*']);
  });

  test('reads the custom domain and its base-path mappings when a domain is given, before Invoke', () => {
    const [read, domain, invoke, ...rest] = statements(leastPrivilegePolicy('us-east-1', 'a1b2c3d4e5', 'prod', 'API.example.com'));
    assert.ok(read && domain && invoke);
    assert.deepEqual(rest, []);
    assert.equal(domain.Action, 'apigateway:GET');
    assert.deepEqual(domain.Resource, [
      'arn:aws:apigateway:us-east-1::/domainnames/api.example.com',
      'arn:aws:apigateway:us-east-1::/domainnames/api.example.com/basepathmappings',
    ]);
    assert.equal(invoke.Action, 'execute-api:Invoke');
  });

  test('uses the partition of the region', () => {
    const [read, invoke] = statements(leastPrivilegePolicy('cn-north-1', 'x1'));
    assert.ok(read && invoke);
    assert.equal(read.Resource[0], 'arn:aws-cn:apigateway:cn-north-1::/restapis/x1');
    assert.equal(invoke.Resource[0], 'arn:aws-cn:execute-api:cn-north-1:*:x1/*');
  });

  test('is pretty-printed for the log', () => {
    const json = leastPrivilegePolicy('us-east-1', 'x1');
    assert.match(json, /^\{\n {2}"Version": "2012-10-17",\n/);
  });
});

describe('partitionOf', () => {
  const cases: [string, string][] = [
    ['us-east-1', 'aws'],
    ['eu-central-2', 'aws'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-iso-east-1', 'aws-iso'],
    ['us-isob-east-1', 'aws-iso-b'],
  ];
  for (const [region, partition] of cases) test(`${region} → ${partition}`, () => assert.equal(partitionOf(region), partition));
});
