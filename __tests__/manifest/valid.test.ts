import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatProblem, parseManifest } from '../../src/manifest/index.ts';
import { FILE } from './helpers.ts';
import { VALID_CASES } from './valid-cases.ts';

for (const c of VALID_CASES) {
  test(`valid manifest: ${c.name}`, () => {
    const file = c.file ?? FILE;
    const { manifest, problems } = parseManifest(c.text, file);
    assert.deepEqual(problems.map(formatProblem), []);
    assert.ok(manifest);
    assert.equal(manifest.file, file);
    assert.deepEqual(manifest.routes, c.routes);
    assert.deepEqual(manifest.api, c.api ?? {});
    assert.deepEqual(manifest.apiSource, c.apiSource ?? {});
  });
}
