// Nearest-path and stage suggestions, execute-api URLs and the resource a path falls on (src/diagnose/paths.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  belowParameter,
  closestStage,
  descendants,
  executeApiBaseUrl,
  isProxyResource,
  listForMessage,
  mappedBaseUrl,
  mappingFor,
  parseExecuteApiUrl,
  resourceAt,
  shadowedSiblings,
  suggestPaths,
} from '../../src/diagnose/paths.ts';
import { methods } from './routing-fixtures.ts';

describe('suggestPaths', () => {
  const api = methods(
    'GET /',
    'GET /users',
    'POST /users',
    'GET /users/{id}',
    'GET /boxes',
    'GET /health',
    'GET /api/v1/orders',
    'ANY /files/{proxy+}',
    'OPTIONS /preflight-only',
  );
  const cases: [string, string, string | undefined, { path: string; reason: string }[]][] = [
    ['plural', '/user', 'GET', [{ path: '/users', reason: 'plural' }]],
    ['plural with es', '/box', 'GET', [{ path: '/boxes', reason: 'plural' }]],
    ['singular', '/healths', 'GET', [{ path: '/health', reason: 'singular' }]],
    ['plural under a concrete {param}', '/user/42', 'GET', [{ path: '/users/{id}', reason: 'plural' }]],
    ['plural under a template {param} of another name', '/user/{userId}', 'GET', [{ path: '/users/{id}', reason: 'plural' }]],
    ['case', '/USERS', 'GET', [{ path: '/users', reason: 'case' }]],
    ['prefix missing', '/orders', 'GET', [{ path: '/api/v1/orders', reason: 'prefix /api/v1 missing' }]],
    ['extra prefix', '/v1/users/7', 'GET', [{ path: '/users/{id}', reason: 'extra prefix /v1' }]],
    ['trailing slash', '/healt/', 'GET', [{ path: '/health', reason: 'edit distance 1' }]],
    ['a typo', '/helth', 'GET', [{ path: '/health', reason: 'edit distance 1' }]],
    ['a swap is one typo', '/usres', 'GET', [{ path: '/users', reason: 'edit distance 1' }]],
    ['nothing close', '/completely-different', 'GET', []],
    // /users/{id} shares only a {param} with /anything: no prefix relation
    ['a {param} tail names nothing', '/zzzz', 'GET', []],
  ];
  for (const [name, requested, verb, want] of cases) {
    test(`${name}: ${requested}`, () => assert.deepEqual(suggestPaths(api, requested, verb), want));
  }

  test('trailing slash when the path is otherwise the same', () => {
    assert.deepEqual(suggestPaths(methods('GET /users'), '/users/', 'GET'), [{ path: '/users', reason: 'trailing slash' }]);
  });

  test('proxies and preflight-only resources are never suggested', () => {
    assert.deepEqual(suggestPaths(api, '/file', 'GET'), []);
    assert.deepEqual(suggestPaths(api, '/preflight-onlys', 'OPTIONS'), []);
  });

  test('at most three, best first: structural reasons before edit distance', () => {
    const t = methods('GET /item', 'GET /items', 'GET /Item', 'GET /api/item', 'GET /itemz');
    assert.deepEqual(suggestPaths(t, '/Items', 'GET'), [
      { path: '/items', reason: 'case' },
      { path: '/Item', reason: 'singular' },
      { path: '/item', reason: 'edit distance 2' },
    ]);
    assert.equal(suggestPaths(t, '/Items', 'GET', 5).length, 4);
  });

  test('paths that serve the verb come before those that do not', () => {
    const t = methods('POST /users', 'GET /user5');
    assert.deepEqual(
      suggestPaths(t, '/user', 'GET').map((s) => s.path),
      ['/user5', '/users'],
    );
    assert.deepEqual(
      suggestPaths(t, '/user', 'POST').map((s) => s.path),
      ['/users', '/user5'],
    );
  });
});

describe('closestStage', () => {
  const cases: [string, string[], { stage: string; reason: string } | undefined][] = [
    ['prod', ['production', 'staging'], { stage: 'production', reason: 'prefix' }],
    ['production', ['prod', 'dev'], { stage: 'prod', reason: 'prefix' }],
    ['stg', ['prod', 'staging'], { stage: 'staging', reason: 'abbreviation' }],
    ['Prod', ['prod', 'staging'], { stage: 'prod', reason: 'case' }],
    ['prdo', ['prod', 'dev'], { stage: 'prod', reason: 'edit distance 1' }],
    ['prod', ['alpha', 'beta'], undefined],
    ['prod', [], undefined],
    ['', ['prod'], undefined],
    ['prod', ['prod'], undefined], // the stage itself is no suggestion
  ];
  for (const [stage, existing, want] of cases) {
    test(`${JSON.stringify(stage)} among ${existing.join(', ') || 'none'}`, () => assert.deepEqual(closestStage(stage, existing), want));
  }
});

describe('parseExecuteApiUrl', () => {
  const cases: [string, ReturnType<typeof parseExecuteApiUrl>][] = [
    ['https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod', { apiId: 'a1b2c3d4e5', region: 'us-east-1', segments: ['prod'] }],
    ['https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com', { apiId: 'a1b2c3d4e5', region: 'us-east-1', segments: [] }],
    ['https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/', { apiId: 'a1b2c3d4e5', region: 'us-east-1', segments: [] }],
    [
      'http://A1B2C3D4E5.execute-api.cn-north-1.amazonaws.com.cn:8443/v1/x',
      { apiId: 'a1b2c3d4e5', region: 'cn-north-1', segments: ['v1', 'x'] },
    ],
    ['https://api.example.com/prod', undefined],
    ['https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com.evil.example/prod', undefined],
    ['not a url', undefined],
  ];
  for (const [url, want] of cases) test(url, () => assert.deepEqual(parseExecuteApiUrl(url), want));
});

describe('resources around a path', () => {
  const t = methods(
    'POST /bookings',
    'GET /bookings/{id}',
    'GET /bookings/{id}/items',
    'GET /admin/settings',
    'GET /users/{id}',
    'POST /users/me',
    'ANY /{proxy+}',
  );

  test('descendants: strictly below, shortest first, {param}s match values', () => {
    assert.deepEqual(descendants(t, '/bookings'), ['/bookings/{id}', '/bookings/{id}/items']);
    assert.deepEqual(descendants(t, '/bookings/7'), ['/bookings/{id}/items']);
    assert.deepEqual(descendants(t, '/health'), []);
  });

  test('resourceAt: listed, implied by a deeper resource, or none', () => {
    assert.deepEqual(resourceAt(t, '/bookings'), { resourcePath: '/bookings', implicit: false });
    assert.deepEqual(resourceAt(t, '/admin'), { resourcePath: '/admin', implicit: true });
    assert.deepEqual(resourceAt(methods('GET /users/{id}/orders'), '/users/42'), { resourcePath: '/users/{id}', implicit: true });
    assert.equal(resourceAt(t, '/nope'), undefined);
  });

  test('belowParameter: only where the next segment is a {param}', () => {
    assert.deepEqual(belowParameter(t, '/bookings'), ['/bookings/{id}', '/bookings/{id}/items']);
    assert.deepEqual(belowParameter(t, '/admin'), []);
  });

  test('shadowedSiblings: {param} siblings a literal resource hides', () => {
    assert.deepEqual(shadowedSiblings(t, '/users/me', '/users/me', 'GET'), ['/users/{id}']);
    assert.deepEqual(shadowedSiblings(t, '/users/me', '/users/me', 'DELETE'), []);
  });

  test('isProxyResource', () => {
    assert.equal(isProxyResource('/{proxy+}'), true);
    assert.equal(isProxyResource('/files/{proxy+}'), true);
    assert.equal(isProxyResource('/files/{id}'), false);
    assert.equal(isProxyResource('/'), false);
  });
});

describe('listForMessage', () => {
  test('none, a few, capped', () => {
    assert.equal(listForMessage([]), 'none');
    assert.equal(listForMessage(['a', 'b']), 'a, b');
    assert.equal(listForMessage(['a', 'b', 'c', 'd'], 2), 'a, b and 2 more');
  });
});

describe('mappingFor: the base-path mapping API Gateway picks', () => {
  const m = (basePath: string) => ({ basePath, restApiId: 'a1b2c3d4e5', stage: basePath === '(none)' ? 'root' : basePath });
  const mappings = [m('(none)'), m('orders'), m('orders/v1/items'), m('orders/v2/items')];

  test('the longest base path that prefixes the path, segment by segment, is stripped', () => {
    assert.deepEqual(mappingFor(mappings, '/orders/v1/items/123'), { mapping: m('orders/v1/items'), path: '/123' });
    assert.deepEqual(mappingFor(mappings, '/orders/v1/items'), { mapping: m('orders/v1/items'), path: '/' });
    assert.deepEqual(mappingFor(mappings, '/orders/v3/items'), { mapping: m('orders'), path: '/v3/items' });
  });

  test('(none) takes what no other mapping does; a partial segment is no match', () => {
    assert.deepEqual(mappingFor(mappings, '/ordersx/1'), { mapping: m('(none)'), path: '/ordersx/1' });
    assert.deepEqual(mappingFor(mappings, '/'), { mapping: m('(none)'), path: '/' });
  });

  test('without (none), an unmapped path matches nothing (the gateway answers Forbidden)', () => {
    assert.equal(mappingFor([m('v1')], '/users'), undefined);
    assert.equal(mappingFor([m('v1')], '/v10/users'), undefined);
  });

  test('the URLs a fix names', () => {
    assert.equal(mappedBaseUrl('https://api.example.com', '(none)'), 'https://api.example.com');
    assert.equal(mappedBaseUrl('https://api.example.com', 'v1/orders'), 'https://api.example.com/v1/orders');
    assert.equal(
      executeApiBaseUrl({ restApiId: 'a1b2c3d4e5', region: 'cn-north-1', stage: 'prod' }),
      'https://a1b2c3d4e5.execute-api.cn-north-1.amazonaws.com.cn/prod',
    );
    assert.equal(
      executeApiBaseUrl({ restApiId: 'a1b2c3d4e5', region: 'us-east-1', stage: 'prod' }, 'http://gw.example'),
      'http://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod',
    );
  });
});
