// Negative probes for rule tests: a request sent without credentials and what came back,
// judged by the same refusalOf the probe uses.
import { refusalOf } from '../../src/refusal.ts';
import type { Answer, NegativeProbe } from '../../src/types.ts';

export function gatewayRefusal(status: number, errorType: string, message: string): Answer {
  return {
    kind: 'answered',
    status,
    headers: { 'x-amzn-errortype': errorType, 'x-amzn-requestid': 'neg-req-1' },
    body: JSON.stringify({ message }),
    classification: { errorType, by: 'header', message },
  };
}

export const REFUSED_MAT = gatewayRefusal(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
export const REFUSED_401 = gatewayRefusal(401, 'UnauthorizedException', 'Unauthorized');
export const REFUSED_KEY = gatewayRefusal(403, 'ForbiddenException', 'Forbidden');

export function backend(status: number, body = '{"ok":true}'): Answer {
  return {
    kind: 'answered',
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': 'neg-req-2' },
    body,
    classification: {},
  };
}

export function negativeProbe(answer: Answer, over: Partial<NegativeProbe> = {}): NegativeProbe {
  return {
    kind: 'bare',
    removed: ['the SigV4 signature'],
    method: 'GET',
    url: 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/reports',
    answer,
    refusal: refusalOf(answer),
    reproduce: "curl -i 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/reports'",
    ...over,
  };
}
