import rule from '../../../src/diagnose/rules/flaky.ts';
import { ruleTester } from '../rule-tester.ts';
import { OK, answer, on, passing } from '../auth-fixtures.ts';

const after = (...first: { status?: number; errorType?: string; networkError?: string }[]) => ({
  ...OK,
  attempts: [...first.map((a) => ({ ...a, durationMs: 5 })), { status: 200, durationMs: 5 }],
});

ruleTester(rule, {
  valid: [
    { name: 'passed at once', ctx: passing(on('GET /health', OK)) },
    {
      name: 'failed after retries: not flaky, failed',
      ctx: on(
        'GET /health',
        answer(503, undefined, 'x', {
          attempts: [
            { status: 503, durationMs: 1 },
            { status: 503, durationMs: 1 },
          ],
        }),
      ),
    },
  ],
  invalid: [
    {
      name: 'a throttle, then success',
      ctx: passing(on('GET /health', after({ status: 429, errorType: 'TooManyRequestsException' }))),
      severity: 'warning',
      explains: ['GET /health passed on attempt 2', 'attempt 1 got 429 TooManyRequestsException'],
      fixes: ['Lower `concurrency`'],
      evidence: { attempts: 2, firstFailure: '429 TooManyRequestsException' },
    },
    {
      name: 'a reset and a 503, then success',
      ctx: passing(on('GET /health', after({ networkError: 'ECONNRESET' }, { status: 503 }))),
      explains: ['attempt 1 got ECONNRESET, attempt 2 got 503'],
      fixes: ['network path'],
      evidence: { attempts: 3, failures: ['ECONNRESET', '503'] },
    },
    {
      name: 'a 502, then success',
      ctx: passing(on('GET /health', after({ status: 502, errorType: 'InternalServerErrorException' }))),
      fixes: ['cold starts'],
    },
  ],
});
