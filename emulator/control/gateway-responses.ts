// GetGatewayResponses: every response type with its default status, the model's overrides on top.
import type { GatewayResponseModel } from '../model.ts';

/** The response types API Gateway defines for REST APIs and their default status (none for DEFAULT_*). */
export const GATEWAY_RESPONSE_DEFAULTS: Readonly<Record<string, number | undefined>> = {
  ACCESS_DENIED: 403,
  API_CONFIGURATION_ERROR: 500,
  AUTHORIZER_CONFIGURATION_ERROR: 500,
  AUTHORIZER_FAILURE: 500,
  BAD_REQUEST_BODY: 400,
  BAD_REQUEST_PARAMETERS: 400,
  DEFAULT_4XX: undefined,
  DEFAULT_5XX: undefined,
  EXPIRED_TOKEN: 403,
  INTEGRATION_FAILURE: 504,
  INTEGRATION_TIMEOUT: 504,
  INVALID_API_KEY: 403,
  INVALID_SIGNATURE: 403,
  MISSING_AUTHENTICATION_TOKEN: 403,
  QUOTA_EXCEEDED: 429,
  REQUEST_TOO_LARGE: 413,
  RESOURCE_NOT_FOUND: 404,
  THROTTLED: 429,
  UNAUTHORIZED: 401,
  UNSUPPORTED_MEDIA_TYPE: 415,
  WAF_FILTERED: 403,
};

const DEFAULT_TEMPLATE = '{"message":$context.error.messageString}';

export interface GatewayResponseJson {
  responseType: string;
  statusCode?: string;
  responseParameters: Record<string, string>;
  responseTemplates: Record<string, string>;
  defaultResponse: boolean;
}

function customised(type: string, custom: GatewayResponseModel): GatewayResponseJson {
  const status = custom.statusCode ?? GATEWAY_RESPONSE_DEFAULTS[type];
  const json: GatewayResponseJson = {
    responseType: type,
    // Header values are static mappings, written the way the console stores them: 'value'.
    responseParameters: Object.fromEntries(
      Object.entries(custom.headers ?? {}).map(([name, value]) => [`gatewayresponse.header.${name}`, `'${value}'`]),
    ),
    responseTemplates: { 'application/json': custom.body ?? DEFAULT_TEMPLATE },
    defaultResponse: false,
  };
  if (status !== undefined) json.statusCode = String(status);
  return json;
}

/** All gateway responses of an API, sorted by type (custom types the model adds included). */
export function gatewayResponseList(custom: Record<string, GatewayResponseModel> = {}): GatewayResponseJson[] {
  const types = [...new Set([...Object.keys(GATEWAY_RESPONSE_DEFAULTS), ...Object.keys(custom)])].sort();
  return types.map((type) => {
    if (custom[type]) return customised(type, custom[type]);
    const status = GATEWAY_RESPONSE_DEFAULTS[type];
    const json: GatewayResponseJson = {
      responseType: type,
      responseParameters: {},
      responseTemplates: { 'application/json': DEFAULT_TEMPLATE },
      defaultResponse: true,
    };
    if (status !== undefined) json.statusCode = String(status);
    return json;
  });
}
