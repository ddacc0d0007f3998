// The sticky pull-request comment, through the bundled action and a loopback stand-in for the
// GitHub REST API (GITHUB_API_URL): created once, then updated in place, never fatal.
// Each test has a fake GitHub of its own, so the tests run side by side.
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmulator, type Emulator } from '../../emulator/index.ts';
import { annotationsOf, runAction } from '../../emulator/run-action.ts';
import { DEMO_MANIFEST, HEALTHY_MANIFEST, SHOP_API_ID, SHOP_API_KEY, shopModel } from '../../emulator/scenarios/shop.ts';

interface Comment {
  id: number;
  body: string;
  html_url: string;
}

/** Issue comments of owner/repo#7, and every request the action made. */
function fakeGitHub() {
  const comments: Comment[] = [];
  const requests: { method: string; url: string; authorization?: string | undefined }[] = [];
  let refuse = false;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (refuse) return send(403, { message: 'Resource not accessible by integration' });
      const url = new URL(req.url ?? '/', 'http://x');
      if (req.method === 'GET' && url.pathname === '/repos/octo/shop/issues/7/comments') return send(200, comments);
      if (req.method === 'POST' && url.pathname === '/repos/octo/shop/issues/7/comments') {
        const c = {
          id: 100 + comments.length,
          body: (JSON.parse(body) as { body: string }).body,
          html_url: `https://github.com/octo/shop/pull/7#c${comments.length}`,
        };
        comments.push(c);
        return send(201, c);
      }
      const patch = /^\/repos\/octo\/shop\/issues\/comments\/(\d+)$/.exec(url.pathname);
      if (req.method === 'PATCH' && patch) {
        const c = comments.find((x) => x.id === Number(patch[1]));
        if (!c) return send(404, { message: 'Not Found' });
        c.body = (JSON.parse(body) as { body: string }).body;
        return send(200, c);
      }
      send(404, { message: `no route ${req.method} ${url.pathname}` });
    });
  });
  return {
    comments,
    requests,
    refuse: (on: boolean) => (refuse = on),
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const TOKEN = 'ghs_fakeTokenForTheCommentTest0123456789';

describe('the sticky pull-request comment', { concurrency: true }, () => {
  let failing: Emulator;
  let healthy: Emulator;
  before(async () => {
    [failing, healthy] = await Promise.all([
      startEmulator(shopModel({ stageOnNewest: false })),
      startEmulator(shopModel({ stageOnNewest: true })),
    ]);
  });
  after(async () => {
    await Promise.all([failing.close(), healthy.close()]);
  });

  /** A fake GitHub for this test alone, closed when it ends, and a runner of the action that comments there. */
  async function withGitHub(t: TestContext) {
    const github = fakeGitHub();
    const apiUrl = await github.start();
    t.after(() => github.close());
    const run = (
      emulator: Emulator,
      manifest: string,
      comment: string,
      event: object = { pull_request: { number: 7 } },
      eventName = 'pull_request',
    ) =>
      runAction({
        emulator,
        inputs: {
          'base-url': emulator.invokeUrl(SHOP_API_ID, 'prod'),
          'connect-to': emulator.connectTo,
          'api-key': manifest === HEALTHY_MANIFEST ? SHOP_API_KEY : '',
          comment,
          'github-token': TOKEN,
        },
        files: { '.github/apigw-routes.yml': manifest, '_event.json': JSON.stringify(event) },
        env: { GITHUB_API_URL: apiUrl, GITHUB_REPOSITORY: 'octo/shop', GITHUB_EVENT_NAME: eventName, GITHUB_EVENT_PATH: '_event.json' },
      });
    return { github, run };
  }

  test('always: one comment, created by the first run and updated in place by the next', async (t) => {
    const { github, run } = await withGitHub(t);
    const first = await run(failing, DEMO_MANIFEST, 'always');
    assert.equal(github.comments.length, 1);
    const [comment] = github.comments;
    assert.ok(comment);
    assert.ok(comment.body.startsWith(`<!-- apigw-route-verify ${SHOP_API_ID}/prod -->\n`), comment.body.slice(0, 80));
    assert.match(comment.body, /failed/);
    assert.match(comment.body, /route-not-deployed/);
    assert.match(first.stdout, /Pull-request comment created: https:\/\/github.com\/octo\/shop\/pull\/7/);
    assert.equal(github.requests[0]?.authorization, `token ${TOKEN}`);

    const second = await run(healthy, HEALTHY_MANIFEST, 'always');
    assert.equal(github.comments.length, 1, 'updated, not added');
    assert.ok(github.comments[0]);
    assert.match(github.comments[0].body, /passed/);
    assert.doesNotMatch(github.comments[0].body, /route-not-deployed/);
    assert.ok(github.requests.some((r) => r.method === 'PATCH'));
    assert.match(second.stdout, /Pull-request comment updated/);
    assert.equal(second.exitCode, 0);
  });

  test('on-failure: a passing run writes nothing new, but updates an earlier failure comment', async (t) => {
    const { github, run } = await withGitHub(t);
    await run(healthy, HEALTHY_MANIFEST, 'on-failure');
    assert.equal(github.comments.length, 0);
    assert.ok(github.requests.every((r) => r.method === 'GET'));

    await run(failing, DEMO_MANIFEST, 'on-failure');
    assert.equal(github.comments.length, 1);
    await run(healthy, HEALTHY_MANIFEST, 'on-failure');
    assert.equal(github.comments.length, 1);
    assert.ok(github.comments[0]);
    assert.match(github.comments[0].body, /passed/, 'the fixed failure is not left standing');
  });

  test('off, or an event without a pull request: no request at all', async (t) => {
    const { github, run } = await withGitHub(t);
    const [, push] = await Promise.all([
      run(failing, DEMO_MANIFEST, 'off'),
      run(failing, DEMO_MANIFEST, 'always', { ref: 'refs/heads/main' }, 'push'),
    ]);
    assert.deepEqual(github.requests, []);
    assert.match(push.stdout, /No pull-request comment: the push event has no pull request/);
  });

  test('a refused comment is a warning; the verdict and exit status stay', async (t) => {
    const { github, run } = await withGitHub(t);
    github.refuse(true);
    const r = await run(healthy, HEALTHY_MANIFEST, 'always');
    assert.equal(r.exitCode, 0);
    assert.equal(r.outputs.result, 'passed');
    const warning = annotationsOf(r.stdout).find((a) => a.title === 'apigw-route-verify: comment');
    assert.ok(warning, r.stdout);
    assert.equal(warning.level, 'warning');
    assert.match(warning.message, /pull-requests: write/);
    const shown = r.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
    assert.ok(!shown.includes(TOKEN) && !r.summary.includes(TOKEN), 'the token is only ever masked');
  });
});
