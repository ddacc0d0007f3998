import rule from '../../../src/diagnose/rules/throttled.ts';
import { ruleTester } from '../rule-tester.ts';
import { answer, blind, on, passing } from '../auth-fixtures.ts';

const attempts = (n: number, status: number) =>
  Array.from({ length: n }, () => ({ status, errorType: 'TooManyRequestsException', durationMs: 5 }));
const throttledAnswer = (retryAfter?: string) => {
  const a = answer(429, 'TooManyRequestsException', 'Too Many Requests', { attempts: attempts(3, 429) });
  return retryAfter ? { ...a, headers: { ...a.headers, 'retry-after': retryAfter } } : a;
};

ruleTester(rule, {
  valid: [
    { name: 'a 503 is not throttling', ctx: on('GET /health', answer(503, undefined, 'busy')) },
    { name: "passed after a throttle is flaky's", ctx: passing(on('GET /health', throttledAnswer())) },
  ],
  invalid: [
    {
      name: 'rate limit after every retry, with Retry-After',
      ctx: on('GET /health', throttledAnswer('2')),
      explains: ['still throttled after 3 attempt(s)', '429 TooManyRequestsException', '(Retry-After: 2)'],
      fixes: ['Lower `concurrency`', '`retries`'],
      evidence: { attempts: 3, retryAfter: '2' },
    },
    {
      name: 'usage plan quota',
      ctx: on('POST /users', answer(429, 'LimitExceededException', 'Limit Exceeded')),
      explains: ["usage plan's quota for the API key is used up"],
      fixes: ['aws apigateway get-usage'],
      evidence: { attempts: 1 },
    },
    { name: 'a bare 429 from something in front', ctx: on('GET /health', answer(429)), evidence: { attempts: 1 } },
    { name: 'blind', ctx: blind('GET /health', throttledAnswer()), evidence: { attempts: 3 } },
  ],
});
