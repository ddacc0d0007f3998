// What a passing answer keeps. A check whose answer met its expectation needs its status, its
// classification and the few headers the diagnoses still read for passing checks (CloudFront's
// hops beside an API's own distribution, the request id a warning quotes); its body and every
// other header are dropped as soon as the expectation is met, so 10,000 passing routes cost a
// few fields each instead of 10,000 response copies.
import type { Answer } from '../types.ts';

/** Lower-case names of the response headers a passing answer keeps (src/diagnose/evidence.ts, src/shell.ts requestIdOf). */
export const HEADERS_KEPT_ON_PASS: readonly string[] = ['via', 'x-amz-cf-id', 'x-amz-cf-pop', 'x-amzn-requestid'];

/** The headers of HEADERS_KEPT_ON_PASS that `headers` has. */
export function keptHeaders(headers: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of HEADERS_KEPT_ON_PASS) {
    const value = headers[name];
    if (value !== undefined) kept[name] = value;
  }
  return kept;
}

/** The answer of a passing check: status, classification and HEADERS_KEPT_ON_PASS; no body. */
export function passingAnswer(answer: Extract<Answer, { kind: 'answered' }>): Answer {
  return { kind: 'answered', status: answer.status, headers: keptHeaders(answer.headers), body: '', classification: answer.classification };
}
