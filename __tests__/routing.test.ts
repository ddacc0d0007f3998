// The gateway's routing model (src/diagnose/routing.ts): which resource and method serve a request.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { concretePath, findProxies, findResource, segments, servedBy, verbsOf } from '../src/routing.ts';
import type { MethodTable } from '../src/types.ts';
import { IAM, methods } from './diagnose/routing-fixtures.ts';

/** The same table with its resources listed in reverse: the control plane promises no order. */
function reversed(t: MethodTable): MethodTable {
  return Object.fromEntries(Object.entries(t).reverse());
}

/** servedBy as "VERB /resource (via)", or null: compact to compare. */
function serves(t: MethodTable, verb: string, path: string): string | null {
  const hit = servedBy(t, verb, path);
  return hit ? `${hit.verb} ${hit.resourcePath} (${hit.via})` : null;
}

describe('segments', () => {
  for (const [path, want] of [
    ['/', []],
    ['', []],
    ['/users', ['users']],
    ['/users/', ['users']],
    ['//users//42', ['users', '42']],
    ['/users/{id}', ['users', '{id}']],
  ] as const) {
    test(JSON.stringify(path), () => assert.deepEqual(segments(path), want));
  }
});

describe('concretePath', () => {
  const cases: [string, Record<string, string>, string][] = [
    ['/users/{id}', { id: '42' }, '/users/42'],
    ['/a/{x}/b/{y}', { x: '1', y: '2' }, '/a/1/b/2'],
    ['/files/{proxy+}', { proxy: 'docs/a.txt' }, '/files/docs/a.txt'],
    ['/users/{id}', {}, '/users/{id}'], // unfilled parameters stay as written
    ['/health', { id: '1' }, '/health'],
  ];
  for (const [template, params, want] of cases) {
    test(`${template} ${JSON.stringify(params)}`, () => assert.equal(concretePath(template, params), want));
  }
});

describe('findResource', () => {
  const t = methods('GET /', 'GET /users', 'GET /users/{id}', 'GET /users/me', 'GET /users/{id}/orders', 'ANY /{proxy+}', 'GET /files/{proxy+}');
  const cases: [string, string | undefined][] = [
    ['/', '/'],
    ['/users', '/users'],
    ['/users/', '/users'],
    ['/users/42', '/users/{id}'],
    ['/users/me', '/users/me'], // a literal beats a {param}
    ['/users/42/orders', '/users/{id}/orders'],
    ['/users/{id}', '/users/{id}'], // a template matches its own resource
    ['/users/{userId}', '/users/{id}'], // … and a {param} of another name
    ['/Users', undefined], // paths are case-sensitive
    ['/files/a.txt', undefined], // proxies are never the resource itself
    ['/nope', undefined],
  ];
  for (const [path, want] of cases) {
    test(`${path} → ${want}`, () => {
      assert.equal(findResource(t, path), want);
      assert.equal(findResource(reversed(t), path), want, 'independent of listing order');
    });
  }

  test('a literal segment wins over a {param} one whichever the control plane lists first', () => {
    // Both match /a/b/c with two literal segments; the left-most literal decides.
    const t2 = methods('GET /{x}/b/c', 'GET /a/{y}/c');
    assert.equal(findResource(t2, '/a/b/c'), '/a/{y}/c');
    assert.equal(findResource(reversed(t2), '/a/b/c'), '/a/{y}/c');
  });
});

describe('findProxies', () => {
  const t = methods('ANY /{proxy+}', 'GET /api/{proxy+}', 'GET /api/v1/{proxy+}', 'GET /{tenant}/files/{proxy+}');
  const cases: [string, string[]][] = [
    ['/', []], // {proxy+} never matches the root
    ['/x', ['/{proxy+}']],
    ['/api', ['/{proxy+}']], // /api/{proxy+} needs one more segment
    ['/api/users', ['/api/{proxy+}', '/{proxy+}']],
    ['/api/v1/users/42', ['/api/v1/{proxy+}', '/api/{proxy+}', '/{proxy+}']],
    ['/acme/files/a/b', ['/{tenant}/files/{proxy+}', '/{proxy+}']],
  ];
  for (const [path, want] of cases) {
    test(`${path} → ${want.join(', ') || 'none'}`, () => assert.deepEqual(findProxies(t, path), want));
  }

  test('at equal depth, a literal prefix is more specific than a {param} one, whatever the listing order', () => {
    const t2 = methods('GET /{tenant}/{proxy+}', 'GET /api/{proxy+}');
    assert.deepEqual(findProxies(t2, '/api/x'), ['/api/{proxy+}', '/{tenant}/{proxy+}']);
    assert.deepEqual(findProxies(reversed(t2), '/api/x'), ['/api/{proxy+}', '/{tenant}/{proxy+}']);
  });
});

describe('servedBy', () => {
  const cases: [string, MethodTable, string, string, string | null][] = [
    ['the exact resource and verb', methods('GET /users'), 'GET', '/users', 'GET /users (exact)'],
    ['ANY on the exact resource', methods('ANY /users'), 'DELETE', '/users', 'ANY /users (exact)'],
    ['the verb beats ANY on the same resource', methods('ANY /users', 'GET /users'), 'GET', '/users', 'GET /users (exact)'],
    ['a {param} resource', methods('GET /users/{id}'), 'GET', '/users/42', 'GET /users/{id} (exact)'],
    ['no method for the verb and no proxy: MAT', methods('POST /orders'), 'GET', '/orders', null],
    ['a resource without the verb falls through to the proxy', methods('POST /orders', 'ANY /{proxy+}'), 'GET', '/orders', 'ANY /{proxy+} (proxy)'],
    [
      'a guarded method does not hold its path',
      methods(['POST /admin', IAM], 'ANY /{proxy+}'),
      'GET',
      '/admin',
      'ANY /{proxy+} (proxy)',
    ],
    ['a resource with only the CORS preflight falls through', methods('OPTIONS /users', 'GET /{proxy+}'), 'GET', '/users', 'GET /{proxy+} (proxy)'],
    ['the most specific proxy that serves the verb', methods('GET /api/{proxy+}', 'ANY /{proxy+}'), 'GET', '/api/x', 'GET /api/{proxy+} (proxy)'],
    ['a more specific proxy without the verb is skipped', methods('GET /api/{proxy+}', 'ANY /{proxy+}'), 'POST', '/api/x', 'ANY /{proxy+} (proxy)'],
    ['the root needs its own method', methods('ANY /{proxy+}'), 'GET', '/', null],
    ['the root with its method', methods('GET /', 'ANY /{proxy+}'), 'GET', '/', 'GET / (exact)'],
    ['a literal shadows its {param} sibling: no fallback to it', methods('POST /users/me', 'GET /users/{id}'), 'GET', '/users/me', null],
    ['HEAD is not GET', methods('GET /health'), 'HEAD', '/health', null],
    ['an empty table', {}, 'GET', '/', null],
  ];
  for (const [name, t, verb, path, want] of cases) {
    test(name, () => {
      assert.equal(serves(t, verb, path), want);
      assert.equal(serves(reversed(t), verb, path), want, 'independent of listing order');
    });
  }

  test('returns the method found, with its protection', () => {
    assert.deepEqual(servedBy(methods(['POST /admin', IAM]), 'POST', '/admin')?.method, IAM);
  });
});

describe('verbsOf', () => {
  test('sorted, without the CORS preflight', () => {
    assert.deepEqual(verbsOf(methods('POST /u', 'OPTIONS /u', 'GET /u', 'ANY /u'), '/u'), ['ANY', 'GET', 'POST']);
  });
  test('an unknown resource has none', () => assert.deepEqual(verbsOf({}, '/x'), []));
});
