import rule from '../../../src/diagnose/rules/method-not-defined.ts';
import { blindSnapshot, context, probe, snapshot, table } from '../fixtures.ts';
import { ruleTester } from '../rule-tester.ts';
import { ANSWERED, IAM, methods, served } from '../routing-fixtures.ts';

ruleTester(rule, {
  valid: [
    { name: 'the resource serves the verb', ctx: context(probe('POST /users')) },
    { name: "the root is root-has-no-method's", ctx: context(probe('POST /')) },
    { name: 'only the prefix of a {param}: path-parameter-missing', ctx: served(probe('GET /users'), methods('GET /users/{id}')) },
    {
      name: 'a prefix with only a CORS preflight is no resource with methods: path-parameter-missing',
      ctx: served(probe('GET /users'), methods('OPTIONS /users', 'GET /users/{id}')),
    },
    { name: 'no such resource: resource-not-found', ctx: context(probe('GET /user')) },
    {
      name: 'a guarded POST /admin does not hold the path: ANY /{proxy+} served GET /admin',
      ctx: served(probe('GET /admin'), methods(['POST /admin', IAM], 'ANY /{proxy+}')),
    },
    { name: 'control plane blind', ctx: context(probe('GET /orders'), { snapshot: blindSnapshot() }) },
    {
      name: 'in the definition, not deployed: route-not-deployed',
      ctx: context(probe('GET /orders'), {
        snapshot: snapshot({
          deployed: table(),
          defined: { ...table(), '/orders': { ...table()['/orders'], ...methods('GET /orders')['/orders'] } },
        }),
      }),
    },
    { name: 'answered by the backend', ctx: context(probe('GET /orders', ANSWERED)) },
  ],
  invalid: [
    {
      name: 'the path is a resource: it beats path-parameter-missing and names the child that serves GET',
      ctx: served(probe('GET /bookings'), methods('POST /bookings', 'GET /bookings/{id}')),
      title: 'GET not defined on /bookings',
      explains: ['Resource /bookings', 'no GET (nor ANY) method', 'it has POST', 'GET is served below it: GET /bookings/{id}'],
      fixes: ['If you meant GET /bookings/{id}', 'add a GET (or ANY) method on /bookings'],
      evidence: { path: '/bookings', resource: '/bookings', verb: 'GET', methods: ['POST'], servedBelow: ['GET /bookings/{id}'] },
    },
    {
      name: 'a POST-only resource asked for GET (what a browser sends)',
      ctx: context(probe('GET /orders')),
      explains: ['it has POST', 'A browser sends GET too'],
      fixes: ['a method /orders has (POST /orders)'],
      evidence: { methods: ['POST'], servedBelow: undefined },
    },
    {
      name: 'HEAD is not GET',
      ctx: context(probe('HEAD /health')),
      explains: ['no HEAD (nor ANY)', 'it has GET', 'HEAD is not GET'],
      evidence: { verb: 'HEAD', methods: ['GET'] },
    },
    {
      name: 'the CORS preflight is listed among the methods it has',
      ctx: context(probe('DELETE /users')),
      explains: ['it has GET, OPTIONS, POST'],
      evidence: { methods: ['GET', 'OPTIONS', 'POST'] },
    },
    {
      name: 'a literal resource shadows its {param} sibling',
      ctx: served(probe('GET /users/me'), methods('POST /users/me', 'GET /users/{id}')),
      explains: ['Resource /users/me', '/users/{id} would serve GET, but the gateway does not fall back from /users/me to it'],
      evidence: { resource: '/users/me', shadowedSiblings: ['/users/{id}'] },
    },
    {
      name: 'a {proxy+} above it lacks the verb too',
      ctx: served(probe('DELETE /api/users'), methods('POST /api/users', 'GET /api/{proxy+}')),
      evidence: { resource: '/api/users', methods: ['POST'], proxies: ['/api/{proxy+}'] },
    },
    {
      name: 'a parent the deployment summary leaves out (no methods, literal children)',
      ctx: served(probe('GET /admin'), methods('GET /admin/settings', 'PUT /admin/settings')),
      explains: ['Resource /admin', 'it has no methods at all', 'GET /admin/settings'],
      evidence: { resource: '/admin', methods: [], servedBelow: ['GET /admin/settings'] },
    },
    {
      name: 'a {param} resource',
      ctx: served(probe('PUT /users/42'), methods('GET /users/{id}', 'DELETE /users/{id}')),
      evidence: { path: '/users/42', resource: '/users/{id}', methods: ['DELETE', 'GET'] },
    },
  ],
});
