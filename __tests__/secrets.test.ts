import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeMarkdown } from '../src/report/markdown.ts';
import { Secrets } from '../src/secrets.ts';

const KEY = 'k3y/With+Sp ce&"q"=_x*';

const store = (...values: string[]): Secrets => {
  const s = new Secrets();
  for (const v of values) s.add(v);
  return s;
};

test('replaces every plain occurrence', () => {
  assert.equal(store('abcd1234SECRET').redact('x-api-key: abcd1234SECRET, again abcd1234SECRET.'), 'x-api-key: ***, again ***.');
});

const forms: [string, string][] = [
  ['encodeURIComponent', encodeURIComponent(KEY)],
  ['lower-case percent-encoding', encodeURIComponent(KEY).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())],
  ['form encoding (space as +)', encodeURIComponent(KEY).replace(/%20/g, '+')],
  [
    'form encoding, lower-case hex',
    encodeURIComponent(KEY)
      .replace(/%20/g, '+')
      .replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
  ],
  ['base64', Buffer.from(KEY).toString('base64')],
  ['base64 without padding', Buffer.from(KEY).toString('base64').replace(/=+$/, '')],
  ['base64url', Buffer.from(KEY).toString('base64url')],
  ['base64url with padding', Buffer.from(KEY).toString('base64').replace(/\+/g, '-').replace(/\//g, '_')],
  ['JSON-escaped', JSON.stringify(KEY).slice(1, -1)],
  ['Markdown-escaped (as the summary renders it)', escapeMarkdown(KEY)],
];

for (const [name, form] of forms) {
  test(`replaces the ${name} form`, () => {
    assert.notEqual(form, KEY, 'the form under test differs from the plain secret');
    assert.equal(store(KEY).redact(`before ${form} after`), 'before *** after');
  });
}

test('the JSON report of a secret is fully redacted and still JSON', () => {
  const json = JSON.stringify({ headers: { 'x-api-key': KEY }, url: `https://x/?k=${encodeURIComponent(KEY)}` });
  const redacted = store(KEY).redact(json);
  assert.equal(redacted, '{"headers":{"x-api-key":"***"},"url":"https://x/?k=***"}');
  assert.doesNotThrow(() => JSON.parse(redacted));
});

test('ignores empty and short values for redaction, which would blank ordinary words', () => {
  assert.equal(store('', 'abc', 'prod').redact('abc on prod'), 'abc on ***');
  assert.equal(new Secrets().redact('nothing to hide'), 'nothing to hide');
});

test('a secret that contains another is replaced whole', () => {
  assert.equal(store('token', 'token-extended-value').redact('a token-extended-value and a token'), 'a *** and a ***');
});

test('regular-expression characters in a secret are taken literally', () => {
  assert.equal(store('a.b*c(d)').redact('a.b*c(d) axbbc(d)'), '*** axbbc(d)');
});

test('each secret is masked once, when it is added; an identifier can be redacted without a mask', () => {
  const masked: string[] = [];
  const secrets = new Secrets((v) => masked.push(v));
  secrets.add('first-secret');
  secrets.add('first-secret');
  secrets.add('');
  secrets.add(undefined);
  secrets.add('AKIAIDENTIFIER000001', { mask: false });
  secrets.add('second-secret');
  assert.deepEqual(masked, ['first-secret', 'second-secret']);
  assert.equal(secrets.redact('AKIAIDENTIFIER000001 second-secret'), '*** ***');
});

test('a secret added later is redacted from then on', () => {
  const secrets = store('early-secret');
  assert.equal(secrets.redact('late-secret'), 'late-secret');
  secrets.add('late-secret');
  assert.equal(secrets.redact('late-secret early-secret'), '*** ***');
});

test('signatures: each is masked and redacted wherever its hex appears, other 64-hex runs stay', () => {
  const masked: string[] = [];
  const secrets = new Secrets((v) => masked.push(v));
  const sig = 'ab'.repeat(32);
  const other = 'cd'.repeat(32);
  secrets.addSignature(
    `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=${sig}`,
  );
  assert.deepEqual(masked, [sig]);
  assert.equal(secrets.redact(`echo ${sig} and "${sig}"; sha ${other}`), `echo *** and "***"; sha ${other}`);
  secrets.addSignature('Bearer not-a-sigv4-header');
  assert.deepEqual(masked, [sig], 'only SigV4 signatures are taken');
});

test('signatures: many of them do not slow redaction down (no pattern grows with their number)', () => {
  const secrets = new Secrets();
  secrets.add('static-secret-value');
  for (let i = 0; i < 5000; i++)
    secrets.addSignature(`AWS4-HMAC-SHA256 Credential=X, SignedHeaders=host, Signature=${i.toString(16).padStart(64, '0')}`);
  // the static pattern still holds the static secret's forms only
  assert.ok(secrets.patternSize() < 40, `pattern alternatives: ${secrets.patternSize()}`);
  assert.equal(secrets.redact(`x ${(42).toString(16).padStart(64, '0')} static-secret-value`), 'x *** ***');
});
