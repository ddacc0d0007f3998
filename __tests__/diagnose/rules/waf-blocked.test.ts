import rule from '../../../src/diagnose/rules/waf-blocked.ts';
import { ruleTester } from '../rule-tester.ts';
import { FORBIDDEN_ANSWER, OK, WITH_KEY, fullSnapshot, on, passing } from '../auth-fixtures.ts';

const webAclArn = 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/edge-rules/0a1b2c3d';
const withWaf = { snapshot: fullSnapshot({ stageInfo: { status: 'ok', deploymentId: 'dep222', existingStages: ['prod'], webAclArn } }) };

ruleTester(rule, {
  valid: [
    { name: 'no web ACL on the stage', ctx: on('GET /health', FORBIDDEN_ANSWER) },
    { name: 'a web ACL, but the route answered', ctx: on('GET /health', OK, withWaf) },
    {
      name: 'a key-required method: the key rules explain Forbidden',
      ctx: on('POST /users', { ...FORBIDDEN_ANSWER, sent: WITH_KEY }, withWaf),
    },
    { name: 'passing', ctx: passing(on('GET /health', FORBIDDEN_ANSWER, withWaf)) },
  ],
  invalid: [
    {
      name: 'Forbidden on an open method of a stage with a web ACL',
      ctx: on('GET /health', FORBIDDEN_ANSWER, withWaf),
      explains: ['web ACL edge-rules', 'before the gateway routes it'],
      fixes: ['sampled requests', 'apigw-route-verify'],
      evidence: { webAclArn, stage: 'prod' },
    },
  ],
});
