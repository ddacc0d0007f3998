import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editDistance, suggestKey } from '../../src/manifest/suggest.ts';

test('editDistance counts insertions, deletions, substitutions and neighbour swaps', () => {
  const table: [string, string, number][] = [
    ['', '', 0],
    ['expect', 'expect', 0],
    ['expected', 'expect', 2],
    ['header', 'headers', 1],
    ['qeury', 'query', 1],
    ['GTE', 'GET', 1],
    ['kitten', 'sitting', 3],
    ['', 'auth', 4],
  ];
  for (const [a, b, distance] of table) assert.equal(editDistance(a, b), distance, `${a} → ${b}`);
});

test('suggestKey finds plausible typos and nothing else', () => {
  const routeKeys = ['route', 'params', 'query', 'headers', 'body', 'expect', 'auth', 'cors'];
  const table: [string, readonly string[], string | undefined][] = [
    ['expected', routeKeys, 'expect'],
    ['param', routeKeys, 'params'],
    ['Headers', routeKeys, 'headers'],
    ['restApiId', ['rest-api-id', 'stage', 'region', 'base-url'], 'rest-api-id'],
    ['BASE_URL', ['rest-api-id', 'stage', 'region', 'base-url'], 'base-url'],
    ['method', routeKeys, undefined],
    ['url', routeKeys, undefined],
    ['x', routeKeys, undefined],
  ];
  for (const [word, candidates, expected] of table) assert.equal(suggestKey(word, candidates), expected, word);
});
