// Pure conversions from API Gateway's answers to the snapshot's shapes.

import type { Authorizer, Deployment, Method, MethodSnapshot, Resource } from '@aws-sdk/client-api-gateway';
import type { AuthorizerInfo, MethodInfo, MethodTable } from '../types.ts';

function methodInfo(method: Method | MethodSnapshot): MethodInfo {
  return {
    authorizationType: method.authorizationType ?? 'NONE',
    apiKeyRequired: method.apiKeyRequired ?? false,
  };
}

/** GetDeployment(embed apisummary): what the stage serves. It has no authorizer ids. */
export function methodTableFromApiSummary(apiSummary: Record<string, Record<string, MethodSnapshot>> | undefined): MethodTable {
  const table: MethodTable = {};
  for (const [path, methods] of Object.entries(apiSummary ?? {})) {
    table[path] = {};
    for (const [verb, method] of Object.entries(methods)) table[path][verb.toUpperCase()] = methodInfo(method);
  }
  return table;
}

/**
 * GetResources(embed methods): the current definition. Resources without methods are kept
 * (with no verbs): a path that exists but serves nothing explains a different failure.
 */
export function methodTableFromResources(resources: readonly Resource[]): MethodTable {
  const table: MethodTable = {};
  for (const resource of resources) {
    if (!resource.path) continue;
    const methods: Record<string, MethodInfo> = {};
    for (const [verb, method] of Object.entries(resource.resourceMethods ?? {})) {
      const info = methodInfo(method);
      if (method.authorizerId) info.authorizerId = method.authorizerId;
      methods[(method.httpMethod ?? verb).toUpperCase()] = info;
    }
    table[resource.path] = methods;
  }
  return table;
}

/**
 * The deployment summary lacks authorizer ids; take them from the definition for the same
 * path and verb — but only while both still use the same authorization type, so a method
 * whose authorizer was changed or removed since the deployment gets no misleading id.
 */
export function withAuthorizerIds(deployed: MethodTable, defined: MethodTable | undefined): MethodTable {
  const table: MethodTable = {};
  for (const [path, methods] of Object.entries(deployed)) {
    table[path] = {};
    for (const [verb, method] of Object.entries(methods)) {
      const current = defined?.[path]?.[verb];
      const authorizerId = current?.authorizationType === method.authorizationType ? current.authorizerId : undefined;
      table[path][verb] = authorizerId ? { ...method, authorizerId } : { ...method };
    }
  }
  return table;
}

/** The newest deployment by creation date; one without a date counts as oldest, ties keep the first listed. */
export function newestDeployment(deployments: readonly Deployment[]): { id: string; createdDate?: string } | undefined {
  let newest: Deployment | undefined;
  for (const deployment of deployments) {
    if (!deployment.id) continue;
    const time = deployment.createdDate?.getTime() ?? Number.NEGATIVE_INFINITY;
    const newestTime = newest?.createdDate?.getTime() ?? Number.NEGATIVE_INFINITY;
    if (!newest || time > newestTime) newest = deployment;
  }
  if (!newest?.id) return undefined;
  return newest.createdDate ? { id: newest.id, createdDate: newest.createdDate.toISOString() } : { id: newest.id };
}

export function authorizersById(authorizers: readonly Authorizer[]): Record<string, AuthorizerInfo> {
  const byId: Record<string, AuthorizerInfo> = {};
  for (const authorizer of authorizers) {
    if (!authorizer.id) continue;
    const info: AuthorizerInfo = { id: authorizer.id, name: authorizer.name ?? '', type: authorizer.type ?? '' };
    if (authorizer.identitySource) info.identitySource = authorizer.identitySource;
    if (authorizer.providerARNs?.length) info.providerARNs = [...authorizer.providerARNs];
    if (authorizer.identityValidationExpression) info.identityValidationExpression = authorizer.identityValidationExpression;
    byId[authorizer.id] = info;
  }
  return byId;
}
