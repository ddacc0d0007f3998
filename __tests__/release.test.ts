// The release workflow moves the `v1` tag users pin: it must prove the commit first, and publish the
// version's CHANGELOG section. Its shell steps are run here as the runner would run them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../emulator/run-action.ts';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
}

async function releaseSteps(): Promise<{ on: unknown; steps: Step[]; permissions: Record<string, string> }> {
  const doc = parse(await readFile(path.join(ROOT, '.github/workflows/release.yml'), 'utf8')) as {
    on: unknown;
    jobs: { release: { steps: Step[]; permissions: Record<string, string> } };
  };
  return { on: doc.on, ...doc.jobs.release };
}

const stepIndex = (steps: Step[], run: RegExp) => steps.findIndex((s) => s.run !== undefined && run.test(s.run));

test('runs on v1.x.y tags, verifies with .ci/run before it moves v1, and releases last', async () => {
  const { on, steps, permissions } = await releaseSteps();
  assert.deepEqual(on, { push: { tags: ['v1.*.*'] } });
  assert.equal(permissions.contents, 'write');
  const verify = stepIndex(steps, /^bash \.ci\/run$/m);
  const notes = stepIndex(steps, /CHANGELOG\.md/);
  const move = stepIndex(steps, /git tag -f v1 /);
  const release = stepIndex(steps, /gh release create/);
  assert.ok(verify >= 0 && notes > verify && move > notes && release > move, `order: ${[verify, notes, move, release].join(' < ')}`);
});

/** Runs one step's script with bash in `cwd`, as the runner does (`bash -e {0}`). */
function runStep(script: string, cwd: string, env: Record<string, string>) {
  return spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
}

test('the tag check refuses anything but v1.MINOR.PATCH', async () => {
  const { steps } = await releaseSteps();
  const check = steps[0]?.run;
  assert.ok(check);
  for (const tag of ['v1.0.0', 'v1.2.3', 'v1.10.0']) assert.equal(runStep(check, ROOT, { TAG: tag }).status, 0, tag);
  for (const tag of ['v1.2.3-rc.1', 'v2.0.0', 'v1.02.0', 'v1.2', 'v1.2.3.4'])
    assert.equal(runStep(check, ROOT, { TAG: tag }).status, 1, tag);
});

test("the release notes are the version's CHANGELOG section, and a missing section stops the release", async () => {
  const { steps } = await releaseSteps();
  const script = steps[stepIndex(steps, /CHANGELOG\.md/)]?.run;
  assert.ok(script);
  const dir = await mkdtemp(path.join(tmpdir(), 'release-notes-'));
  try {
    await writeFile(
      path.join(dir, 'CHANGELOG.md'),
      '# Changelog\n\n## [Unreleased]\n\n- next\n\n## [1.2.0] - 2026-12-01\n\n### Added\n\n- shards\n\n## [1.1.0] - 2026-11-01\n\n- older\n',
    );
    const ok = runStep(script, dir, { TAG: 'v1.2.0', RUNNER_TEMP: dir });
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    assert.equal(await readFile(path.join(dir, 'notes.md'), 'utf8'), '\n### Added\n\n- shards\n\n');
    const missing = runStep(script, dir, { TAG: 'v1.3.0', RUNNER_TEMP: dir });
    assert.equal(missing.status, 1);
    assert.match(missing.stdout, /::error file=CHANGELOG\.md::no '## \[1\.3\.0\]' section/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('CHANGELOG.md keeps the Keep a Changelog shape: an Unreleased section and its link', async () => {
  const changelog = await readFile(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
  assert.match(changelog, /^## \[Unreleased\]$/m);
  assert.match(changelog, /^\[Unreleased\]: https:\/\/github\.com\/apigw-route-verify\/apigw-route-verify\//m);
  for (const heading of changelog.matchAll(/^### (.+)$/gm))
    assert.ok(['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security'].includes(heading[1]!), heading[1]);
});
