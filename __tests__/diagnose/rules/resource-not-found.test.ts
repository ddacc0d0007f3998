import rule from '../../../src/diagnose/rules/resource-not-found.ts';
import type { MethodTable } from '../../../src/types.ts';
import { blindSnapshot, context, probe, snapshot, table } from '../fixtures.ts';
import { ruleTester } from '../rule-tester.ts';
import { ANSWERED, IAM, methods, served, viaBaseUrl } from '../routing-fixtures.ts';

const many: MethodTable = methods(...Array.from({ length: 14 }, (_, i) => `GET /r${String(i).padStart(2, '0')}`));

ruleTester(rule, {
  valid: [
    { name: 'served', ctx: context(probe('GET /health')) },
    { name: 'the resource exists without the verb: method-not-defined', ctx: context(probe('GET /orders')) },
    { name: 'only the prefix of a {param}: path-parameter-missing', ctx: served(probe('GET /users'), methods('GET /users/{id}')) },
    { name: 'the root always exists', ctx: served(probe('GET /'), methods('GET /health')) },
    { name: 'control plane blind', ctx: context(probe('GET /user'), { snapshot: blindSnapshot() }) },
    { name: 'a {proxy+} serves it', ctx: served(probe('GET /anything/at/all'), methods('ANY /{proxy+}')) },
    {
      name: 'guarded POST /admin + open ANY /{proxy+}: GET /admin was served, not a routing failure',
      ctx: served(probe('GET /admin'), methods(['POST /admin', IAM], 'ANY /{proxy+}')),
    },
    {
      name: 'no stage in the URL: stage-missing-in-url',
      ctx: viaBaseUrl('GET /user', 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com'),
    },
    { name: 'answered by the backend', ctx: context(probe('GET /user', ANSWERED)) },
    {
      name: 'in the definition, not deployed: route-not-deployed',
      ctx: context(probe('GET /user'), { snapshot: snapshot({ deployed: table(), defined: { ...table(), ...methods('GET /user') } }) }),
    },
  ],
  invalid: [
    {
      name: '/user where /users exists: plural',
      ctx: context(probe('GET /user')),
      title: 'No resource /user — did you mean /users?',
      explains: ['No resource on stage prod matches /user', 'Nearest deployed paths: /users (plural)'],
      fixes: ['change the manifest route to `GET /users`', 'add the resource /user'],
      evidence: { path: '/user', suggestions: [{ path: '/users', reason: 'plural' }] },
    },
    {
      name: 'from an OpenAPI document: the fix renames the operation in it',
      ctx: context(probe('GET /user'), { routesIn: 'openapi' }),
      fixes: ['change the operation in the OpenAPI document to `GET /users`', 'add the resource /user'],
    },
    {
      name: 'a concrete value still matches the {param} of a plural suggestion',
      ctx: context(probe('GET /user/42')),
      evidence: { path: '/user/42', suggestions: [{ path: '/users/{id}', reason: 'plural' }] },
    },
    {
      name: '/users requested, /api/v1/users deployed: a prefix is missing',
      ctx: served(probe('GET /users'), methods('GET /api/v1/users', 'GET /api/v1/health')),
      explains: ['/api/v1/users (prefix /api/v1 missing)'],
      evidence: { suggestions: [{ path: '/api/v1/users', reason: 'prefix /api/v1 missing' }] },
    },
    {
      name: '/v1/users requested, /users deployed: an extra prefix',
      ctx: context(probe('GET /v1/users')),
      evidence: { suggestions: [{ path: '/users', reason: 'extra prefix /v1' }] },
    },
    {
      name: 'case',
      ctx: context(probe('GET /Health')),
      evidence: { suggestions: [{ path: '/health', reason: 'case' }] },
    },
    {
      name: 'a typo',
      ctx: context(probe('GET /helth')),
      evidence: { suggestions: [{ path: '/health', reason: 'edit distance 1' }] },
    },
    {
      name: 'nothing close: the deployed paths are listed instead',
      ctx: context(probe('GET /zzzzzzzzzzzz')),
      title: 'No resource /zzzzzzzzzzzz',
      explains: ['The stage serves: /, /health, /orders, /reports, /users, /users/{id}'],
      fixes: ["Correct the route's path"],
      evidence: { suggestions: [], deployedPaths: ['/', '/health', '/orders', '/reports', '/users', '/users/{id}'], deployedPathCount: 6 },
    },
    {
      name: 'a {proxy+} matches the path but lacks the verb',
      ctx: served(probe('DELETE /files/a.txt'), methods('GET /files/{proxy+}')),
      explains: ['/files/{proxy+} (GET) matches the path but has no DELETE or ANY method'],
      evidence: { proxies: ['/files/{proxy+} (GET)'] },
    },
    {
      name: 'the deployed paths in the evidence are capped',
      ctx: served(probe('GET /nothing-like-it'), many),
      evidence: { deployedPathCount: 14, deployedPaths: Object.keys(many).slice(0, 10) },
    },
    {
      name: 'base-url carries /api/v1 after the stage while the stage serves /users: the fix edits base-url, not the route',
      ctx: viaBaseUrl('GET /users', 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/api/v1'),
      title: 'No resource /api/v1/users — did you mean /users?',
      explains: ['matches /api/v1/users', 'The prefix /api/v1 comes from base-url'],
      fixes: ['`base-url: https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod`'],
      evidence: {
        path: '/api/v1/users',
        basePrefix: '/api/v1',
        suggestedBaseUrl: 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod',
      },
    },
    {
      name: 'the resources live under /api/v1 and base-url lacks it: the fix adds it to base-url (or to this route)',
      ctx: viaBaseUrl(
        'GET /users',
        'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod',
        snapshot({ deployed: methods('GET /api/v1/users', 'GET /api/v1/health') }),
      ),
      explains: ['live under /api/v1, which base-url'],
      fixes: [
        '`base-url: https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/api/v1`',
        'change the manifest route to `GET /api/v1/users`',
      ],
      evidence: { suggestedBaseUrl: 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/api/v1' },
    },
    {
      name: 'a prefix in base-url that is not the difference: the route fix stays',
      ctx: viaBaseUrl(
        'GET /user',
        'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/api',
        snapshot({ deployed: methods('GET /api/users') }),
      ),
      evidence: { path: '/api/user', suggestions: [{ path: '/api/users', reason: 'plural' }] },
      fixes: ['change the manifest route to `GET /api/users`'],
    },
  ],
});
