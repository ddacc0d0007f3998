import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { toCurl } from '../../src/probe/curl.ts';
import { shellQuote } from '../../src/shell.ts';
import type { CurlOptions } from '../../src/probe/curl.ts';
import { buildRequest } from '../../src/probe/request.ts';
import type { OutgoingRequest } from '../../src/probe/request.ts';
import { signRequest } from '../../src/probe/sign.ts';
import { route } from './helpers/fixtures.ts';

const BASE = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod';
const SECRETS = { apiKey: 'SECRET-API-KEY-1', authorizerToken: 'Bearer SECRET-TOKEN-2' };
const CREDS = { accessKeyId: 'AKIASECRETID3', secretAccessKey: 'SECRET-ACCESS-KEY-4', sessionToken: 'SECRET-SESSION-5' };
const leaked = (text: string): string[] =>
  [SECRETS.apiKey, SECRETS.authorizerToken, 'SECRET-TOKEN-2', CREDS.accessKeyId, CREDS.secretAccessKey, CREDS.sessionToken].filter((s) =>
    text.includes(s),
  );
const plain: CurlOptions = { region: 'us-east-1', sigv4: false, sessionToken: false, apiKey: false, connectTo: [] };

const build = (
  spec: string,
  extra: Parameters<typeof route>[1],
  auth: Parameters<typeof buildRequest>[1] = 'none',
  tokenHeader = 'Authorization',
): OutgoingRequest => buildRequest(route(spec, extra), auth, tokenHeader, BASE, SECRETS).request;

/**
 * Runs a script with a bare bash: only `env` (and PATH), no startup files, stdin closed. A bash
 * whose stdin is a socket (as Node's pipes are) would otherwise read ~/.bashrc, which can take
 * seconds and print or define anything.
 */
function bash(script: string, env: Record<string, string> = {}): string {
  return execFileSync('bash', ['--norc', '--noprofile', '-c', script], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Run the command with bash, `curl` replaced by a function that prints its arguments one per
 * line: proves the quoting survives the shell exactly, and that env references expand.
 */
function argvOf(command: string, env: Record<string, string> = {}): string[] {
  const out = bash(`curl() { printf '%s\\n' "$@"; }\n${command}`, env);
  return out.replace(/\n$/, '').split('\n');
}

test('curl: a GET is curl -i URL plus the headers that were sent', () => {
  const cmd = toCurl(build('GET /health', { headers: { accept: 'application/json' } }), plain);
  assert.equal(cmd, `curl -i '${BASE}/health' \\\n  -H 'user-agent: apigw-route-verify' \\\n  -H 'accept: application/json'`);
  assert.deepEqual(argvOf(cmd), ['-i', `${BASE}/health`, '-H', 'user-agent: apigw-route-verify', '-H', 'accept: application/json']);
});

test('curl: method, body and content-type; quotes survive bash exactly', () => {
  const body = `{"note":"it's a 'quote' and $HOME and \`ticks\` and \\n","at":"@file"}`;
  const cmd = toCurl(build('POST /orders', { body, bodyContentType: 'application/json' }), plain);
  assert.deepEqual(argvOf(cmd), [
    '-i',
    '-X',
    'POST',
    `${BASE}/orders`,
    '-H',
    'user-agent: apigw-route-verify',
    '-H',
    'content-type: application/json',
    '--data-raw',
    body,
  ]);
});

test('curl: a body without a content-type suppresses the one curl would add', () => {
  const argv = argvOf(toCurl(build('PUT /raw', { body: 'x' }), plain));
  assert.deepEqual(argv.slice(-4), ['-H', 'content-type:', '--data-raw', 'x']);
});

test('curl: HEAD uses --head; an empty header is sent as "name;"', () => {
  const argv = argvOf(toCurl(build('HEAD /health', { headers: { 'x-empty': '' } }), plain));
  assert.deepEqual(argv.slice(0, 3), ['-i', '--head', `${BASE}/health`]);
  assert.ok(argv.includes('x-empty;'));
});

test('curl: the URL keeps its encoding', () => {
  const argv = argvOf(toCurl(build('GET /u/{id}', { params: { id: "o'brien & co" }, query: { q: 'a b' } }), plain));
  assert.equal(argv[1], `${BASE}/u/o'brien%20%26%20co?q=a%20b`);
});

test('curl: api key and authorizer token are env references, never values', () => {
  const request = build('GET /orders', {}, 'token+api-key', 'X-Token');
  const cmd = toCurl(request, { ...plain, apiKey: true, tokenHeader: 'X-Token' });
  assert.deepEqual(leaked(cmd), []);
  assert.match(cmd, /-H "x-api-key: \$API_KEY"/);
  assert.match(cmd, /-H "X-Token: \$AUTHORIZER_TOKEN"/);
  const argv = argvOf(cmd, { API_KEY: 'k', AUTHORIZER_TOKEN: 't' });
  assert.ok(argv.includes('x-api-key: k'));
  assert.ok(argv.includes('X-Token: t'));
});

test('curl: an odd token header name is quoted apart from the env reference', () => {
  const cmd = toCurl(build('GET /a', {}, 'token', "X'Tok"), { ...plain, tokenHeader: "X'Tok" });
  assert.deepEqual(leaked(cmd), []);
  assert.ok(argvOf(cmd, { AUTHORIZER_TOKEN: 't' }).includes("X'Tok: t"));
});

test('curl: SigV4 uses --aws-sigv4 and the AWS env vars; signing headers are left out', () => {
  const signed = signRequest(build('GET /reports', {}, 'iam'), CREDS, 'eu-west-1');
  const cmd = toCurl(signed, { ...plain, region: 'eu-west-1', sigv4: true, sessionToken: true });
  assert.deepEqual(leaked(cmd), []);
  assert.ok(!/authorization|x-amz-date|Signature=/i.test(cmd), cmd);
  assert.match(cmd, /--aws-sigv4 'aws:amz:eu-west-1:execute-api'/);
  assert.match(cmd, /--user "\$AWS_ACCESS_KEY_ID:\$AWS_SECRET_ACCESS_KEY"/);
  assert.match(cmd, /-H "x-amz-security-token: \$AWS_SESSION_TOKEN"/);
  const argv = argvOf(cmd, { AWS_ACCESS_KEY_ID: 'id', AWS_SECRET_ACCESS_KEY: 'sk', AWS_SESSION_TOKEN: 'st' });
  assert.deepEqual(argv.slice(argv.indexOf('--user'), argv.indexOf('--user') + 2), ['--user', 'id:sk']);
  assert.ok(argv.includes('x-amz-security-token: st'));
});

test('curl: no session token header for long-term credentials', () => {
  const cmd = toCurl(build('GET /reports', {}, 'iam'), { ...plain, sigv4: true });
  assert.ok(!cmd.includes('AWS_SESSION_TOKEN'));
});

test('curl: every connect-to entry is passed on', () => {
  const connectTo = [
    { host: 'api.example.com', port: '443', connectHost: '127.0.0.1', connectPort: '8443' },
    { host: '', port: '', connectHost: '[::1]', connectPort: '' },
  ];
  const argv = argvOf(toCurl(build('GET /a', {}), { ...plain, connectTo }));
  assert.deepEqual(
    argv.filter((_, i) => argv[i - 1] === '--connect-to'),
    ['api.example.com:443:127.0.0.1:8443', '::[::1]:'],
  );
});

const quoting: Array<[string, string]> = [
  ['plain', "'plain'"],
  ["it's", "'it'\\''s'"],
  ["''", "''\\'''\\'''"],
  ['$(rm -rf /) `x` "y" \\z', '\'$(rm -rf /) `x` "y" \\z\''],
  ['', "''"],
];
// One bash prints every quoted value back, each ended by a NUL: what the shell makes of it.
let unquoted: string[] | undefined;
const unquotedByBash = (): string[] =>
  (unquoted ??= bash(quoting.map(([, quoted]) => `printf '%s\\0' ${quoted}`).join('\n'))
    .split('\0')
    .slice(0, -1));
quoting.forEach(([value, quoted], i) => {
  test(`shellQuote ${JSON.stringify(value)}`, () => {
    assert.equal(shellQuote(value), quoted);
    assert.equal(unquotedByBash()[i], value);
  });
});
