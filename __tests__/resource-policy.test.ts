import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appliesTo, codeText, filtersOnSourceIp, parsePolicy, quoteStatement, statementsCovering } from '../src/resource-policy.ts';
import type { PolicyStatement } from '../src/types.ts';

const REQUEST = { restApiId: 'a1b2c3d4e5', stage: 'prod', verb: 'GET', path: '/users/42' };
const allow = (resource: string | string[], extra: Partial<PolicyStatement> = {}): PolicyStatement => ({
  Effect: 'Allow',
  Principal: '*',
  Action: 'execute-api:Invoke',
  Resource: resource,
  ...extra,
});

test('parsePolicy: plain JSON, the escaped form GetRestApi sends, a lone statement; anything else is undefined', () => {
  const doc = { Version: '2012-10-17', Statement: [allow('execute-api:/*')] };
  assert.deepEqual(parsePolicy(JSON.stringify(doc)), doc);
  assert.deepEqual(parsePolicy(JSON.stringify(JSON.stringify(doc)).slice(1, -1)), doc);
  assert.deepEqual(parsePolicy(JSON.stringify({ Statement: allow('*') })), { Statement: [allow('*')] });
  assert.equal(parsePolicy('{not json'), undefined);
  assert.equal(parsePolicy('42'), undefined);
  assert.deepEqual(
    parsePolicy('{"Statement":[1,"x",{"Effect":"Deny"}]}'),
    { Statement: [{ Effect: 'Deny' }] },
    'entries without an Effect are dropped',
  );
});

test('statementsCovering: shorthand and full ARNs, wildcards, actions, NotResource', () => {
  const policy = {
    Statement: [
      allow('execute-api:/*/GET/users/*', { Sid: 'a' }),
      allow('execute-api:/prod/POST/users/*', { Sid: 'verb' }),
      allow('arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/*/*/users/4?', { Sid: 'arn' }),
      allow('arn:aws:execute-api:us-east-1:123456789012:otherapi00/*', { Sid: 'other-api' }),
      allow('execute-api:/*', { Sid: 'action', Action: 's3:GetObject' }),
      allow('*', { Sid: 'star', Action: 'execute-api:*' }),
      { Sid: 'not', Effect: 'Deny', Principal: '*', Action: '*', NotResource: 'execute-api:/*/GET/health' },
    ],
  };
  assert.deepEqual(
    statementsCovering(policy, REQUEST).map((s) => s.Sid),
    ['a', 'arn', 'star', 'not'],
  );
});

test('appliesTo: source IP (v4 and v6 CIDRs), VPC endpoint, principals; unknown facts stay unknown', () => {
  const office = allow('*', { Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] } } });
  assert.equal(appliesTo(office, { sourceIp: '203.0.113.9' }), true);
  assert.equal(appliesTo(office, { sourceIp: '198.51.100.1' }), false);
  assert.equal(appliesTo(office, { sourceIp: '2001:db8::1' }), true);
  assert.equal(appliesTo(office, {}), undefined, 'the runner address unknown');
  const vpceOnly: PolicyStatement = {
    Effect: 'Deny',
    Principal: '*',
    Action: '*',
    Resource: '*',
    Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } },
  };
  assert.equal(appliesTo(vpceOnly, { sourceVpce: null }), true, 'over the internet the key is missing: StringNotEquals holds');
  assert.equal(appliesTo(vpceOnly, { sourceVpce: 'vpce-1' }), false);
  const deploy = allow('*', { Principal: { AWS: ['arn:aws:iam::123456789012:role/deploy'] } });
  assert.equal(appliesTo(deploy, { principal: 'arn:aws:sts::123456789012:assumed-role/deploy/ci' }), true);
  assert.equal(appliesTo(deploy, { principal: 'arn:aws:sts::123456789012:assumed-role/stranger/ci' }), false);
  assert.equal(appliesTo(deploy, { principal: 'anonymous' }), false);
  assert.equal(
    appliesTo(allow('*', { Principal: { AWS: '123456789012' } }), { principal: 'arn:aws:sts::123456789012:assumed-role/x/y' }),
    true,
  );
});

test('filtersOnSourceIp and quoteStatement', () => {
  assert.equal(filtersOnSourceIp({ Statement: [allow('*', { Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } })] }), true);
  assert.equal(filtersOnSourceIp({ Statement: [allow('*')] }), false);
  assert.equal(filtersOnSourceIp(undefined), false);
  assert.equal(quoteStatement(allow('*', { Sid: 'S' })), '`{"Sid":"S","Effect":"Allow"}`');
  assert.equal(
    quoteStatement(allow('*', { Sid: 'a`b [x](https://evil.example) <img>' })),
    '`{"Sid":"a\'b [x](https://evil.example) <img>","Effect":"Allow"}`',
    'a policy cannot close the span',
  );
  assert.equal(codeText('a\nb`c'), "`a b'c`");
  const long = quoteStatement(
    allow('*', { Condition: { IpAddress: { 'aws:SourceIp': Array.from({ length: 50 }, (_, i) => `10.0.${i}.0/24`) } } }),
  );
  assert.ok(long.length <= 302 && long.endsWith('...`'), long);
});
