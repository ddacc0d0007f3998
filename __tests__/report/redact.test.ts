import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactor } from '../../src/report/redact.ts';

const KEY = 'k3y/With+Sp ce&"q"=';

test('replaces every plain occurrence', () => {
  const redact = redactor(['abcd1234SECRET']);
  assert.equal(redact('x-api-key: abcd1234SECRET, again abcd1234SECRET.'), 'x-api-key: ***, again ***.');
});

const forms: [string, string][] = [
  ['encodeURIComponent', encodeURIComponent(KEY)],
  ['lower-case percent-encoding', encodeURIComponent(KEY).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())],
  ['form encoding (space as +)', encodeURIComponent(KEY).replace(/%20/g, '+')],
  ['base64', Buffer.from(KEY).toString('base64')],
  ['base64 without padding', Buffer.from(KEY).toString('base64').replace(/=+$/, '')],
  ['base64url', Buffer.from(KEY).toString('base64url')],
  ['JSON-escaped', JSON.stringify(KEY).slice(1, -1)],
];

for (const [name, form] of forms) {
  test(`replaces the ${name} form`, () => {
    assert.notEqual(form, KEY, 'the form under test differs from the plain secret');
    const redacted = redactor([KEY])(`before ${form} after`);
    assert.equal(redacted, 'before *** after');
  });
}

test('the JSON report of a secret is fully redacted', () => {
  const json = JSON.stringify({ headers: { 'x-api-key': KEY }, url: `https://x/?k=${encodeURIComponent(KEY)}` });
  const redacted = redactor([KEY])(json);
  assert.equal(redacted, '{"headers":{"x-api-key":"***"},"url":"https://x/?k=***"}');
  assert.doesNotThrow(() => JSON.parse(redacted));
});

test('ignores empty and short values, which would blank ordinary words', () => {
  const redact = redactor(['', 'abc', 'prod']);
  assert.equal(redact('abc on prod'), 'abc on ***');
  assert.equal(redactor([])('nothing to hide'), 'nothing to hide');
});

test('a secret that contains another is replaced whole', () => {
  const redact = redactor(['token', 'token-extended-value']);
  assert.equal(redact('a token-extended-value and a token'), 'a *** and a ***');
});

test('regular-expression characters in a secret are taken literally', () => {
  const redact = redactor(['a.b*c(d)']);
  assert.equal(redact('a.b*c(d) axbbc(d)'), '*** axbbc(d)');
});
