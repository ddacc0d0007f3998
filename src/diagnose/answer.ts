// What the gateway (or something in front of it) answered, in the small, secret-free form
// that explanations and evidence quote. Gateway messages can echo request material (an
// IncompleteSignatureException ends with "Authorization=<the header>", an
// InvalidSignatureException carries the canonical request, session token included), so a
// message is only ever quoted through safeMessage().
import type { ProbeResult } from '../types.ts';

export interface GatewayAnswer {
  status?: number;
  errorType?: string;
  message?: string;
  /** x-amzn-RequestId: the key to the stage's execution and access logs */
  requestId?: string;
}

const MAX_MESSAGE = 240;

/** A gateway message with anything derived from the request's secrets removed, capped. */
export function safeMessage(message: string): string {
  let text = message.split(/The Canonical String for this request/)[0];
  text = text
    .replace(/Authorization=[\s\S]*$/, 'Authorization=[redacted]')
    .replace(/(encoded with Base64\)?:?\s*)'[^']*'/g, "$1'[redacted]'")
    .replace(/\b(Bearer|Basic|Digest)\s+\S+/gi, '$1 [redacted]')
    .replace(/eyJ[\w-]*\.[\w-]*(\.[\w-]*)?/g, '[redacted JWT]')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text;
}

/** status, error type, message and request id — only the parts that are present. */
export function gatewayAnswer(check: ProbeResult): GatewayAnswer {
  const answer: GatewayAnswer = {};
  if (check.status !== undefined) answer.status = check.status;
  if (check.classification.errorType) answer.errorType = check.classification.errorType;
  if (check.classification.message !== undefined) answer.message = safeMessage(check.classification.message);
  const requestId = check.headers['x-amzn-requestid'];
  if (requestId) answer.requestId = requestId;
  return answer;
}

/** `403 MissingAuthenticationTokenException ("Missing Authentication Token")`, or why there was no answer. */
export function describeAnswer(check: ProbeResult): string {
  if (check.status === undefined) {
    if (check.networkError) return `no answer (${check.networkError})`;
    return check.notSent ? `nothing: the request was not sent (${check.notSent})` : 'no answer';
  }
  const { errorType, message } = check.classification;
  const quoted = message !== undefined && message.trim() !== '' ? ` ("${safeMessage(message)}")` : '';
  return `${check.status}${errorType ? ` ${errorType}` : ''}${quoted}`;
}

/** `403 AccessDeniedException`: for explanations that go on to quote or interpret the message themselves. */
export function briefAnswer(check: ProbeResult): string {
  if (check.status === undefined) return describeAnswer(check);
  return `${check.status}${check.classification.errorType ? ` ${check.classification.errorType}` : ''}`;
}

/** Where the manifest declares the route, for fixes: ".github/apigw-routes.yml:12". */
export function routeLine(check: ProbeResult): string {
  return `${check.route.source.file}:${check.route.source.line}`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
