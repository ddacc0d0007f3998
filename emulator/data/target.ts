// Which API and stage a request is for, the way execute-api decides it: from the Host header
// (`<api>.execute-api.<region>.amazonaws.com` puts the stage in the first path segment; a custom
// domain maps base paths to stages, and the stage is then not in the path).
import type { EmulatorModel, RestApiModel, StageModel } from '../model.ts';

/** Which endpoint the request came in on: the API's default execute-api host, or a custom domain. */
export type Endpoint = 'execute-api' | 'custom-domain';

export type Target =
  /** no API answers this host/path: 403 Forbidden */
  | { kind: 'forbidden'; reason: string; pathAfterStage: string }
  /** the API is known but the stage named in the path is not */
  | { kind: 'unknown-stage'; api: RestApiModel; stageName: string; pathAfterStage: string; endpoint: Endpoint }
  | { kind: 'stage'; api: RestApiModel; stage: StageModel; pathAfterStage: string; endpoint: Endpoint };

/** Lower-case host name without the port ("[::1]:80" → "[::1]"). */
export function hostName(hostHeader: string | undefined): string {
  const host = (hostHeader ?? '').trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.lastIndexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

export const EXECUTE_API_HOST = /^([^.]+)\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$/;

/** "/prod/users/1" → ["prod", "/users/1"]; "/prod" → ["prod", "/"]; "/" → ["", "/"]. */
function splitStage(rawPath: string): [string, string] {
  const rest = rawPath.replace(/^\//, '');
  const slash = rest.indexOf('/');
  if (slash === -1) return [rest, '/'];
  return [rest.slice(0, slash), rest.slice(slash)];
}

function onExecuteApiHost(api: RestApiModel | undefined, rawPath: string): Target {
  const [stageName, pathAfterStage] = splitStage(rawPath);
  if (!api) return { kind: 'forbidden', reason: 'no such API', pathAfterStage: rawPath };
  // The bare host ("https://<api>.execute-api.<region>.amazonaws.com/") answers Forbidden.
  if (stageName === '') return { kind: 'forbidden', reason: 'no stage in the path', pathAfterStage: rawPath };
  const stage = api.stages.find((s) => s.name === stageName);
  if (!stage) return { kind: 'unknown-stage', api, stageName, pathAfterStage, endpoint: 'execute-api' };
  return { kind: 'stage', api, stage, pathAfterStage, endpoint: 'execute-api' };
}

/** Does base path `basePath` ("(none)", "v1", "api/v2") prefix `rawPath`? Returns the rest. */
function afterBasePath(basePath: string, rawPath: string): string | undefined {
  if (basePath === '(none)' || basePath === '') return rawPath;
  const prefix = `/${basePath}`;
  if (rawPath === prefix) return '/';
  if (rawPath.startsWith(`${prefix}/`)) return rawPath.slice(prefix.length);
  return undefined;
}

/**
 * Resolve a request. Hosts that are neither an execute-api host nor a custom domain of the model
 * (e.g. "127.0.0.1:port") are treated as the execute-api host of the model's first API.
 */
export function resolveTarget(model: EmulatorModel, region: string, hostHeader: string | undefined, rawPath: string): Target {
  const host = hostName(hostHeader);
  const executeApi = EXECUTE_API_HOST.exec(host);
  if (executeApi) {
    // An API lives in one region: on another region's endpoint its id is unknown. Whether the real
    // host name resolves there (or fails in DNS) is not recorded publicly; on loopback the emulator
    // gives the answer it gives for any unknown id (403 Forbidden).
    const api = model.apis.find((a) => a.id.toLowerCase() === executeApi[1] && (a.region ?? region) === executeApi[2]);
    return onExecuteApiHost(api, rawPath);
  }
  const domain = model.domainNames?.find((d) => d.domainName.toLowerCase() === host);
  if (!domain) return onExecuteApiHost(model.apis[0], rawPath);

  // The longest base path that prefixes the path wins; "(none)" is the empty base path.
  let best: { rest: string; length: number; mapping: (typeof domain.mappings)[number] } | undefined;
  for (const mapping of domain.mappings) {
    const rest = afterBasePath(mapping.basePath, rawPath);
    const length = mapping.basePath === '(none)' ? 0 : mapping.basePath.length;
    if (rest !== undefined && (!best || length > best.length)) best = { rest, length, mapping };
  }
  if (!best) return { kind: 'forbidden', reason: `no base-path mapping of ${domain.domainName} matches`, pathAfterStage: rawPath };
  const api = model.apis.find((a) => a.id === best.mapping.restApiId);
  const stage = api?.stages.find((s) => s.name === best.mapping.stage);
  if (!api) return { kind: 'forbidden', reason: 'the mapping names no API of the model', pathAfterStage: best.rest };
  if (!stage) return { kind: 'unknown-stage', api, stageName: best.mapping.stage, pathAfterStage: best.rest, endpoint: 'custom-domain' };
  return { kind: 'stage', api, stage, pathAfterStage: best.rest, endpoint: 'custom-domain' };
}
