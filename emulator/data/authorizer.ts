// Lambda (TOKEN/REQUEST) and Cognito authorizers, in the gateway's order: identity sources present
// (else 401 without calling anything) → TOKEN identityValidationExpression (else 401, the function
// does not run) → the function's verdict: a policy that allows (for some methods, or all), one that
// denies explicitly (403), or no valid token (401).
import type { AuthorizerModel, MethodModel, RestApiModel } from '../model.ts';
import type { EmulatorState } from '../state.ts';
import { type GatewayError, authorizerConfigurationError, authorizerExplicitDeny, unauthorized } from './gateway-errors.ts';
import { resourceMatches } from './resource-policy.ts';

const DEFAULT_IDENTITY_SOURCE = 'method.request.header.Authorization';

/** The value of one identity source ("method.request.header.X" or "method.request.querystring.y"). */
function identityValue(source: string, headers: Record<string, string | undefined>, query: URLSearchParams): string | undefined {
  const header = /^method\.request\.header\.(.+)$/i.exec(source)?.[1];
  if (header !== undefined) return headers[header.toLowerCase()];
  const param = /^method\.request\.querystring\.(.+)$/i.exec(source)?.[1];
  if (param !== undefined) return query.get(param) ?? undefined;
  return undefined;
}

/**
 * Whether the whole token matches. API Gateway runs Java; whether it matches the whole token or
 * searches inside it is not recorded publicly: the emulator requires the whole token to match, as
 * Java's String.matches does.
 */
function passesValidation(authorizer: AuthorizerModel, token: string): boolean {
  if (authorizer.type !== 'TOKEN' || authorizer.identityValidationExpression === undefined) return true;
  return new RegExp(`^(?:${authorizer.identityValidationExpression})$`).test(token);
}

export type AuthorizerResult =
  | { ok: false; error: GatewayError }
  /**
   * `covers`: the function's Allow lists the method (always true for Cognito);
   * `usageIdentifierKey`: the API key the Lambda function returned for the token, if any
   */
  | { ok: true; covers: boolean; usageIdentifierKey?: string };

const refuse = (error: GatewayError): AuthorizerResult => ({ ok: false, error });

export function findAuthorizer(api: RestApiModel, method: MethodModel): AuthorizerModel | undefined {
  return api.authorizers?.find((a) => a.name === method.authorizer || (a.id !== undefined && a.id === method.authorizer));
}

/**
 * The authorizer's verdict: every identity source must be present, a TOKEN must pass the
 * validation expression, then the first identity value decides: `denyTokens` → explicit deny,
 * `validTokens` → allowed, anything else → 401. Runs of a Lambda function are counted.
 */
export function runAuthorizer(
  state: EmulatorState,
  api: RestApiModel,
  method: MethodModel,
  request: { headers: Record<string, string | undefined>; query: URLSearchParams; methodArn: string },
): AuthorizerResult {
  const { headers, query, methodArn } = request;
  const authorizer = findAuthorizer(api, method);
  if (!authorizer) return refuse(authorizerConfigurationError());
  const sources = (authorizer.identitySource ?? DEFAULT_IDENTITY_SOURCE)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const values = sources.map((s) => identityValue(s, headers, query));
  if (values.length === 0 || values.some((v) => v === undefined || v === '')) return refuse(unauthorized());
  const token = values[0] as string;
  if (!passesValidation(authorizer, token)) return refuse(unauthorized());

  if (authorizer.type !== 'COGNITO_USER_POOLS') state.authorizerCalls[authorizer.name] = (state.authorizerCalls[authorizer.name] ?? 0) + 1;
  if (authorizer.denyTokens?.includes(token)) return refuse(authorizerExplicitDeny());
  if (!authorizer.validTokens.includes(token)) return refuse(unauthorized());
  const covers = authorizer.allowedResources?.some((r) => resourceMatches(r, methodArn)) ?? true;
  const usageIdentifierKey = authorizer.usageIdentifierKeys?.[token];
  return { ok: true, covers, ...(usageIdentifierKey !== undefined ? { usageIdentifierKey } : {}) };
}
