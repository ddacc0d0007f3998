import rule from '../../../src/diagnose/rules/cors-preflight-missing.ts';
import type { RouteSpec } from '../../../src/types.ts';
import { blindSnapshot, context, probe, route } from '../fixtures.ts';
import { ruleTester } from '../rule-tester.ts';
import { ANSWERED, methods, served } from '../routing-fixtures.ts';

const preflight = (path: string, method = 'POST', over: Partial<RouteSpec> = {}) =>
  route(`OPTIONS ${path}`, { cors: { origin: 'https://app.example.com', method, headers: ['content-type'] }, ...over });

ruleTester(rule, {
  valid: [
    { name: 'the resource has its OPTIONS method', ctx: context(probe(preflight('/users'))) },
    { name: 'not a preflight', ctx: context(probe('POST /nope')) },
    { name: 'an ANY method answers OPTIONS', ctx: served(probe(preflight('/things')), methods('ANY /things')) },
    { name: 'a {proxy+} with ANY answers it', ctx: served(probe(preflight('/things/1')), methods('POST /things/{id}', 'ANY /{proxy+}')) },
    { name: 'control plane blind', ctx: context(probe(preflight('/orders')), { snapshot: blindSnapshot() }) },
    { name: 'no such resource at all: resource-not-found explains it', ctx: context(probe(preflight('/nope'))) },
    { name: 'the preflight was answered', ctx: context(probe(preflight('/orders'), ANSWERED)) },
  ],
  invalid: [
    {
      name: 'a POST-only resource without a preflight',
      ctx: context(probe(preflight('/orders'))),
      explains: ['OPTIONS /orders', 'resource /orders', 'no OPTIONS method (it has POST)', 'never send the POST'],
      fixes: ['Enable CORS on /orders', 'MOCK integration', 'create-deployment --rest-api-id a1b2c3d4e5 --stage-name prod'],
      evidence: { path: '/orders', resource: '/orders', methods: ['POST'], origin: 'https://app.example.com', requestMethod: 'POST' },
    },
    {
      name: 'OPTIONS declared without a cors block',
      ctx: context(probe('OPTIONS /health')),
      evidence: { resource: '/health', methods: ['GET'] },
    },
    {
      name: 'a {param} resource',
      ctx: context(probe(preflight('/users/{id}', 'DELETE', { params: { id: '42' } }))),
      explains: ['OPTIONS /users/42', 'resource /users/{id}'],
      evidence: { path: '/users/42', resource: '/users/{id}', methods: ['GET'] },
    },
    {
      name: 'served through a {proxy+} that has no OPTIONS',
      ctx: served(probe(preflight('/files/a.txt', 'PUT')), methods('GET /files/{proxy+}', 'PUT /files/{proxy+}')),
      evidence: { resource: '/files/{proxy+}', methods: ['GET', 'PUT'] },
    },
  ],
});
