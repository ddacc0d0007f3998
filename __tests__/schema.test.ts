// schema/apigw-routes.schema.json and the manifest parser agree: every manifest of the parser's
// tests that the parser accepts, the schema accepts; every one it rejects, the schema rejects —
// except the rules listed below that a JSON Schema cannot state. The examples of
// docs/manifest.md are held to both as well.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse as parseYamlValue } from 'yaml';
import { formatProblem, parseManifest } from '../src/manifest/index.ts';
import { INVALID_MANIFESTS, VALID_MANIFESTS, type ManifestCase } from './manifest/cases.ts';

const ROOT = new URL('../', import.meta.url);
const schema = JSON.parse(readFileSync(new URL('schema/apigw-routes.schema.json', ROOT), 'utf8')) as Record<string, unknown>;
const manifestDoc = readFileSync(new URL('docs/manifest.md', ROOT), 'utf8');

// strict: unknown keywords and malformed schema parts are errors, not silently ignored
const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
const validate = ajv.compile(schema);

/**
 * Rules that need more than the shape of one value (relations between keys, comparisons across
 * routes, names that differ only in case). The parser rejects these manifests; the schema cannot,
 * and the test proves it still accepts them, so this list stays exact.
 */
const PARSER_ONLY: Record<string, string> = {
  'the same parameter twice': 'the same {name} twice in one path',
  'unsubstituted path parameters, one problem each': 'every {parameter} of the path needs a `params` value',
  'an unsubstituted parameter in a shorthand route says to use the mapping form': 'every {parameter} of the path needs a `params` value',
  'a params key that names no segment': '`params` keys must name a {parameter} of the path',
  'params on a path without parameters': '`params` keys must name a {parameter} of the path',
  'a misspelt params key': '`params` keys must name a {parameter} of the path',
  'a slash in a plain param': 'only a greedy {name+} value may contain `/`',
  'a greedy value starting with a slash': 'a greedy value must not start with `/` or contain `//`',
  'a header twice in different case': 'header names are compared case-insensitively',
  'the same route twice, shorthand then mapping': 'duplicate routes (same method, path, params and query)',
  'duplicates compare params and query regardless of their order': 'duplicate routes (same method, path, params and query)',
  'a route that repeats one from defaults-merged query': 'duplicate routes, after `defaults.query` is merged',
  // Hostile values: what Node and the gateway would do with them, not the shape of the document.
  'a self-referencing alias in a body': 'alias cycles are a YAML graph, not a JSON value',
  'a self-referencing alias in a mapping body': 'alias cycles are a YAML graph, not a JSON value',
  'a header value Node refuses (non-Latin-1)': 'header values as Node validates them',
  'a header value with NUL': 'header values as Node validates them',
  'a header value with a non-ASCII Latin-1 letter': 'header values are ASCII (Node sends Latin-1 where curl sends UTF-8)',
  'a non-ASCII CORS origin': 'an origin host is ASCII (punycode)',
  'a lone surrogate in a query value': 'strings are well-formed Unicode',
  'a `..` segment in the path': 'no dot segments (clients resolve them)',
  'a `.` segment in the path': 'no dot segments (clients resolve them)',
  'a `..` path parameter value': 'no dot segments in parameter values',
  'a greedy value with a `..` segment': 'no dot segments in parameter values',
};

/** Not a single YAML value at all: the editor's YAML support reports these, before any schema. */
const YAML_ERRORS = new Set([
  'YAML syntax error: unclosed flow sequence',
  'YAML syntax error: unclosed quote',
  'YAML duplicate key',
  'YAML tab indentation',
  'YAML with two documents',
]);

function yamlValue(text: string): { value?: unknown; error?: string } {
  try {
    return { value: parseYamlValue(text) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function schemaErrors(value: unknown): string {
  validate(value);
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
}

function parserProblems(c: ManifestCase): string[] {
  return parseManifest(c.text, c.file ?? '.github/apigw-routes.yml').problems.map(formatProblem);
}

test('the schema is a valid draft-07 schema, and compiles in strict mode', () => {
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.equal(ajv.validateSchema(schema), true, JSON.stringify(ajv.errors));
});

for (const c of VALID_MANIFESTS) {
  test(`schema and parser accept: ${c.name}`, () => {
    assert.deepEqual(parserProblems(c), [], 'the parser accepts it');
    const { value, error } = yamlValue(c.text);
    assert.equal(error, undefined);
    assert.equal(validate(value), true, schemaErrors(value));
  });
}

for (const c of INVALID_MANIFESTS) {
  test(`parser rejects, and so does the schema unless parser-only: ${c.name}`, () => {
    assert.notDeepEqual(parserProblems(c), [], 'the parser rejects it');
    const { value, error } = yamlValue(c.text);
    if (YAML_ERRORS.has(c.name)) {
      assert.ok(error, 'YAML itself rejects it');
      return;
    }
    assert.equal(error, undefined, 'a single YAML value');
    if (c.name in PARSER_ONLY) {
      assert.equal(
        validate(value),
        true,
        `listed as parser-only (${PARSER_ONLY[c.name]}), but the schema rejects it: ${schemaErrors(value)}`,
      );
    } else {
      assert.equal(validate(value), false, 'the schema rejects it too');
    }
  });
}

/** Edge cases of the forms the parser tolerates (case, spaces, leading zeros), both ways. */
const EDGES: { text: string; valid: boolean }[] = [
  { text: 'routes: [GET /]', valid: true },
  { text: 'routes: [get /users/]', valid: true },
  { text: 'routes: ["GET /a%20b/ü"]', valid: true },
  { text: 'routes: [{ route: GET /a, auth: " IAM+API-Key " }]', valid: true },
  { text: 'routes: [{ route: GET /a, expect: " 2XX " }]', valid: true },
  { text: 'routes: [{ route: GET /a, expect: "0200" }]', valid: true },
  { text: 'routes: [{ route: GET /a, expect: " Reachable " }]', valid: true },
  { text: 'routes: [{ route: GET /a, headers: { x-n: 1, x-b: true, x-e: "" } }]', valid: true },
  { text: 'routes: [{ route: POST /a, body: [] }]', valid: true },
  { text: 'routes: [{ route: DELETE /a, body: "" }]', valid: true },
  { text: 'routes: [{ route: OPTIONS /a, cors: { origin: " http://localhost:3000 ", method: " put ", headers: "" } }]', valid: true },
  { text: 'api: { stage: " prod ", region: " us-east-1 " }\nroutes: [GET /a]', valid: true },
  { text: 'version: "1"\nroutes: [GET /a]', valid: false },
  { text: 'routes: [{ route: GET /a, expect: 1XX }]', valid: false },
  { text: 'routes: [{ route: GET /a, auth: [] }]', valid: false },
  { text: 'routes: [{ route: GET /a, query: { a: null } }]', valid: false },
  { text: 'routes: [{ route: GET /a, headers: { a: [1] } }]', valid: false },
  { text: 'routes: [{ route: POST /a, body: true }]', valid: false },
  { text: 'routes: [{ route: "GET /{id}", params: { id: 1 }, cors: { origin: https://a.example, method: GET } }]', valid: false },
  { text: 'routes: [{ route: OPTIONS /a, cors: { origin: "https://user@a.example", method: GET } }]', valid: false },
  { text: 'routes: ["GET /a "]', valid: false },
  { text: 'routes: ["GET /a/{b+}/"]', valid: false },
  { text: 'routes: [{ route: GET /a, auth: "" }]', valid: false },
  { text: 'api: { base-url: "https://x.example.com/v1 x" }\nroutes: [GET /a]', valid: false },
];

for (const { text, valid } of EDGES) {
  test(`schema and parser both ${valid ? 'accept' : 'reject'}: ${text.replace(/\n/g, ' ⏎ ')}`, () => {
    const problems = parserProblems({ name: text, text });
    assert.equal(problems.length === 0, valid, `parser: ${problems.join('; ') || 'no problem'}`);
    const { value, error } = yamlValue(text);
    assert.equal(error, undefined);
    assert.equal(validate(value), valid, `schema: ${schemaErrors(value) || 'no error'}`);
  });
}

test('the lists of parser-only rules and YAML errors name existing cases only', () => {
  const names = new Set(INVALID_MANIFESTS.map((c) => c.name));
  for (const name of [...Object.keys(PARSER_ONLY), ...YAML_ERRORS]) assert.ok(names.has(name), `no invalid case named "${name}"`);
});

/** The fenced yaml blocks of docs/manifest.md that declare the schema: complete, valid manifests. */
function documentedExamples(): { line: number; text: string }[] {
  const examples: { line: number; text: string }[] = [];
  const fence = /^```ya?ml\n([\s\S]*?)^```$/gm;
  for (const match of manifestDoc.matchAll(fence)) {
    if (!match[1]?.startsWith('# yaml-language-server: $schema=')) continue;
    examples.push({ line: manifestDoc.slice(0, match.index).split('\n').length, text: match[1] });
  }
  return examples;
}

test('every example of docs/manifest.md that declares the schema is valid for the parser and the schema', () => {
  const examples = documentedExamples();
  assert.ok(examples.length >= 3, `found ${examples.length} examples`);
  for (const { line, text } of examples) {
    assert.deepEqual(parserProblems({ name: `docs/manifest.md:${line}`, text }), [], `docs/manifest.md:${line}`);
    const { value, error } = yamlValue(text);
    assert.equal(error, undefined, `docs/manifest.md:${line}`);
    assert.equal(validate(value), true, `docs/manifest.md:${line}: ${schemaErrors(value)}`);
  }
});

test('the examples point editors at the schema this repository publishes', () => {
  const declared = new Set(
    documentedExamples().map(({ text }) => (text.split('\n')[0] ?? '').slice('# yaml-language-server: $schema='.length)),
  );
  assert.deepEqual([...declared], [schema.$id]);
});

test('every docs link in the schema lands on an anchor of docs/manifest.md', () => {
  const anchors = new Set([...manifestDoc.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]));
  const linked = [...JSON.stringify(schema).matchAll(/docs\/manifest\.md#([a-z0-9-]+)/g)].map((m) => m[1]);
  assert.ok(linked.length > 10, 'the schema links its keys to the reference');
  for (const anchor of linked) assert.ok(anchors.has(anchor), `docs/manifest.md has no anchor "${anchor}"`);
});

test('every example message in the validation errors of docs/manifest.md is what the parser says', () => {
  const said = new Set(INVALID_MANIFESTS.flatMap(parserProblems));
  const documented = [...manifestDoc.matchAll(/^\| [^|]+ \| `` (.+) `` \|$/gm)].map(([, message = '']) => message);
  assert.ok(documented.length >= 20, `found ${documented.length} example messages`);
  for (const message of documented) assert.ok(said.has(message), `no invalid manifest makes the parser say:\n${message}`);
});
