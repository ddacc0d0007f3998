// `init`'s starter manifest: what the real parser and the schema accept, with every placeholder
// marked; and --out never overwrites a file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse as parseYamlValue } from 'yaml';
import { SCHEMA_URL, starterManifest, TODO, writeNewFile } from '../../src/cli/init.ts';
import { formatProblem, parseManifest } from '../../src/manifest/index.ts';
import type { MethodInfo, MethodTable } from '../../src/types.ts';

const open: MethodInfo = { authorizationType: 'NONE', apiKeyRequired: false };
const DEPLOYED: MethodTable = {
  '/': { GET: open },
  '/health': { GET: open, OPTIONS: open },
  '/users/{id}': { GET: open, DELETE: { authorizationType: 'AWS_IAM', apiKeyRequired: false } },
  '/orders/{orderId}/items/{itemId}': { PUT: { authorizationType: 'CUSTOM', apiKeyRequired: true } },
  '/files/{proxy+}': { ANY: { authorizationType: 'NONE', apiKeyRequired: true } },
};
const INPUT = { restApiId: 'a1b2c3d4e5', stage: 'prod', region: 'eu-west-1', deploymentId: 'dep42', deployed: DEPLOYED };

const schema = JSON.parse(readFileSync(new URL('../../schema/apigw-routes.schema.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true }).compile(schema);

test('the starter manifest parses with the real parser: one route per deployed method, the api block set', () => {
  const text = starterManifest(INPUT);
  const { manifest, problems } = parseManifest(text, 'starter.yml');
  assert.deepEqual(problems.map(formatProblem), []);
  assert.deepEqual(manifest?.api, { restApiId: 'a1b2c3d4e5', stage: 'prod', region: 'eu-west-1' });
  assert.deepEqual(
    manifest?.routes.map((r) => [r.route, r.auth, r.expect.text]),
    [
      ['GET /', 'auto', '2xx'],
      ['GET /files/{proxy+}', 'api-key', '2xx'],
      ['GET /health', 'auto', '2xx'],
      ['OPTIONS /health', 'auto', 'reachable'],
      ['PUT /orders/{orderId}/items/{itemId}', 'token+api-key', 'reachable'],
      ['GET /users/{id}', 'auto', '2xx'],
      ['DELETE /users/{id}', 'iam', 'reachable'],
    ],
  );
});

test('it validates against the schema, whose line comes first for editors', () => {
  const text = starterManifest(INPUT);
  assert.equal(text.split('\n')[0], `# yaml-language-server: $schema=${SCHEMA_URL}`);
  assert.match(SCHEMA_URL, /\/schema\/apigw-routes\.schema\.json$/);
  assert.ok(validate(parseYamlValue(text)), JSON.stringify(validate.errors));
});

test('every path parameter is "TODO", with a TODO comment on its line', () => {
  const text = starterManifest(INPUT);
  const { manifest } = parseManifest(text, 'starter.yml');
  for (const route of manifest?.routes ?? []) for (const value of Object.values(route.params)) assert.equal(value, TODO);
  const paramLines = text.split('\n').filter((l) => l.includes('params:'));
  assert.equal(paramLines.length, 4);
  for (const line of paramLines) assert.match(line, /"TODO".*# TODO: a real /);
  assert.match(text, /params: \{ orderId: "TODO", itemId: "TODO" \} # TODO: a real orderId, a real itemId/);
  assert.match(text, /params: \{ proxy: "TODO" \} # TODO: a real path under \/files\//);
});

test('auth is written only where the method asks for credentials; writes expect reachable with a TODO for the body', () => {
  const text = starterManifest(INPUT);
  assert.match(text, /^ {2}- GET \/$/m);
  assert.match(text, /- route: DELETE \/users\/\{id\}\n {4}params: .*\n {4}auth: iam\n {4}expect: reachable # TODO: a body/);
  assert.doesNotMatch(text, /auth: none/);
  assert.match(text, /route: GET \/files\/\{proxy\+\} # the ANY method: GET tests it/);
  // OPTIONS needs no body: reachable, no TODO
  assert.match(text, /- route: OPTIONS \/health\n {4}expect: reachable\n/);
});

test('--out writes a new file, and refuses one that exists, leaving it and no temporary file', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'apigw-init-'));
  try {
    const file = path.join(dir, 'apigw-routes.yml');
    await writeNewFile(file, 'version: 1\n');
    assert.equal(await readFile(file, 'utf8'), 'version: 1\n');
    await assert.rejects(writeNewFile(file, 'something else\n'), /apigw-routes\.yml exists; it was left as it is/);
    assert.equal(await readFile(file, 'utf8'), 'version: 1\n');
    await writeFile(path.join(dir, 'other.yml'), 'mine\n');
    await assert.rejects(writeNewFile(path.join(dir, 'other.yml'), 'x'), /exists/);
    assert.deepEqual((await readdir(dir)).sort(), ['apigw-routes.yml', 'other.yml']);
    await assert.rejects(writeNewFile(path.join(dir, 'missing-dir', 'x.yml'), 'x'), /could not write/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
