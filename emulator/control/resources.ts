// The resource tree of an API as GetResources shows it, and the apiSummary of a deployment.
// The model lists paths with methods; API Gateway also has every ancestor resource (and "/").
import type { MethodModel, ResourcesModel, RestApiModel } from '../model.ts';
import { authorizerIdByName, resourceId } from './ids.ts';

export interface MethodJson {
  httpMethod: string;
  authorizationType: string;
  apiKeyRequired: boolean;
  authorizerId?: string;
}

export interface ResourceJson {
  id: string;
  parentId?: string;
  pathPart?: string;
  path: string;
  resourceMethods?: Record<string, MethodJson | Record<string, never>>;
}

function parentPath(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}

/** Every resource path: the model's, their ancestors and the root, sorted (root first). */
export function resourcePaths(resources: ResourcesModel): string[] {
  const paths = new Set<string>(['/']);
  for (const path of Object.keys(resources)) {
    for (let p = path; p !== '/'; p = parentPath(p)) paths.add(p);
  }
  return [...paths].sort();
}

function methodJson(api: RestApiModel, path: string, verb: string, method: MethodModel): MethodJson {
  const json: MethodJson = {
    httpMethod: verb,
    authorizationType: method.authorizationType ?? 'NONE',
    apiKeyRequired: method.apiKeyRequired ?? false,
  };
  if (method.authorizer) json.authorizerId = authorizerIdByName(api, method.authorizer, `method ${verb} ${path}`);
  return json;
}

/**
 * The API's current definition as GetResources returns it. Without `embed=methods` the real
 * service lists each method as an empty object under its verb; with it, the methods themselves.
 */
export function resourceList(api: RestApiModel, embedMethods: boolean): ResourceJson[] {
  return resourcePaths(api.resources).map((path) => {
    const resource: ResourceJson = { id: resourceId(api.id, path), path };
    if (path !== '/') {
      resource.parentId = resourceId(api.id, parentPath(path));
      resource.pathPart = path.slice(path.lastIndexOf('/') + 1);
    }
    const methods = Object.entries(api.resources[path] ?? {});
    if (methods.length > 0) {
      resource.resourceMethods = Object.fromEntries(
        methods.map(([verb, method]) => [verb, embedMethods ? methodJson(api, path, verb, method) : {}]),
      );
    }
    return resource;
  });
}

export type ApiSummary = Record<string, Record<string, { authorizationType?: string; apiKeyRequired?: boolean }>>;

/**
 * What GetDeployment?embed=apisummary shows: the deployment's frozen methods by path and verb.
 * `withoutAuth`: each method is `{}` (the model's `apiSummaryWithoutAuth`).
 */
export function apiSummary(resources: ResourcesModel, withoutAuth = false): ApiSummary {
  const summary: ApiSummary = {};
  for (const path of Object.keys(resources).sort()) {
    const methods = Object.entries(resources[path] ?? {});
    if (methods.length === 0) continue;
    summary[path] = Object.fromEntries(
      methods.map(([verb, m]) => [
        verb,
        withoutAuth ? {} : { authorizationType: m.authorizationType ?? 'NONE', apiKeyRequired: m.apiKeyRequired ?? false },
      ]),
    );
  }
  return summary;
}
