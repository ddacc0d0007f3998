// The README is checked against the code it describes: the inputs/outputs tables against action.yml,
// the troubleshooting index against the diagnosis registry, the IAM policy against the policy builder,
// the CDK workflow against examples/cdk.yml, the manifests against the parser, the links against the files.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { access, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { registry } from '../src/diagnose/registry.ts';
import { leastPrivilegePolicy } from '../src/aws/policy.ts';
import { parseManifest } from '../src/manifest/index.ts';
import { ROOT } from '../emulator/run-action.ts';
import { parseAction, withTables } from '../scripts/readme-tables.ts';

const read = (rel: string) => readFile(path.join(ROOT, rel), 'utf8');

/** The text of a `## heading` section, up to the next `## `. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `README has the section "## ${heading}"`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

/** Fenced blocks of one language, in order. */
function blocks(markdown: string, lang: string): string[] {
  return [...markdown.matchAll(new RegExp('^```' + lang + '\\n([\\s\\S]*?)^```', 'gm'))].map((m) => m[1]!);
}

describe('README', () => {
  test('opens with the two commands that work on a fresh machine: the demo and the tests', async () => {
    const readme = await read('README.md');
    const [title, ...rest] = readme.split('\n');
    assert.equal(title, '# apigw-route-verify');
    // at most a one-line intro between the title and the commands
    const body = rest.join('\n').replace(/^\n+/, '');
    const intro = /^[^\n`#][^\n]*\n\n/.exec(body)?.[0] ?? '';
    const first = /^```sh\n([\s\S]*?)```/.exec(body.slice(intro.length));
    assert.ok(first, 'a sh block comes first after the title (and a one-line intro)');
    const commands = first[1]!
      .trim()
      .split('\n')
      .map((line) => line.replace(/\s+#.*$/, ''));
    assert.deepEqual(commands, ['npm ci && npm run demo', 'npm ci && npm test']);
    const pkg = JSON.parse(await read('package.json')) as { scripts: Record<string, string> };
    assert.ok(pkg.scripts.demo && pkg.scripts.test);
  });

  test('.ci/run installs with npm ci and runs the test command the README gives', async () => {
    const lines = (await read('.ci/run')).split('\n').map((l) => l.trim());
    assert.ok(
      lines.some((l) => /^npm ci( |$)/.test(l)),
      '.ci/run runs npm ci',
    );
    assert.ok(lines.includes('npm test'), '.ci/run runs npm test');
  });

  test('the inputs and outputs tables are what `npm run readme` generates from action.yml', async () => {
    const [readme, action] = await Promise.all([read('README.md'), read('action.yml')]);
    assert.equal(withTables(readme, parseAction(action)), readme, 'README tables differ from action.yml: run `npm run readme`');
  });

  test('the table check can fail: a changed description or a new input changes the tables', async () => {
    const [readme, actionText] = await Promise.all([read('README.md'), read('action.yml')]);
    const action = parseAction(actionText);
    const changed = structuredClone(action);
    changed.inputs.routes!.description = 'Another | description';
    assert.notEqual(withTables(readme, changed), readme);
    const added = structuredClone(action);
    added.outputs['new-output'] = { description: 'New.' };
    assert.match(withTables(readme, added), /\| `new-output` \| New\. \|/);
    assert.match(withTables(readme, changed), /Another \\\| description/, 'a | in a description is escaped');
    assert.throws(() => withTables('# no markers\n', action), /<!-- inputs:start -->/);
  });

  test('shows examples/cdk.yml as it is, and manifests the parser accepts', async () => {
    const [readme, cdk] = await Promise.all([read('README.md'), read('examples/cdk.yml')]);
    assert.equal(blocks(section(readme, 'Full workflow: a CDK pipeline'), 'yaml')[0], cdk);
    const manifests = blocks(readme, 'yaml').filter((b) => /^version: 1$/m.test(b));
    assert.ok(manifests.length >= 2);
    for (const text of manifests) {
      const { manifest, problems } = parseManifest(text, 'README.md');
      assert.deepEqual(problems, [], text);
      assert.ok(manifest && manifest.routes.length > 0);
    }
  });
});

/** The codes of the troubleshooting index: each row's link text and anchor. */
function indexedCodes(readme: string): string[] {
  const start = readme.indexOf('<!-- diagnoses:start -->');
  const end = readme.indexOf('<!-- diagnoses:end -->');
  assert.ok(start >= 0 && end > start, 'README has the diagnoses markers');
  return [...readme.slice(start, end).matchAll(/^\| \[`([a-z0-9-]+)`\]\(docs\/diagnoses\.md#([a-z0-9-]+)\) \| (.+) \|$/gm)].map((m) => {
    assert.equal(m[2], m[1], `the link of ${m[1]} points at its own section`);
    assert.ok(m[3]!.trim().length > 5, `${m[1]} has a symptom`);
    return m[1]!;
  });
}

describe('troubleshooting index', () => {
  test('lists every diagnosis code of the registry once, and nothing else', async () => {
    const codes = indexedCodes(await read('README.md'));
    assert.equal(new Set(codes).size, codes.length, 'no code twice');
    assert.deepEqual([...codes].sort(), [...new Set(registry.map((r) => r.meta.code))].sort());
  });

  test('can fail: a missing or unknown code is found', async () => {
    const readme = await read('README.md');
    const codes = indexedCodes(
      readme
        .replace(/^\| \[`flaky`\].*\n/m, '')
        .replace('`throttled`](docs/diagnoses.md#throttled)', '`thottled`](docs/diagnoses.md#thottled)'),
    );
    assert.ok(!codes.includes('flaky') && codes.includes('thottled'));
    assert.notDeepEqual([...codes].sort(), [...new Set(registry.map((r) => r.meta.code))].sort());
  });
});

/** Every ARN written in a text. */
const arnsOf = (text: string) => new Set([...text.matchAll(/arn:[a-z-]+:[a-z-]+:[^\s"`,)]*/g)].map((m) => m[0]));

describe('IAM permissions section', () => {
  test('shows the policy the code prints, and names exactly the resources the policy builder produces', async () => {
    const iam = section(await read('README.md'), 'IAM permissions');
    const [json] = blocks(iam, 'json');
    assert.ok(json);
    assert.deepEqual(JSON.parse(json), JSON.parse(leastPrivilegePolicy('us-east-1', 'a1b2c3d4e5', 'prod')));
    const built = arnsOf(leastPrivilegePolicy('us-east-1', 'a1b2c3d4e5', 'prod', 'api.example.com'));
    assert.deepEqual([...arnsOf(iam)].sort(), [...built].sort());
  });
});

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(markdown: string): Set<string> {
  const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, '');
  return new Set([
    ...[...withoutCode.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]!)),
    ...[...withoutCode.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]!),
  ]);
}

/** Relative links and images of a Markdown file, outside code. */
function relativeLinks(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((href) => !/^[a-z]+:/i.test(href));
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** Links of README.md and docs/*.md whose file (or heading anchor) does not exist. */
async function brokenLinks(root: string): Promise<string[]> {
  const docs = (await readdir(path.join(root, 'docs'))).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`);
  const broken: string[] = [];
  for (const file of ['README.md', ...docs]) {
    const text = await readFile(path.join(root, file), 'utf8');
    for (const href of relativeLinks(text)) {
      const [target = '', anchor] = href.split('#');
      const resolved = target ? path.join(path.dirname(path.join(root, file)), decodeURI(target)) : path.join(root, file);
      if (!(await exists(resolved))) broken.push(`${file}: ${href} (no such file)`);
      else if (anchor && resolved.endsWith('.md') && !anchorsOf(await readFile(resolved, 'utf8')).has(anchor))
        broken.push(`${file}: ${href} (no such heading)`);
    }
  }
  return broken;
}

describe('links', () => {
  test('every relative link of README.md and docs/*.md leads to a file of the repository, and to a heading there', async () => {
    assert.deepEqual(await brokenLinks(ROOT), []);
  });

  test('the link check can fail: a missing file and a missing heading are found', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'readme-links-'));
    try {
      await mkdir(path.join(dir, 'docs'));
      await writeFile(path.join(dir, 'docs', 'a.md'), '# A\n\n## Time bounds\n\n[back](../README.md#intro) `[not a link](nowhere.md)`\n');
      await writeFile(
        path.join(dir, 'README.md'),
        '# Intro\n\n[ok](docs/a.md#time-bounds) [gone](docs/b.md) [bad anchor](docs/a.md#nope) ![pic](docs/p.png) [web](https://example.com/x)\n',
      );
      assert.deepEqual(await brokenLinks(dir), [
        'README.md: docs/b.md (no such file)',
        'README.md: docs/a.md#nope (no such heading)',
        'README.md: docs/p.png (no such file)',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
