// End-to-end: the bundled command line (dist/cli.js) against the emulator's "shop" API — `init`
// prints a starter manifest that the action accepts once its TODOs are filled in, and `verify`
// runs the action's job in a terminal. Needs the bundle (npm test builds it).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Emulator, startEmulator } from '../../emulator/index.ts';
import { DIST_ENTRY, runAction, TEST_CREDENTIALS } from '../../emulator/run-action.ts';
import { leakFormsOf } from '../../emulator/secret-scan.ts';
import { SHOP_API_ID, SHOP_API_KEY, shopModel } from '../../emulator/scenarios/shop.ts';
import { parseManifest } from '../../src/manifest/index.ts';
import { reportOf } from './support-routing.ts';

const CLI = path.join(path.dirname(DIST_ENTRY), 'cli.js');

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** dist/cli.js in `cwd` with a clean environment: the emulator's endpoint and, unless told not to, the test credentials. */
function cli(
  args: string[],
  opts: { cwd: string; emulator: Emulator; credentials?: boolean; env?: Record<string, string> },
): Promise<CliRun> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: opts.cwd,
    TMPDIR: os.tmpdir(),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: path.join(opts.cwd, '_no_aws_config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(opts.cwd, '_no_aws_credentials'),
    AWS_ENDPOINT_URL_API_GATEWAY: opts.emulator.controlUrl,
    ...(opts.credentials === false
      ? {}
      : {
          AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
          AWS_SESSION_TOKEN: TEST_CREDENTIALS.sessionToken,
        }),
    ...opts.env,
  };
  const child = spawn(process.execPath, [CLI, ...args], { cwd: opts.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr })));
}

describe('the command line', () => {
  let emulator: Emulator;
  let cwd: string;
  const init = ['init', '--rest-api-id', SHOP_API_ID, '--stage', 'prod', '--region', 'us-east-1'];

  before(async () => {
    emulator = await startEmulator(shopModel({ stageOnNewest: true }));
    cwd = await mkdtemp(path.join(os.tmpdir(), 'apigw-cli-'));
  });
  after(async () => {
    await emulator?.close();
    if (cwd) await rm(cwd, { recursive: true, force: true });
  });

  test('init prints a starter manifest that the action accepts once the TODOs are filled in', async () => {
    const run = await cli(init, { cwd, emulator });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    assert.ok(parseManifest(run.stdout, 'starter.yml').manifest, 'the real parser accepts it as printed');
    assert.match(run.stdout, /params: \{ id: "TODO" \} # TODO: a real id/);
    const filled = run.stdout.replaceAll('"TODO"', '"42"');
    const action = await runAction({
      emulator,
      inputs: { 'base-url': emulator.invokeUrl(SHOP_API_ID, 'prod'), 'connect-to': emulator.connectTo, 'api-key': SHOP_API_KEY },
      files: { '.github/apigw-routes.yml': filled },
    });
    assert.equal(action.exitCode, 0, action.stdout);
    assert.deepEqual(
      reportOf(action).checks.map((c) => [c.route, c.outcome]),
      [
        ['GET /', 'passed'],
        ['GET /health', 'passed'],
        ['GET /invoices', 'passed'],
        ['POST /orders', 'passed'],
        ['GET /reports', 'passed'],
        ['GET /users', 'passed'],
        ['GET /users/{id}', 'passed'],
      ],
    );
    // every deployed method is declared: nothing left undeclared
    assert.ok(!reportOf(action).findings.some((f) => f.code === 'undeclared-routes'));
  });

  test('init with --profile takes the credentials and the region from the profile, as the AWS CLI does', async () => {
    const { accessKeyId, secretAccessKey, sessionToken } = TEST_CREDENTIALS;
    await writeFile(path.join(cwd, '_no_aws_config'), '[profile laptop]\nregion = us-east-1\n');
    await writeFile(
      path.join(cwd, '_no_aws_credentials'),
      `[laptop]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${secretAccessKey}\naws_session_token = ${sessionToken}\n`,
    );
    try {
      const run = await cli(['init', '--rest-api-id', SHOP_API_ID, '--stage', 'prod', '--profile', 'laptop'], {
        cwd,
        emulator,
        credentials: false,
      });
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^ {2}region: us-east-1$/m);
      const none = await cli(['init', '--rest-api-id', SHOP_API_ID, '--stage', 'prod', '--profile', 'other'], { cwd, emulator });
      assert.equal(none.code, 2);
      assert.match(none.stderr, /^apigw-route-verify init: no AWS region: pass --region/);
    } finally {
      await rm(path.join(cwd, '_no_aws_config'), { force: true });
      await rm(path.join(cwd, '_no_aws_credentials'), { force: true });
    }
  });

  test('init --out writes the file, and refuses to overwrite it in one line with exit status 2', async () => {
    const out = path.join(cwd, 'routes.yml');
    const first = await cli([...init, '--out', 'routes.yml'], { cwd, emulator });
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, '');
    const written = await readFile(out, 'utf8');
    assert.match(written, /^# yaml-language-server: \$schema=/);
    await writeFile(out, 'mine\n');
    const second = await cli([...init, '--out', 'routes.yml'], { cwd, emulator });
    assert.equal(second.code, 2);
    assert.match(second.stderr, /^apigw-route-verify init: .*routes\.yml exists; it was left as it is/);
    assert.equal(second.stderr.trimEnd().split('\n').length, 1);
    assert.equal(await readFile(out, 'utf8'), 'mine\n');
  });

  test('init without credentials, or with an unknown API, is one clear line and exit status 2', async () => {
    const bare = await cli(init, { cwd, emulator, credentials: false });
    assert.equal(bare.code, 2);
    assert.match(bare.stderr, /^apigw-route-verify init: .*no AWS credentials were found/);
    assert.equal(bare.stderr.trimEnd().split('\n').length, 1);
    const unknown = await cli(['init', '--rest-api-id', 'zzzzzzzzzz', '--stage', 'prod', '--region', 'us-east-1'], { cwd, emulator });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^apigw-route-verify init: the deployed routes of REST API zzzzzzzzzz .*NotFound/);
    assert.equal(unknown.stderr.trimEnd().split('\n').length, 1);
  });

  test('verify runs the action in the terminal: the summary as text, the report where asked, no secret shown', async () => {
    const reportFile = path.join(cwd, 'report.json');
    const args = ['verify', '--routes', 'deployed', '--rest-api-id', SHOP_API_ID, '--stage', 'prod', '--region', 'us-east-1'];
    const target = ['--base-url', emulator.invokeUrl(SHOP_API_ID, 'prod'), '--connect-to', emulator.connectTo, '--report-file', reportFile];
    const run = await cli([...args, ...target, '--api-key-env', 'SHOP_KEY'], { cwd, emulator, env: { SHOP_KEY: SHOP_API_KEY } });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^Verifying 7 routes of a1b2c3d4e5 stage prod/m);
    assert.match(run.stdout, /^✅ 7 routes passed · prod · a1b2c3d4e5$/m);
    assert.match(run.stdout, /^POST \/orders +api-key +201 /m);
    assert.match(run.stdout, new RegExp(`result: passed · JSON report: ${reportFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    assert.ok((await stat(reportFile)).isFile());
    assert.doesNotMatch(run.stdout, /^::/m, 'no raw workflow command');
    for (const secret of [SHOP_API_KEY, TEST_CREDENTIALS.secretAccessKey, TEST_CREDENTIALS.sessionToken])
      for (const form of leakFormsOf(secret)) assert.ok(!run.stdout.includes(form) && !run.stderr.includes(form), 'a secret was printed');
  });

  test('verify refuses a secret on the command line, and fails (exit 1) when routes fail', async () => {
    const refused = await cli(['verify', '--api-key', SHOP_API_KEY], { cwd, emulator });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /--api-key is not accepted/);
    assert.ok(!refused.stderr.includes(SHOP_API_KEY));
    const reportFile = path.join(cwd, 'failing.json');
    // no API key: POST /orders is refused by the gateway
    const failing = await cli(
      [
        'verify',
        '--routes',
        'deployed',
        '--rest-api-id',
        SHOP_API_ID,
        '--stage',
        'prod',
        '--region',
        'us-east-1',
        '--base-url',
        emulator.invokeUrl(SHOP_API_ID, 'prod'),
        '--connect-to',
        emulator.connectTo,
        '--report-file',
        reportFile,
      ],
      { cwd, emulator },
    );
    assert.equal(failing.code, 1, failing.stdout);
    assert.match(failing.stdout, /^error: api-key-missing: POST \/orders$/m);
    assert.match(failing.stdout, /result: failed/);
  });
});
