import rule from '../../../src/diagnose/rules/root-has-no-method.ts';
import { blindSnapshot, context, probe } from '../fixtures.ts';
import { ruleTester } from '../rule-tester.ts';
import { ANSWERED, methods, served, viaBaseUrl } from '../routing-fixtures.ts';

ruleTester(rule, {
  valid: [
    { name: 'the root has the verb', ctx: context(probe('GET /')) },
    { name: 'the root has ANY', ctx: served(probe('DELETE /'), methods('ANY /', 'GET /users')) },
    { name: 'not the root', ctx: context(probe('GET /nope')) },
    { name: 'control plane blind', ctx: context(probe('POST /'), { snapshot: blindSnapshot() }) },
    { name: 'answered by the backend', ctx: served(probe('GET /', ANSWERED), methods('ANY /{proxy+}')) },
    {
      name: 'no stage in the URL: stage-missing-in-url explains it',
      ctx: viaBaseUrl('POST /', 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com'),
    },
  ],
  invalid: [
    {
      name: 'a {proxy+} never matches /',
      ctx: served(probe('GET /'), methods('ANY /{proxy+}')),
      explains: ['no GET (nor ANY) method on the root resource /', 'it has none', '/{proxy+} does not cover it'],
      fixes: ['Add a GET or ANY method on /', 'create-deployment', 'sub-path'],
      evidence: { path: '/', verb: 'GET', methods: [], proxies: ['/{proxy+}'] },
    },
    {
      name: 'the root has other verbs',
      ctx: context(probe('POST /')),
      explains: ['no POST (nor ANY)', 'it has GET'],
      evidence: { methods: ['GET'], proxies: undefined },
    },
    {
      name: 'a deeper proxy is not a root proxy',
      ctx: served(probe('GET /'), methods('ANY /api/{proxy+}', 'GET /health')),
      evidence: { methods: [], proxies: undefined },
    },
  ],
});
