import { test } from 'node:test';
import assert from 'node:assert/strict';
import { meetsExpectation } from '../src/expect.ts';
import type { Classification, ExpectSpec } from '../src/types.ts';

const spec = (text: string, codes: number[], classes: number[], reachable = false): ExpectSpec => ({ codes, classes, reachable, text });
const ok2xx = spec('2xx', [], [2]);
const created = spec('[201, 409]', [201, 409], []);
const reachable = spec('reachable', [], [], true);
const backend: Classification = {};
const mat: Classification = { errorType: 'MissingAuthenticationTokenException', by: 'header' };

const cases: Array<[string, ExpectSpec, number | undefined, Classification, boolean]> = [
  ['2xx passes 200', ok2xx, 200, backend, true],
  ['2xx passes 204', ok2xx, 204, backend, true],
  ['2xx fails 301', ok2xx, 301, backend, false],
  ['2xx fails MAT', ok2xx, 403, mat, false],
  ['codes pass a listed code', created, 409, backend, true],
  ['codes fail an unlisted 2xx', created, 200, backend, false],
  ['3xx class', spec('3xx', [], [3]), 302, backend, true],
  ['mixed codes and classes', spec('[2xx, 404]', [404], [2]), 404, backend, true],
  ['no answer never passes', ok2xx, undefined, backend, false],
  ['no answer never passes reachable', reachable, undefined, backend, false],
  ['reachable: backend 404', reachable, 404, backend, true],
  ['reachable: backend 500 (no error type)', reachable, 500, backend, true],
  [
    'reachable: integration failure 502 still routed and authorized',
    reachable,
    502,
    { errorType: 'InternalServerErrorException', by: 'header' },
    true,
  ],
  [
    'reachable: integration timeout 504',
    reachable,
    504,
    { errorType: 'InternalServerErrorException', by: 'body', message: 'Endpoint request timed out' },
    true,
  ],
  ['reachable: request validator 400', reachable, 400, { errorType: 'BadRequestException', by: 'header' }, true],
  ['reachable: MAT is not', reachable, 403, mat, false],
  ['reachable: Forbidden is not', reachable, 403, { errorType: 'ForbiddenException', by: 'body' }, false],
  ['reachable: Unauthorized is not', reachable, 401, { errorType: 'UnauthorizedException', by: 'header' }, false],
  ['reachable: AccessDenied is not', reachable, 403, { errorType: 'AccessDeniedException', by: 'header' }, false],
  ['reachable: throttled is not', reachable, 429, { errorType: 'TooManyRequestsException', by: 'status' }, false],
];

for (const [name, expect, status, c, want] of cases) {
  test(`meetsExpectation: ${name}`, () => {
    assert.equal(meetsExpectation(expect, status, c), want);
  });
}
