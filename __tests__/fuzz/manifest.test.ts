// Property-based fuzzing of the manifest parser: whatever the text, parsing returns (never
// throws), every problem is located inside the document, and every accepted route can be sent
// exactly as declared (headers Node accepts, a URL that builds and stays as built).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { validateHeaderName, validateHeaderValue } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { loadManifest, parseManifest } from '../../src/manifest/index.ts';
import type { ManifestResult } from '../../src/manifest/index.ts';
import { hasLoneSurrogate } from '../../src/manifest/guard.ts';
import { buildTarget } from '../../src/probe/request.ts';
import type { RouteSpec } from '../../src/types.ts';
import { manifestText, yamlValue } from './generators.ts';

const FILE = '.github/apigw-routes.yml';
const BASE_URL = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod';
let cases = 0;
let accepted = 0;
after(() => console.log(`fuzz: ${cases} cases (manifest parser, ${accepted} accepted)`));

/** Every problem names the file and a line and column that exist in `text`. */
function assertLocated(text: string, result: ManifestResult, file = FILE): void {
  assert.ok(result.problems.length > 0, 'a refused manifest says why');
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  for (const p of result.problems) {
    assert.ok(p.source, `unlocated: ${p.message}`);
    assert.equal(p.source.file, file);
    assert.ok(
      Number.isInteger(p.source.line) && p.source.line >= 1 && p.source.line <= lines.length,
      `line ${p.source.line} of ${lines.length}: ${p.message}`,
    );
    const line = lines[p.source.line - 1];
    assert.ok(line !== undefined);
    const width = line.length + 1;
    assert.ok(
      Number.isInteger(p.source.column) && p.source.column >= 1 && p.source.column <= width,
      `column ${p.source.column} of ${width}: ${p.message}`,
    );
    assert.ok(p.fix.length > 0, `no fix: ${p.message}`);
  }
}

/** What would be sent for `route` is what it declares: valid headers, a URL that round-trips, well-formed text. */
function assertSendable(route: RouteSpec): void {
  for (const [name, value] of Object.entries(route.headers)) {
    validateHeaderName(name);
    validateHeaderValue(name, value);
    assert.match(value, /^[\t\x20-\x7e]*$/, `header ${name} is ASCII`);
  }
  if (route.cors) {
    validateHeaderValue('origin', route.cors.origin);
    assert.match(route.cors.origin, /^[\x21-\x7e]+$/);
    for (const name of route.cors.headers) validateHeaderName(name);
  }
  const target = buildTarget(BASE_URL, route);
  const url = new URL(target.origin + target.path);
  // nothing a URL parser (or curl) would rewrite: no dot segments, nothing left to encode
  assert.equal(url.pathname + url.search, target.path, `${route.route} → ${target.path}`);
  assert.ok(!/\/\.{1,2}(\/|$)/.test(url.pathname));
  // JSON.stringify writes a lone surrogate as a \udXXX escape, and a well-formed pair as itself
  assert.ok(!/\\ud[89a-f][0-9a-f]{2}/.test(JSON.stringify(route)), 'no lone surrogate');
  if (route.body !== undefined) assert.ok(!hasLoneSurrogate(route.body));
}

function check(text: string): void {
  cases++;
  const result = parseManifest(text, FILE);
  if (result.manifest) {
    accepted++;
    assert.deepEqual(result.problems, []);
    assert.ok(result.manifest.routes.length > 0);
    for (const route of result.manifest.routes) assertSendable(route);
  } else {
    assertLocated(text, result);
  }
}

test('fuzz: hostile manifests are parsed without a throw, refused with located problems or accepted sendable', () => {
  fc.assert(fc.property(manifestText, check), { numRuns: 1500 });
});

test('fuzz: any value as a route body', () => {
  fc.assert(
    fc.property(yamlValue, (body) => check(`routes:\n  - route: POST /a\n    body: ${body}\n`)),
    { numRuns: 2500 },
  );
});

test('fuzz: arbitrary text, control characters and all', () => {
  const text = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.string({ unit: 'binary', maxLength: 80 }),
    fc.string({
      unit: fc.constantFrom('[', '{', ']', '}', '-', ' ', '\n', ':', '&a ', '*a', ',', '"', "'", '#', '\t', '?', '|', '>', 'x'),
      maxLength: 120,
    }),
  );
  fc.assert(fc.property(text, check), { numRuns: 4500 });
});

test('fuzz: loadManifest on arbitrary bytes: strict UTF-8, located', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'apigw-fuzz-'));
  try {
    const file = join(dir, 'routes.yml');
    const bytes = fc.tuple(
      fc.constantFrom('routes:\n  - GET /a\n', 'routes: ["GET /', ''),
      fc.uint8Array({ maxLength: 24 }),
      fc.constantFrom('', '"]\n', '\n  - POST /b\n'),
    );
    await fc.assert(
      fc.asyncProperty(bytes, async ([head, middle, tail]) => {
        cases++;
        const content = Buffer.concat([Buffer.from(head), middle, Buffer.from(tail)]);
        await writeFile(file, content);
        const result = await loadManifest(file, 'routes.yml', dir);
        if (result.manifest) {
          for (const route of result.manifest.routes) assertSendable(route);
        } else {
          // located against the text as far as it decodes (U+FFFD keeps the line and column count)
          assertLocated(new TextDecoder().decode(content), result, 'routes.yml');
        }
      }),
      { numRuns: 200 },
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
