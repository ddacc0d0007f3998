// resolveSettings: where credentials may go, decided from the inputs and the manifest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveSettings, untrustedHostProblem, wholeNumberOrDefault, withDefaults, type RawInputs } from '../src/inputs.ts';
import type { Manifest } from '../src/types.ts';

const WS = { cwd: '/ws', env: {} };
const API = 'a1b2c3d4e5';
const FILE = '.github/apigw-routes.yml';

function manifest(baseUrl?: string): Manifest {
  return {
    file: FILE,
    api: { restApiId: API, stage: 'prod', region: 'us-east-1', ...(baseUrl ? { baseUrl } : {}) },
    apiSource: baseUrl ? { baseUrl: { file: FILE, line: 5, column: 3 } } : {},
    routes: [],
  };
}
const inputs = (raw: Partial<RawInputs> = {}) => withDefaults({ 'api-key': 'k-secret-0001', ...raw });

test('a manifest-only base-url on another host is held back for verification, with its manifest line', () => {
  const { problems, hostToVerify, settings } = resolveSettings(inputs(), manifest('https://attacker.example/prod'), WS);
  assert.deepEqual(problems, []);
  assert.deepEqual(hostToVerify, { host: 'attacker.example', source: { file: FILE, line: 5, column: 3 } });
  assert.deepEqual(settings.credentialHosts, []);
  const problem = untrustedHostProblem(hostToVerify, FILE, 'the account has no custom domain of that name');
  assert.match(problem.message, /attacker\.example/);
  assert.match(problem.fix, /`base-url` as an action input.*`trusted-hosts`/);
  assert.deepEqual(problem.source, { file: FILE, line: 5, column: 3 });
});

test("a manifest base-url on the API's own host, or on a trusted host, needs no verification", () => {
  assert.equal(resolveSettings(inputs(), manifest(`https://${API}.execute-api.us-east-1.amazonaws.com/prod`), WS).hostToVerify, undefined);
  const trusted = resolveSettings(inputs({ 'trusted-hosts': 'api.example.com' }), manifest('https://API.example.com/v1'), WS);
  assert.equal(trusted.hostToVerify, undefined);
  assert.deepEqual(trusted.settings.credentialHosts, ['api.example.com']);
});

test("a base-url input is the workflow's choice: its host may receive credentials", () => {
  const { hostToVerify, settings, problems } = resolveSettings(
    inputs({ 'base-url': 'http://127.0.0.1:4010/prod' }),
    manifest('https://attacker.example'),
    WS,
  );
  assert.deepEqual(problems, []);
  assert.equal(hostToVerify, undefined);
  assert.equal(settings.baseUrl, 'http://127.0.0.1:4010/prod');
  assert.deepEqual(settings.credentialHosts, ['127.0.0.1']);
});

test('a base-url input with a password or a line break is refused without quoting it', () => {
  for (const bad of ['https://u:hunter2@api.example.com', 'https://api.example.com/x\n::warning::pwned']) {
    const { problems } = resolveSettings(inputs({ 'base-url': bad }), manifest(), WS);
    assert.equal(problems.length, 1, bad);
    assert.ok(problems[0]);
    assert.ok(!problems[0].message.includes('hunter2') && !/[\r\n]|::warning/.test(problems[0].message), problems[0].message);
  }
});

test('stage, rest-api-id and region inputs with a line break are refused (workflow-command injection)', () => {
  for (const name of ['stage', 'rest-api-id', 'region'] as const) {
    const { problems } = resolveSettings(inputs({ [name]: 'prod\n::stop-commands::x' }), manifest(), WS);
    assert.ok(
      problems.some((p) => p.message.includes(`\`${name}\``)),
      name,
    );
  }
});

test('a trusted-hosts entry that is not a bare host name is a problem', () => {
  const { problems } = resolveSettings(inputs({ 'trusted-hosts': 'https://api.example.com' }), manifest(), WS);
  assert.equal(problems.length, 1);
  assert.ok(problems[0]);
  assert.match(problems[0].message, /trusted-hosts/);
});

test('wholeNumberOrDefault: a whole number in the input range, else action.yml default (read before the settings)', () => {
  assert.equal(wholeNumberOrDefault('timeout', '30'), 30);
  assert.equal(wholeNumberOrDefault('timeout', '0'), 10, 'below the range');
  assert.equal(wholeNumberOrDefault('retries', 'x'), 2, 'not a number');
  assert.equal(wholeNumberOrDefault('retries', '10'), 10);
  assert.equal(wholeNumberOrDefault('wait-for-deployment', '3601'), 0, 'above the range');
  assert.equal(wholeNumberOrDefault('wait-for-deployment', '3600'), 3600);
});
