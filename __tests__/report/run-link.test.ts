// The commit and run link come from the runner's environment: text a workflow (or a fork) controls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { docsUrl } from '../../src/docs.ts';
import { runLinkOf, runUrlOf } from '../../src/report/run-link.ts';

const SHA = '3f9c2a1e5b7d4c6a8e0f1b2c3d4e5f6a7b8c9d0e';
const ENV = {
  GITHUB_SHA: SHA,
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'apigw-route-verify/apigw-route-verify',
  GITHUB_RUN_ID: '12345678901',
};

test('the run URL is built from the server, repository and run id; a re-run adds its attempt', () => {
  assert.equal(runUrlOf(ENV), 'https://github.com/apigw-route-verify/apigw-route-verify/actions/runs/12345678901');
  assert.equal(
    runUrlOf({ ...ENV, GITHUB_RUN_ATTEMPT: '1' }),
    'https://github.com/apigw-route-verify/apigw-route-verify/actions/runs/12345678901',
  );
  assert.equal(
    runUrlOf({ ...ENV, GITHUB_RUN_ATTEMPT: '3' }),
    'https://github.com/apigw-route-verify/apigw-route-verify/actions/runs/12345678901/attempts/3',
  );
  assert.equal(
    runUrlOf({ ...ENV, GITHUB_SERVER_URL: 'https://ghe.example.com:8443/' }),
    'https://ghe.example.com:8443/apigw-route-verify/apigw-route-verify/actions/runs/12345678901',
  );
  assert.deepEqual(runLinkOf(ENV), { sha: SHA, url: 'https://github.com/apigw-route-verify/apigw-route-verify/actions/runs/12345678901' });
});

const refused: [string, Record<string, string>][] = [
  ['an http server', { GITHUB_SERVER_URL: 'http://github.com' }],
  ['a javascript: server', { GITHUB_SERVER_URL: 'javascript:alert(1)//' }],
  ['a server with a path', { GITHUB_SERVER_URL: 'https://evil.example/phish?' }],
  ['a server with credentials', { GITHUB_SERVER_URL: 'https://user:pw@github.com' }],
  ['a server that is not a URL', { GITHUB_SERVER_URL: 'github.com' }],
  ['a repository without owner', { GITHUB_REPOSITORY: 'apigw-route-verify' }],
  ['a repository with a path', { GITHUB_REPOSITORY: 'owner/name/../../evil' }],
  ['a repository with markdown', { GITHUB_REPOSITORY: 'owner/name)[x](https://evil' }],
  ['a repository named ..', { GITHUB_REPOSITORY: 'owner/..' }],
  ['a run id that is not a number', { GITHUB_RUN_ID: '1/../../x' }],
  ['no run id', { GITHUB_RUN_ID: '' }],
];

for (const [what, env] of refused) {
  test(`no run link for ${what}`, () => {
    assert.equal(runUrlOf({ ...ENV, ...env }), null);
    assert.deepEqual(runLinkOf({ ...ENV, ...env }), { sha: SHA, url: null }, 'the commit is still known');
  });
}

test('a bad attempt number is ignored, not appended', () => {
  assert.equal(runUrlOf({ ...ENV, GITHUB_RUN_ATTEMPT: '2; rm -rf' }), runUrlOf(ENV));
});

test('the commit must be a commit id; outside GitHub Actions there is no run at all', () => {
  assert.equal(runLinkOf({ ...ENV, GITHUB_SHA: 'main' })?.sha, null);
  assert.equal(runLinkOf({ ...ENV, GITHUB_SHA: `${SHA}\n::warning::x` })?.sha, null);
  assert.equal(runLinkOf({ ...ENV, GITHUB_SHA: SHA.toUpperCase() })?.sha, SHA, 'upper-case hex is the same commit');
  assert.equal(runLinkOf({}), null);
});

test('docs links follow the same rules: an http server or a malformed repository falls back to the default', () => {
  assert.equal(
    docsUrl('flaky', { GITHUB_SERVER_URL: 'https://ghe.example.com', GITHUB_ACTION_REPOSITORY: 'acme/verify', GITHUB_ACTION_REF: 'v2' }),
    'https://ghe.example.com/acme/verify/blob/v2/docs/diagnoses.md#flaky',
  );
  const forged = docsUrl('flaky', { GITHUB_SERVER_URL: 'http://evil.example', GITHUB_ACTION_REPOSITORY: 'a/b/../../../evil' });
  assert.ok(forged.startsWith('https://github.com/') && !forged.includes('evil'), forged);
});
