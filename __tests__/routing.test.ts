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
  const t = methods(
    'GET /',
    'GET /users',
    'GET /users/{id}',
    'GET /users/me',
    'GET /users/{id}/orders',
    'ANY /{proxy+}',
    'GET /files/{proxy+}',
  );
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

  test('more literal segments in common beat a literal further left', () => {
    const t3 = methods('GET /{x}/b/c', 'GET /a/{y}/{z}');
    assert.equal(findResource(t3, '/a/b/c'), '/{x}/b/c');
    assert.equal(findResource(reversed(t3), '/a/b/c'), '/{x}/b/c');
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
    [
      'a resource without the verb falls through to the proxy',
      methods('POST /orders', 'ANY /{proxy+}'),
      'GET',
      '/orders',
      'ANY /{proxy+} (proxy)',
    ],
    ['a guarded method does not hold its path', methods(['POST /admin', IAM], 'ANY /{proxy+}'), 'GET', '/admin', 'ANY /{proxy+} (proxy)'],
    [
      'a resource with only the CORS preflight falls through',
      methods('OPTIONS /users', 'GET /{proxy+}'),
      'GET',
      '/users',
      'GET /{proxy+} (proxy)',
    ],
    [
      'the most specific proxy that serves the verb',
      methods('GET /api/{proxy+}', 'ANY /{proxy+}'),
      'GET',
      '/api/x',
      'GET /api/{proxy+} (proxy)',
    ],
    [
      'a more specific proxy without the verb is skipped',
      methods('GET /api/{proxy+}', 'ANY /{proxy+}'),
      'POST',
      '/api/x',
      'ANY /{proxy+} (proxy)',
    ],
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

// ─── The index against the definition ───────────────────────────────────────
// A plain reference (a scan of every resource per question) and the indexed routing must give
// the same answer on random tables and paths, including the awkward ones: {param}s of several
// names as siblings, {proxy+} in odd places, template paths, trailing and doubled slashes.

const refIsParam = (seg: string) => seg.startsWith('{') && seg.endsWith('}') && !seg.endsWith('+}');
const refIsProxy = (seg: string) => seg.startsWith('{') && seg.endsWith('+}');

function refLiteralFirst(a: string, b: string): number {
  const [sa, sb] = [segments(a), segments(b)];
  for (const [i, x] of sa.entries()) {
    const y = sb[i];
    if (y === undefined) break;
    const [va, vb] = [refIsParam(x) || refIsProxy(x), refIsParam(y) || refIsProxy(y)];
    if (va !== vb) return va ? 1 : -1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function refFindResource(table: MethodTable, path: string): string | undefined {
  const want = segments(path);
  let best: string | undefined;
  let bestScore = -1;
  for (const resource of Object.keys(table)) {
    const have = segments(resource);
    if (have.some(refIsProxy) || have.length !== want.length) continue;
    let literal = 0;
    let matched = true;
    for (let i = 0; i < want.length && matched; i++) {
      const seg = have[i];
      if (seg === want[i]) literal += 1;
      else if (seg === undefined || !refIsParam(seg)) matched = false;
    }
    if (!matched) continue;
    if (literal > bestScore || (literal === bestScore && best !== undefined && refLiteralFirst(resource, best) < 0)) {
      best = resource;
      bestScore = literal;
    }
  }
  return best;
}

function refFindProxies(table: MethodTable, path: string): string[] {
  const want = segments(path);
  return Object.keys(table)
    .filter((resource) => {
      const have = segments(resource);
      const last = have.at(-1);
      if (last === undefined || !refIsProxy(last)) return false;
      const prefix = have.slice(0, -1);
      return want.length > prefix.length && prefix.every((seg, i) => seg === want[i] || refIsParam(seg));
    })
    .sort((a, b) => segments(b).length - segments(a).length || refLiteralFirst(a, b));
}

function refServedBy(table: MethodTable, verb: string, path: string): string | null {
  const methodFor = (resource: string) => {
    const methods = table[resource] ?? {};
    return methods[verb] ? verb : methods.ANY ? 'ANY' : undefined;
  };
  const exact = refFindResource(table, path);
  const exactVerb = exact && methodFor(exact);
  if (exact && exactVerb) return `${exactVerb} ${exact} (exact)`;
  for (const proxy of refFindProxies(table, path)) {
    const proxyVerb = methodFor(proxy);
    if (proxyVerb) return `${proxyVerb} ${proxy} (proxy)`;
  }
  return null;
}

/** mulberry32: a seeded generator, so a failure names a case that can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the indexed routing answers as a scan of every resource does', () => {
  const TABLE_SEGMENTS = ['a', 'b', 'me', '{id}', '{x}', '{proxy+}', '{rest+}'];
  const PATH_SEGMENTS = ['a', 'b', 'c', 'me', '{id}', '{y}', '{proxy+}', ''];
  const VERBS = ['GET', 'POST', 'ANY', 'OPTIONS'];

  for (let seed = 1; seed <= 300; seed++) {
    test(`random table and paths, seed ${seed}`, () => {
      const rnd = random(seed);
      const pick = <T>(xs: readonly T[]): T => {
        const picked = xs[Math.floor(rnd() * xs.length)];
        if (picked === undefined) throw new Error('pick() needs a non-empty list');
        return picked;
      };
      const pathOf = (parts: readonly string[], depth: number) =>
        '/' + Array.from({ length: depth }, () => pick(parts)).join('/') + (rnd() < 0.1 ? '/' : '');

      const entries: [string, string][] = [];
      for (let i = 0, n = 1 + Math.floor(rnd() * 30); i < n; i++) {
        entries.push([pick(VERBS), pathOf(TABLE_SEGMENTS, Math.floor(rnd() * 5))]);
      }
      const table: MethodTable = {};
      for (const [verb, path] of entries) (table[path] ??= {})[verb] = { authorizationType: 'NONE', apiKeyRequired: false };
      const listedBackwards = reversed(table);

      for (let i = 0; i < 40; i++) {
        const path = pathOf(PATH_SEGMENTS, Math.floor(rnd() * 6));
        const verb = pick(['GET', 'POST', 'DELETE']);
        const why = `${verb} ${path} on ${JSON.stringify(Object.keys(table))}`;
        assert.equal(findResource(table, path), refFindResource(table, path), why);
        assert.deepEqual(findProxies(table, path), refFindProxies(table, path), why);
        assert.equal(serves(table, verb, path), refServedBy(table, verb, path), why);
        assert.equal(serves(listedBackwards, verb, path), refServedBy(table, verb, path), `${why}, listed backwards`);
      }
    });
  }
});
