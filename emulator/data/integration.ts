// What the matched method's (mock) integration answers.
import { type GatewayError, integrationFailure, integrationTimeout } from './gateway-errors.ts';
import type { RouteMatch } from './routing.ts';

export interface IntegrationAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const ALL_VERBS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'];
/** What CDK and the console put in a generated preflight. */
const PREFLIGHT_HEADERS = 'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token';

/** The verbs a resource serves, for Access-Control-Allow-Methods (ANY stands for every verb). */
function allowedMethods(route: RouteMatch): string {
  const verbs = Object.keys(route.resourceMethods);
  return (verbs.includes('ANY') ? ALL_VERBS : verbs.sort()).join(',');
}

/**
 * The integration's answer, or the gateway error a failing backend produces. An OPTIONS method
 * answers like the mock preflight CDK and Serverless generate; `integration` overrides any part.
 */
export function integrate(route: RouteMatch, verb: string, origin: string | undefined): IntegrationAnswer | GatewayError {
  const integration = route.method.integration ?? {};
  if (integration.fault === 'error') return integrationFailure();
  if (integration.fault === 'timeout') return integrationTimeout();
  if (route.methodKey === 'OPTIONS') {
    return {
      status: integration.status ?? 200,
      headers: {
        'Access-Control-Allow-Origin': origin ?? '*',
        'Access-Control-Allow-Methods': allowedMethods(route),
        'Access-Control-Allow-Headers': PREFLIGHT_HEADERS,
        ...integration.headers,
      },
      body: integration.body ?? '',
    };
  }
  return {
    status: integration.status ?? 200,
    headers: { 'content-type': 'application/json', ...integration.headers },
    body: integration.body ?? JSON.stringify({ ok: true, route: `${verb} ${route.resourcePath}` }),
  };
}

export function isGatewayError(answer: IntegrationAnswer | GatewayError): answer is GatewayError {
  return 'errorType' in answer;
}
