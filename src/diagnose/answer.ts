// What the gateway (or something in front of it) answered, in the small, secret-free form
// that explanations and evidence quote. Gateway messages can echo request material (an
// IncompleteSignatureException ends with "Authorization=<the header>", an
// InvalidSignatureException carries the canonical request, session token included), so a
// message is only ever quoted through safeMessage().
import type { Answer, ProbeResult } from '../types.ts';
import type { RoutesDocument } from './evidence.ts';
import { requestIdOf } from '../shell.ts';

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
  let text = message.split(/The Canonical String for this request/)[0] ?? '';
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
export function gatewayAnswer(answer: Answer): GatewayAnswer {
  if (answer.kind !== 'answered') return {};
  const out: GatewayAnswer = { status: answer.status };
  const { errorType, message } = answer.classification;
  if (errorType) out.errorType = errorType;
  if (message !== undefined) out.message = safeMessage(message);
  const requestId = requestIdOf(answer.headers);
  if (requestId) out.requestId = requestId;
  return out;
}

/** `403 MissingAuthenticationTokenException ("Missing Authentication Token")`, or why there was no answer. */
export function describeAnswer(answer: Answer): string {
  if (answer.kind === 'network-error') return `no answer (${answer.error})`;
  if (answer.kind === 'not-sent') return `nothing: the request was not sent (${answer.reason})`;
  if (answer.kind === 'cancelled') return 'nothing: the run was cancelled before it was sent';
  const { errorType, message } = answer.classification;
  const quoted = message !== undefined && message.trim() !== '' ? ` ("${safeMessage(message)}")` : '';
  return `${answer.status}${errorType ? ` ${errorType}` : ''}${quoted}`;
}

/** `403 AccessDeniedException`: for explanations that go on to quote or interpret the message themselves. */
export function briefAnswer(answer: Answer): string {
  if (answer.kind !== 'answered') return describeAnswer(answer);
  return `${answer.status}${answer.classification.errorType ? ` ${answer.classification.errorType}` : ''}`;
}

/** Where the manifest declares the route, for fixes: ".github/apigw-routes.yml:12". */
/** "the manifest" or "the OpenAPI document": where a route a fix talks about is written. */
export function routesDocument(routesIn: RoutesDocument): string {
  return routesIn === 'openapi' ? 'the OpenAPI document' : 'the manifest';
}

/** "the manifest route" or "the operation in the OpenAPI document": what a fix renames. */
export function routeToChange(routesIn: RoutesDocument): string {
  return routesIn === 'openapi' ? 'the operation in the OpenAPI document' : 'the manifest route';
}

export function routeLine(check: ProbeResult): string {
  return `${check.route.source.file}:${check.route.source.line}`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
