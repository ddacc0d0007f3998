// `verify`'s flags become the INPUT_* variables the action reads: every input of action.yml, no
// other flag, and never a secret from the command line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { parseFlags } from '../../src/cli/flags.ts';
import { defaultSecretVariable, SECRET_INPUTS, verifyInvocation } from '../../src/cli/verify-flags.ts';

const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as { inputs: Record<string, unknown> };
const NOT_SECRET = Object.keys(action.inputs).filter((name) => !(SECRET_INPUTS as readonly string[]).includes(name));

test('every non-secret input of action.yml is a flag, set as the INPUT_ variable @actions/core reads', () => {
  const argv = NOT_SECRET.flatMap((name, i) => [`--${name}`, `value-${i}`]);
  const { invocation, error } = verifyInvocation(argv, {});
  assert.equal(error, undefined);
  NOT_SECRET.forEach((name, i) => assert.equal(invocation?.env[`INPUT_${name.toUpperCase()}`], `value-${i}`, name));
  // and nothing else: one variable per input of action.yml
  assert.deepEqual(
    Object.keys(invocation?.env ?? {}).sort(),
    Object.keys(action.inputs)
      .map((n) => `INPUT_${n.toUpperCase()}`)
      .sort(),
  );
});

test('an input not given is empty, so that the action applies its default', () => {
  const { invocation } = verifyInvocation(['--stage', 'prod'], {});
  assert.equal(invocation?.env['INPUT_STAGE'], 'prod');
  assert.equal(invocation?.env['INPUT_ROUTES'], '');
  assert.equal(invocation?.env['INPUT_API-KEY'], '');
});

test('--name=value works, and a flag given twice is a multi-line input', () => {
  const { invocation } = verifyInvocation(['--connect-to=a:1:b:2', '--connect-to', 'c:3:d:4', '--routes=deployed'], {});
  assert.equal(invocation?.env['INPUT_CONNECT-TO'], 'a:1:b:2\nc:3:d:4');
  assert.equal(invocation?.env['INPUT_ROUTES'], 'deployed');
});

test('an unknown flag is an error naming it, with the input it probably meant', () => {
  assert.equal(verifyInvocation(['--stag', 'prod'], {}).error, 'unknown option --stag — did you mean --stage?');
  assert.equal(verifyInvocation(['--frobnicate', 'x'], {}).error, 'unknown option --frobnicate');
  assert.match(verifyInvocation(['prod'], {}).error ?? '', /unexpected argument "prod"/);
  assert.equal(verifyInvocation(['--stage'], {}).error, '--stage needs a value');
  assert.equal(verifyInvocation(['--stage', '--region', 'x'], {}).error, '--stage needs a value');
});

test('a secret given as a flag value is refused, and the refusal does not repeat it', () => {
  for (const name of SECRET_INPUTS) {
    for (const argv of [[`--${name}`, 'hunter2-secret'], [`--${name}=hunter2-secret`]]) {
      const { invocation, error } = verifyInvocation(argv, {});
      assert.equal(invocation, undefined);
      assert.match(
        error ?? '',
        new RegExp(`^--${name} is not accepted: .*shell history.*--${name}-env NAME.*${defaultSecretVariable(name)}`),
      );
      assert.ok(!error?.includes('hunter2'), error);
    }
  }
});

test('secrets come from the variable --<input>-env names, or from APIGW_<INPUT> by default', () => {
  const env = { MY_KEY: 'key-from-my-key', APIGW_API_KEY: 'key-by-default', APIGW_AUTHORIZER_TOKEN: 'token-by-default' };
  assert.equal(verifyInvocation(['--api-key-env', 'MY_KEY'], env).invocation?.env['INPUT_API-KEY'], 'key-from-my-key');
  const byDefault = verifyInvocation([], env).invocation?.env;
  assert.equal(byDefault?.['INPUT_API-KEY'], 'key-by-default');
  assert.equal(byDefault?.['INPUT_AUTHORIZER-TOKEN'], 'token-by-default');
  assert.equal(byDefault?.['INPUT_GITHUB-TOKEN'], '');
  assert.equal(defaultSecretVariable('github-token'), 'APIGW_GITHUB_TOKEN');
});

test('--<input>-env naming an unset variable is an error; one that looks like a secret is not repeated', () => {
  assert.equal(verifyInvocation(['--api-key-env', 'NOPE'], {}).error, '--api-key-env NOPE: the variable NOPE is not set or empty');
  const typed = verifyInvocation(['--api-key-env', 'sk-live-4f9a'], {}).error ?? '';
  assert.match(typed, /takes the name of an environment variable/);
  assert.ok(!typed.includes('sk-live'), typed);
  const lowerCase = verifyInvocation(['--api-key-env', 'abcdef0123456789'], {}).error ?? '';
  assert.match(lowerCase, /no variable of that name is set/);
  assert.ok(!lowerCase.includes('abcdef0123456789'), lowerCase);
});

test('--profile is a local option, not an input', () => {
  const { invocation } = verifyInvocation(['--profile', 'dev-sso'], {});
  assert.equal(invocation?.profile, 'dev-sso');
  assert.ok(!Object.keys(invocation?.env ?? {}).some((k) => k.includes('PROFILE')));
});

test('parseFlags takes only the names it is given', () => {
  assert.deepEqual(parseFlags(['--out', 'x.yml'], { names: ['out'] }), { flags: { out: 'x.yml' } });
  assert.equal(parseFlags(['--routes', 'x'], { names: ['out'] }).error, 'unknown option --routes');
  assert.equal(parseFlags(['-o', 'x'], { names: ['out'] }).error, 'unknown option "-o"');
});
