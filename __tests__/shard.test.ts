// Sharding: which routes a `shard: k/n` job checks, and the `shard` input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergePatterns, resolveMergeSettings, resolveSettings, withDefaults } from '../src/inputs.ts';
import { MAX_SHARDS, parseShard, routeKey, routesOfShard, shardOf } from '../src/shard.ts';
import type { Manifest } from '../src/types.ts';

type Route = { method: string; path: string; params: Record<string, string>; query: Record<string, string> };

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;

/** `count` distinct routes, as a large manifest might declare them. */
function routes(count: number, prefix = 'r'): Route[] {
  return Array.from({ length: count }, (_, i) => ({
    method: METHODS[i % METHODS.length] ?? 'GET',
    path: `/${prefix}${Math.floor(i / METHODS.length)}/items/{id}`,
    params: { id: String(i % 7) },
    query: (i % 3 === 0 ? { page: String(i % 11) } : {}) as Record<string, string>,
  }));
}

test('parseShard accepts k/n with 1 ≤ k ≤ n, and nothing for an empty value', () => {
  assert.deepEqual(parseShard(''), {});
  assert.deepEqual(parseShard('2/4'), { shard: { index: 2, count: 4 } });
  assert.deepEqual(parseShard(' 1 / 1 '), { shard: { index: 1, count: 1 } });
  assert.deepEqual(parseShard(`${MAX_SHARDS}/${MAX_SHARDS}`), { shard: { index: MAX_SHARDS, count: MAX_SHARDS } });
});

test('parseShard refuses what is not k/n with 1 ≤ k ≤ n, saying what to write', () => {
  const cases: [string, RegExp][] = [
    ['0/4', /`0\/4`: the shard number must be from 1 to 4/],
    ['5/4', /`5\/4`: the shard number must be from 1 to 4/],
    ['1/0', /`1\/0`/],
    ['2', /`2`/],
    ['a/b', /`a\/b`/],
    ['1/2/3', /`1\/2\/3`/],
    ['-1/4', /`-1\/4`/],
    [`1/${MAX_SHARDS + 1}`, new RegExp(`at most ${MAX_SHARDS} shards`)],
    ['1/4\n::warning::x', /not of the form k\/n/],
  ];
  for (const [value, message] of cases) {
    const { shard, problem } = parseShard(value);
    assert.equal(shard, undefined, value);
    assert.match(problem?.message ?? '', message, value);
    assert.ok(!/[\r\n]|::warning/.test(problem?.message ?? ''), 'the value is never echoed with a line break');
    assert.match(problem?.fix ?? '', /k\/n/);
  }
});

test('the route key is the method, path, params and query — not their order, not the line', () => {
  const a = { method: 'get', path: '/users/{id}', params: { id: '1', b: '2' }, query: { x: '1', y: '2' } };
  const b = { method: 'GET', path: '/users/{id}', params: { b: '2', id: '1' }, query: { y: '2', x: '1' }, source: { line: 99 } };
  assert.equal(routeKey(a), routeKey(b));
  assert.notEqual(routeKey(a), routeKey({ ...a, query: { x: '2', y: '2' } }));
  assert.notEqual(routeKey(a), routeKey({ ...a, params: { id: '2', b: '2' } }));
  assert.notEqual(routeKey(a), routeKey({ ...a, method: 'POST' }));
  // no ambiguity between a key and a value that contains the separator
  assert.notEqual(routeKey({ ...a, params: { 'a,b': 'c' } }), routeKey({ ...a, params: { a: 'b,c' } }));
});

test('every route is in exactly one shard, for every n', () => {
  const all = routes(1000);
  for (const count of [1, 2, 3, 4, 7, 16, MAX_SHARDS]) {
    const each = count > 16 ? all.slice(0, 100) : all;
    const seen = new Map<Route, number>();
    for (let index = 1; index <= count; index++) {
      for (const route of routesOfShard(each, { index, count })) {
        assert.equal(seen.get(route), undefined, `${routeKey(route)} in two shards of ${count}`);
        seen.set(route, index);
      }
    }
    assert.equal(seen.size, each.length, `every route has a shard among ${count}`);
  }
});

test('a route keeps its shard when routes are added anywhere, removed, or the manifest is reordered', () => {
  const count = 8;
  const before = routes(10_000);
  const shardBefore = new Map(before.map((r) => [routeKey(r), shardOf(r, count)]));
  const added = routes(1000, 'new');
  // new routes at the front, in the middle and at the end, the rest reversed, every 10th removed
  const after = [
    ...added.slice(0, 300),
    ...before.slice(0, 5000).reverse(),
    ...added.slice(300, 700),
    ...before.slice(5000),
    ...added.slice(700),
  ].filter((_, i) => i % 10 !== 0);
  let compared = 0;
  for (let index = 1; index <= count; index++) {
    for (const route of routesOfShard(after, { index, count })) {
      const was = shardBefore.get(routeKey(route));
      if (was === undefined) continue;
      assert.equal(index, was, routeKey(route));
      compared++;
    }
  }
  assert.ok(compared > 8000, `${compared} routes compared`);
});

test('10,000 routes are spread evenly: every shard within 15% of its share', () => {
  const all = routes(10_000);
  for (const count of [2, 3, 4, 8, 16]) {
    const share = all.length / count;
    const sizes: number[] = Array(count).fill(0);
    for (const route of all) sizes[shardOf(route, count) - 1] = (sizes[shardOf(route, count) - 1] ?? 0) + 1;
    for (const size of sizes) assert.ok(Math.abs(size - share) <= 0.15 * share, `shard sizes ${sizes.join(', ')} for ${count} shards`);
  }
});

test('a shard keeps the manifest order of its routes', () => {
  const all = routes(500);
  const shard = routesOfShard(all, { index: 2, count: 3 });
  const positions = shard.map((r) => all.indexOf(r));
  assert.deepEqual(
    positions,
    [...positions].sort((a, b) => a - b),
  );
});

const WS = { cwd: '/ws', env: {} };
const MANIFEST: Manifest = {
  file: '.github/apigw-routes.yml',
  api: { restApiId: 'a1b2c3d4e5', stage: 'prod', region: 'us-east-1' },
  apiSource: {},
  routes: [],
};

test('the shard input reaches the settings, and a bad one is an input problem', () => {
  assert.deepEqual(resolveSettings(withDefaults({ shard: '3/4' }), MANIFEST, WS).settings.shard, { index: 3, count: 4 });
  const none = resolveSettings(withDefaults({}), MANIFEST, WS);
  assert.equal(none.settings.shard, undefined);
  assert.deepEqual(none.problems, []);
  const bad = resolveSettings(withDefaults({ shard: '4/3' }), MANIFEST, WS);
  const [problem] = bad.problems;
  assert.equal(bad.problems.length, 1);
  assert.ok(problem);
  assert.match(problem.message, /input `shard` is `4\/3`/);
});

test('merge mode: one path or glob per line; shard and merge-reports together are refused', () => {
  assert.deepEqual(mergePatterns(' reports/*.json \n\n  other/shard-1.json\r\n'), ['reports/*.json', 'other/shard-1.json']);
  const ok = resolveMergeSettings(
    withDefaults({ 'merge-reports': 'reports/*.json', 'fail-on': 'warning', 'report-file': 'merged.json' }),
    WS,
  );
  assert.deepEqual(ok.problems, []);
  assert.deepEqual(ok.settings.patterns, ['reports/*.json']);
  assert.equal(ok.settings.failOn, 'warning');
  assert.equal(ok.settings.reportFile, '/ws/merged.json');
  const both = resolveMergeSettings(withDefaults({ 'merge-reports': 'reports/*.json', shard: '1/2' }), WS);
  assert.match(both.problems[0]?.message ?? '', /`merge-reports` and `shard` are both set/);
  const badFailOn = resolveMergeSettings(withDefaults({ 'merge-reports': 'x.json', 'fail-on': 'sometimes' }), WS);
  assert.match(badFailOn.problems[0]?.message ?? '', /fail-on/);
});
