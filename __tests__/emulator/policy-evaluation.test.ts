// The full resource-policy evaluation as a function: principals, actions, resources and
// conditions, with IAM's rules for absent keys and the order Deny > Allow > implicit deny.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { type RequestContext, evaluateResourcePolicy } from '../../emulator/data/policy-evaluation.ts';

const ARN = 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/users/42';
const ctx = (over: Partial<RequestContext> = {}): RequestContext => ({ methodArn: ARN, sourceIp: '127.0.0.1', ...over });
const policy = (...Statement: Record<string, unknown>[]): string => JSON.stringify({ Version: '2012-10-17', Statement });
const allow = (extra: Record<string, unknown> = {}) => ({
  Effect: 'Allow',
  Principal: '*',
  Action: 'execute-api:Invoke',
  Resource: 'execute-api:/*',
  ...extra,
});
const deny = (extra: Record<string, unknown> = {}) => ({ ...allow(extra), Effect: 'Deny' });

describe('evaluateResourcePolicy', () => {
  test('Deny beats Allow, which beats saying nothing', () => {
    assert.equal(evaluateResourcePolicy(policy(allow(), deny()), ctx()), 'explicit-deny');
    assert.equal(evaluateResourcePolicy(policy(allow()), ctx()), 'allow');
    assert.equal(evaluateResourcePolicy(policy(allow({ Resource: 'execute-api:/prod/POST/*' })), ctx()), 'implicit-deny');
    assert.equal(evaluateResourcePolicy(policy(), ctx()), 'implicit-deny');
  });

  test('resources: ARNs with wildcards, the execute-api: shorthand, NotResource; actions and NotAction', () => {
    assert.equal(
      evaluateResourcePolicy(policy(allow({ Resource: 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/*/GET/users/*' })), ctx()),
      'allow',
    );
    assert.equal(
      evaluateResourcePolicy(policy(allow({ Resource: 'arn:aws:execute-api:us-east-1:123456789012:otherapi00/*' })), ctx()),
      'implicit-deny',
    );
    assert.equal(evaluateResourcePolicy(policy(allow({ Resource: undefined, NotResource: 'execute-api:/*/DELETE/*' })), ctx()), 'allow');
    assert.equal(evaluateResourcePolicy(policy(allow({ Action: 'execute-api:ManageConnections' })), ctx()), 'implicit-deny');
    assert.equal(evaluateResourcePolicy(policy(allow({ Action: undefined, NotAction: 'execute-api:ManageConnections' })), ctx()), 'allow');
  });

  test('principals: "*" takes anonymous callers, named principals only IAM identities', () => {
    const session = 'arn:aws:sts::123456789012:assumed-role/deploy/ci';
    const named = (AWS: string | string[]) => policy(allow({ Principal: { AWS } }));
    assert.equal(evaluateResourcePolicy(named('*'), ctx()), 'allow');
    for (const entry of [
      '123456789012',
      'arn:aws:iam::123456789012:root',
      'arn:aws:iam::123456789012:role/deploy',
      'arn:aws:iam::123456789012:role/path/deploy',
      session,
    ]) {
      assert.equal(evaluateResourcePolicy(named([entry]), ctx({ principalArn: session })), 'allow', entry);
      assert.equal(evaluateResourcePolicy(named([entry]), ctx()), 'implicit-deny', `${entry}, anonymous`);
    }
    for (const entry of [
      '210987654321',
      'arn:aws:iam::123456789012:role/other',
      'arn:aws:iam::210987654321:role/deploy',
      'arn:aws:iam::123456789012:user/deploy',
    ]) {
      assert.equal(evaluateResourcePolicy(named(entry), ctx({ principalArn: session })), 'implicit-deny', entry);
    }
  });

  test('IpAddress / NotIpAddress: CIDRs and single addresses, IPv4 and IPv6', () => {
    const onlyFrom = (cidrs: string | string[]) => policy(allow({ Condition: { IpAddress: { 'aws:SourceIp': cidrs } } }));
    assert.equal(evaluateResourcePolicy(onlyFrom('127.0.0.0/8'), ctx()), 'allow');
    assert.equal(evaluateResourcePolicy(onlyFrom(['10.0.0.0/8', '127.0.0.1']), ctx()), 'allow');
    assert.equal(evaluateResourcePolicy(onlyFrom('10.0.0.0/8'), ctx()), 'implicit-deny');
    assert.equal(evaluateResourcePolicy(onlyFrom('2001:db8::/32'), ctx({ sourceIp: '2001:db8::7' })), 'allow');
    assert.equal(evaluateResourcePolicy(onlyFrom('10.0.0.0/8'), ctx({ sourceIp: '2001:db8::7' })), 'implicit-deny');
    const notFrom = policy(allow(), deny({ Condition: { NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } } }));
    assert.equal(evaluateResourcePolicy(notFrom, ctx()), 'explicit-deny');
    assert.equal(evaluateResourcePolicy(notFrom, ctx({ sourceIp: '203.0.113.200' })), 'allow');
  });

  test('an absent key (no VPC endpoint) fails positive operators, satisfies negated ones and IfExists', () => {
    const vpceOnly = policy(allow({ Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } }));
    assert.equal(evaluateResourcePolicy(vpceOnly, ctx()), 'implicit-deny');
    assert.equal(evaluateResourcePolicy(vpceOnly, ctx({ sourceVpce: 'vpce-1' })), 'allow');
    const denyOutsideVpce = policy(allow(), deny({ Condition: { StringNotEquals: { 'aws:SourceVpce': ['vpce-1', 'vpce-2'] } } }));
    assert.equal(evaluateResourcePolicy(denyOutsideVpce, ctx()), 'explicit-deny');
    assert.equal(evaluateResourcePolicy(denyOutsideVpce, ctx({ sourceVpce: 'vpce-2' })), 'allow');
    assert.equal(
      evaluateResourcePolicy(policy(allow({ Condition: { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } } })), ctx()),
      'allow',
    );
    assert.equal(
      evaluateResourcePolicy(
        policy(allow({ Condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:sts::*:assumed-role/deploy/*' } } })),
        ctx({ principalArn: 'arn:aws:sts::123456789012:assumed-role/deploy/ci' }),
      ),
      'allow',
    );
  });

  test('every operator and key of a statement must hold', () => {
    const both = policy(allow({ Condition: { IpAddress: { 'aws:SourceIp': '127.0.0.1' }, StringEquals: { 'aws:SourceVpce': 'vpce-1' } } }));
    assert.equal(evaluateResourcePolicy(both, ctx()), 'implicit-deny');
    assert.equal(evaluateResourcePolicy(both, ctx({ sourceVpce: 'vpce-1' })), 'allow');
  });

  test('what the emulator cannot evaluate is an error that says what to change', () => {
    assert.throws(
      () => evaluateResourcePolicy(policy(allow({ Principal: undefined, NotPrincipal: { AWS: '1' } })), ctx()),
      /NotPrincipal .* not evaluated/,
    );
    assert.throws(
      () => evaluateResourcePolicy(policy(allow({ Condition: { NumericLessThan: { 'aws:SourceIp': '1' } } })), ctx()),
      /operator "NumericLessThan" is not evaluated/,
    );
    assert.throws(
      () => evaluateResourcePolicy(policy(allow({ Condition: { IpAddress: { 'aws:SourceIp': 'office' } } })), ctx()),
      /"office" .* is not an address or CIDR/,
    );
    assert.throws(() => evaluateResourcePolicy('denyAll', ctx()), /must be a JSON policy document/);
  });
});
