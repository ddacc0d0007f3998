// A local run shows annotations as plain lines, and never prints what ::add-mask:: would hide.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forTerminal } from '../../src/cli/workflow-commands.ts';

test('an annotation becomes a heading with its place, and its message indented', () => {
  assert.equal(
    forTerminal('::error title=resource-not-found%3A GET /user,file=.github/apigw-routes.yml,line=4::No resource /user%0AFix: add it\n'),
    'error: resource-not-found: GET /user (.github/apigw-routes.yml:4)\n  No resource /user\n  Fix: add it\n',
  );
  assert.equal(forTerminal('::notice title=undeclared-routes::3 methods%25\n'), 'notice: undeclared-routes\n  3 methods%\n');
  assert.equal(forTerminal('::error::failed: 1 of 3 routes\n'), 'error: failed: 1 of 3 routes\n');
});

test('other workflow commands are dropped: add-mask would print the secret it masks', () => {
  assert.equal(forTerminal('::add-mask::hunter2-secret\n'), '');
  assert.equal(forTerminal('::debug::x\n'), '');
  assert.equal(forTerminal('::set-output name=result::passed\n'), '');
});

test('a log line passes as it is', () => {
  assert.equal(forTerminal('✓ GET /health 200\n'), '✓ GET /health 200\n');
});
