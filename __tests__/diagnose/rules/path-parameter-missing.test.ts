import rule from '../../../src/diagnose/rules/path-parameter-missing.ts';
import { blindSnapshot, context, probe, route, snapshot } from '../fixtures.ts';
import { ruleTester } from '../rule-tester.ts';
import { ANSWERED, methods, served } from '../routing-fixtures.ts';

ruleTester(rule, {
  valid: [
    { name: 'served', ctx: context(probe('GET /users')) },
    { name: '/users is a resource with methods: method-not-defined', ctx: context(probe('DELETE /users')) },
    {
      name: 'the path is a resource with a {param} child: method-not-defined names it',
      ctx: served(probe('GET /bookings'), methods('POST /bookings', 'GET /bookings/{id}')),
    },
    { name: 'no children at all: resource-not-found', ctx: context(probe('GET /user')) },
    { name: 'only literal children', ctx: served(probe('GET /admin'), methods('GET /admin/settings')) },
    { name: 'the root', ctx: served(probe('GET /'), methods('GET /{id}')) },
    { name: 'control plane blind', ctx: context(probe('GET /users'), { snapshot: blindSnapshot() }) },
    { name: 'answered by the backend', ctx: served(probe('GET /users', ANSWERED), methods('GET /users/{id}')) },
    {
      name: 'in the definition, not deployed: route-not-deployed',
      ctx: context(probe('GET /users'), {
        snapshot: snapshot({ deployed: methods('GET /users/{id}'), defined: methods('GET /users', 'GET /users/{id}') }),
      }),
    },
  ],
  invalid: [
    {
      name: '/users where only /users/{id} exists',
      ctx: served(probe('GET /users'), methods('GET /users/{id}', 'DELETE /users/{id}')),
      title: 'Path parameter {id} missing',
      explains: [
        '/users is no resource with methods on stage prod',
        'only the prefix of /users/{id}',
        'stops before the {id} parameter',
        'The full route is GET /users/{id}',
      ],
      fixes: ['route: GET /users/{id}', 'params: { id: "<value>" }'],
      evidence: { path: '/users', missingParameter: 'id', routes: ['GET /users/{id}'] },
    },
    {
      name: 'a prefix that only has the CORS preflight',
      ctx: served(probe('GET /users'), methods('OPTIONS /users', 'GET /users/{id}')),
      evidence: { missingParameter: 'id' },
    },
    {
      name: 'the parameter leads to a deeper route',
      ctx: served(probe('GET /users'), methods('GET /users/{userId}/orders')),
      explains: ['The full route is GET /users/{userId}/orders'],
      evidence: { missingParameter: 'userId', routes: ['GET /users/{userId}/orders'] },
    },
    {
      name: 'the shortest serving route comes first',
      ctx: served(probe('GET /users'), methods('GET /users/{id}/orders', 'ANY /users/{id}')),
      evidence: { routes: ['ANY /users/{id}', 'GET /users/{id}/orders'] },
    },
    {
      name: 'none of the routes below serves the verb',
      ctx: served(probe('GET /users'), methods('DELETE /users/{id}')),
      explains: ['None of them serves GET either: DELETE /users/{id}'],
      evidence: { routes: ['DELETE /users/{id}'] },
    },
    {
      name: 'a nested parameter after a filled one',
      ctx: served(probe(route('GET /accounts/{a}/users', { params: { a: '7' } })), methods('GET /accounts/{a}/users/{id}')),
      explains: ['/accounts/7/users is no resource', 'The full route is GET /accounts/{a}/users/{id}'],
      evidence: { path: '/accounts/7/users', missingParameter: 'id' },
    },
  ],
});
