// Reads what API Gateway has deployed for one stage: the control-plane half of the evidence.
//
// The number of calls is constant in the number of routes (one GetDeployment with its API
// summary — never a GetMethod per route), because management calls are throttled per account.
// After GetRestApi the independent reads run in parallel, and a part that fails (denied,
// throttled past the retries) leaves the others standing.
//
// The definition (GetResources, 500 resources a page, one page after another) is read only
// when something needs it: with `definition: 'when-needed'` the deployed summary and the
// authorizers suffice to send every request, and loadDefinition() reads it later for a
// diagnosis. It is read up front only when probing needs it: the stage's deployment could not
// be read (the definition stands in for it), or a token-protected method could be served by
// more than one authorizer (the summary has no authorizer ids; only the definition tells).

import {
  GetAuthorizersCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetStagesCommand,
} from '@aws-sdk/client-api-gateway';
import type { APIGatewayClient, RestApi, Stage } from '@aws-sdk/client-api-gateway';
import type { AuthorizerInfo, MethodInfo, MethodTable, PartRead, Snapshot, SnapshotPart } from '../types.ts';
import { countCalls, readAllPages } from './calls.ts';
import { parsePolicy } from '../resource-policy.ts';
import type { CallCounts } from './calls.ts';
import { resolveCredentials } from './client.ts';
import { describeAwsError, isIdentityError, NO_CREDENTIALS } from './errors.ts';
import { authorizersById, methodTableFromApiSummary, methodTableFromResources, newestDeployment, withAuthorizerIds } from './tables.ts';

export interface SnapshotTarget {
  restApiId: string;
  stage: string;
  region: string;
}

/** A Snapshot as this module reads it: how every part was read is always known. */
export interface SnapshotReadout extends Snapshot {
  parts: Record<SnapshotPart, PartRead>;
  /** why the definition (GetResources) was read, or why not (yet) */
  definitionRead: string;
}

export interface SnapshotOptions {
  /** `always` (default): read the definition with the rest; `when-needed`: see the top of this file */
  definition?: 'always' | 'when-needed';
  /** the read's deadline and the run's cancellation */
  signal?: AbortSignal;
}

/** What loadDefinition() needs: the summary as GetDeployment gave it. Kept out of the Snapshot. */
interface Deferred {
  client: APIGatewayClient;
  summary: MethodTable | undefined;
  secrets: string[];
  calls: CallCounts;
}
const deferred = new WeakMap<SnapshotReadout, Deferred>();

/** The largest page API Gateway serves. */
const PAGE_SIZE = 500;

const PARTS: readonly SnapshotPart[] = ['api', 'stage', 'deployments', 'deployment', 'resources', 'authorizers'];

/** `signal`: the read's deadline and the run's cancellation; an aborted call fails its part. */
export async function readSnapshot(
  client: APIGatewayClient,
  target: SnapshotTarget,
  options: SnapshotOptions = {},
): Promise<SnapshotReadout> {
  const lazy = options.definition === 'when-needed';
  const sendOptions = options.signal ? { abortSignal: options.signal } : {};
  const calls: CallCounts = {};
  const parts = Object.fromEntries(PARTS.map((part) => [part, { status: 'skipped' }])) as Record<SnapshotPart, PartRead>;
  const snapshot: SnapshotReadout = {
    restApiId: target.restApiId,
    stage: target.stage,
    region: target.region,
    api: { status: 'skipped' },
    stageInfo: { status: 'skipped', existingStages: [] },
    authorizers: {},
    calls,
    parts,
    definitionRead: 'not read: the control plane could not be read',
  };

  // Checked once up front: without credentials every call would fail the same way.
  let secrets: string[];
  try {
    const credentials = await resolveCredentials(client);
    if (!credentials) return settle(snapshot, undefined, undefined, NO_CREDENTIALS);
    secrets = [credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken ?? ''];
  } catch (error) {
    const failure = describeAwsError(error);
    for (const part of PARTS) parts[part] = { status: failure.status, error: `could not load AWS credentials: ${failure.message}` };
    return settle(snapshot, undefined, undefined);
  }

  const counted = countCalls(calls);
  const { restApiId } = target;
  /** parts whose read was refused for the credentials themselves (unknown, expired, bad signature) */
  const identityRejected = new Set<SnapshotPart>();
  async function read<T>(part: SnapshotPart, load: () => Promise<T>): Promise<T | undefined> {
    try {
      const value = await load();
      parts[part] = { status: 'ok' };
      return value;
    } catch (error) {
      const failure = describeAwsError(error, secrets);
      parts[part] = { status: failure.status, error: failure.message };
      if (isIdentityError(error)) identityRejected.add(part);
      return undefined;
    }
  }

  // GetRestApi and GetStages go out together: GetStages heads the longest chain (GetStages, then
  // the stage's GetDeployment, then the first request), so waiting for GetRestApi first would
  // add a round trip to every run. The other reads wait for GetRestApi's answer, which says
  // whether they can succeed at all.
  const stagesRead = read('stage', () => counted('GetStages', () => client.send(new GetStagesCommand({ restApiId }), sendOptions)));
  const restApi = await read('api', () => counted('GetRestApi', () => client.send(new GetRestApiCommand({ restApiId }), sendOptions)));
  const apiNotFound = parts.api.status === 'not-found';
  const cancelled = options.signal?.aborted === true;
  const credentialsRejected = identityRejected.has('api');
  if (apiNotFound || cancelled || credentialsRejected) {
    // GetStages' answer is moot; awaited so that it cannot land on the settled parts.
    await stagesRead;
    // A wrong API id or region: every other read would say NotFound too. Cancelled or past the
    // deadline: no further call is sent. Either way the rest stays `skipped`.
    parts.stage = { status: 'skipped' };
    // Unknown, expired or badly signing credentials: every other read would fail alike, so
    // they take the same answer without spending throttled calls on it.
    if (credentialsRejected && !apiNotFound && !cancelled)
      for (const part of PARTS) if (part !== 'api' && part !== 'deployment') parts[part] = { ...parts.api };
    return settle(snapshot, restApi, undefined);
  }

  // Not a part of its own: when it cannot be read, the canary finding says so.
  const readCanary = async (deploymentId: string): Promise<void> => {
    try {
      const canary = await counted('GetDeployment', () =>
        client.send(new GetDeploymentCommand({ restApiId, deploymentId, embed: ['apisummary'] }), sendOptions),
      );
      snapshot.canaryDeployed = methodTableFromApiSummary(canary.apiSummary);
    } catch {
      // the stage's own deployment still decides every diagnosis
    }
  };

  const readDefinition = async (): Promise<void> => {
    const resources = await read('resources', () =>
      readAllPages((position) =>
        counted('GetResources', () =>
          client.send(new GetResourcesCommand({ restApiId, embed: ['methods'], limit: PAGE_SIZE, position }), sendOptions),
        ),
      ),
    );
    if (resources) snapshot.defined = methodTableFromResources(resources);
  };

  let stages: Stage[] | undefined;
  let summary: MethodTable | undefined;
  let summaryWithoutAuth = false;
  await Promise.all([
    (async () => {
      stages = (await stagesRead)?.item;
      const stage = stages?.find((candidate) => candidate.stageName === target.stage);
      const deploymentId = stage?.deploymentId;
      if (!deploymentId) return;
      // A canary's deployment serves its share of the requests: its summary too (one call more).
      const canaryId = stage.canarySettings?.deploymentId;
      const [deployment] = await Promise.all([
        read('deployment', () =>
          counted('GetDeployment', () =>
            client.send(new GetDeploymentCommand({ restApiId, deploymentId, embed: ['apisummary'] }), sendOptions),
          ),
        ),
        canaryId && canaryId !== deploymentId ? readCanary(canaryId) : undefined,
      ]);
      if (deployment) summary = methodTableFromApiSummary(deployment.apiSummary);
      if (deployment && lacksAuth(deployment.apiSummary)) summaryWithoutAuth = true;
    })(),
    (async () => {
      const deployments = await read('deployments', () =>
        readAllPages((position) =>
          counted('GetDeployments', () => client.send(new GetDeploymentsCommand({ restApiId, limit: PAGE_SIZE, position }), sendOptions)),
        ),
      );
      const newest = deployments && newestDeployment(deployments);
      if (newest) snapshot.latestDeployment = newest;
    })(),
    ...(lazy ? [] : [readDefinition()]),
    (async () => {
      const authorizers = await read('authorizers', () =>
        readAllPages((position) =>
          counted('GetAuthorizers', () => client.send(new GetAuthorizersCommand({ restApiId, limit: PAGE_SIZE, position }), sendOptions)),
        ),
      );
      if (authorizers) snapshot.authorizers = authorizersById(authorizers);
    })(),
  ]);

  if (!lazy) {
    snapshot.definitionRead = summaryWithoutAuth ? `read with the rest; ${WITHOUT_AUTH}` : 'read with the rest';
  } else {
    const why = !summary
      ? "the stage's deployment could not be read: the definition stands in for it"
      : summaryWithoutAuth
        ? WITHOUT_AUTH
        : ambiguousAuthorizer(summary, snapshot.authorizers);
    if (why) {
      await readDefinition();
      snapshot.definitionRead = `read before probing: ${why}`;
    } else {
      snapshot.definitionRead = 'not read: the deployment and the authorizers told how to send every request';
      deferred.set(snapshot, { client, summary, secrets, calls });
    }
  }
  // Until the definition is read, a token method's only possible authorizer is its authorizer.
  const authorizerIdsFrom =
    snapshot.defined ?? (summary && deferred.has(snapshot) ? soleAuthorizers(summary, snapshot.authorizers) : undefined);
  if (summary && summaryWithoutAuth && snapshot.defined) {
    // auth: auto follows the current definition for every deployed method it has
    summary = withAuthFrom(summary, snapshot.defined);
    snapshot.authFromDefinition = true;
  }
  if (summary) snapshot.deployed = withAuthorizerIds(summary, authorizerIdsFrom);
  return settle(snapshot, restApi, stages);
}

/**
 * Reads the definition a 'when-needed' snapshot left out, for a diagnosis (`why` is said in the
 * summary), and takes the authorizer ids from it. Does nothing when it was read or cannot be.
 */
export async function loadDefinition(snapshot: SnapshotReadout, why: string, signal?: AbortSignal): Promise<void> {
  const sendOptions = signal ? { abortSignal: signal } : {};
  const state = deferred.get(snapshot);
  if (!state) return;
  deferred.delete(snapshot);
  const { client, summary, secrets, calls } = state;
  try {
    const resources = await readAllPages((position) =>
      countCalls(calls)('GetResources', () =>
        client.send(
          new GetResourcesCommand({ restApiId: snapshot.restApiId, embed: ['methods'], limit: PAGE_SIZE, position }),
          sendOptions,
        ),
      ),
    );
    snapshot.parts.resources = { status: 'ok' };
    snapshot.defined = methodTableFromResources(resources);
    if (summary) snapshot.deployed = withAuthorizerIds(summary, snapshot.defined);
  } catch (error) {
    const failure = describeAwsError(error, secrets);
    snapshot.parts.resources = { status: failure.status, error: failure.message };
  }
  snapshot.definitionRead = `read after probing: ${why}`;
}

const WITHOUT_AUTH =
  'the deployed API summary lists no authorizationType or apiKeyRequired (a partial control plane): auth: auto follows the current definition, which may differ from what is deployed';

/** Some method of the summary came without its authorizationType. */
function lacksAuth(apiSummary: Record<string, Record<string, { authorizationType?: string | undefined }>> | undefined): boolean {
  return Object.values(apiSummary ?? {}).some((methods) => Object.values(methods).some((method) => method.authorizationType === undefined));
}

/** The summary's methods with what the definition's same method asks of a caller (summary methods it lacks stay as read). */
function withAuthFrom(summary: MethodTable, defined: MethodTable): MethodTable {
  const table: MethodTable = {};
  for (const [path, methods] of Object.entries(summary)) {
    const merged: Record<string, MethodInfo> = {};
    for (const [verb, method] of Object.entries(methods)) {
      const current = defined[path]?.[verb];
      merged[verb] = current ? { ...current } : method;
    }
    table[path] = merged;
  }
  return table;
}

/** Token-protected methods: which authorizer types can serve them. */
const AUTHORIZER_TYPES: Record<string, readonly string[]> = { CUSTOM: ['TOKEN', 'REQUEST'], COGNITO_USER_POOLS: ['COGNITO_USER_POOLS'] };

const candidatesFor = (authorizationType: string, authorizers: Record<string, AuthorizerInfo>): AuthorizerInfo[] =>
  Object.values(authorizers).filter((a) => AUTHORIZER_TYPES[authorizationType]?.includes(a.type));

/** Why the summary alone cannot tell where a token goes: a token method with several possible authorizers. */
function ambiguousAuthorizer(summary: MethodTable, authorizers: Record<string, AuthorizerInfo>): string | undefined {
  for (const [path, methods] of Object.entries(summary)) {
    for (const [verb, method] of Object.entries(methods)) {
      if (!AUTHORIZER_TYPES[method.authorizationType]) continue;
      const candidates = candidatesFor(method.authorizationType, authorizers).length;
      if (candidates > 1) return `${verb} ${path} may use any of ${candidates} ${method.authorizationType} authorizers`;
    }
  }
  return undefined;
}

/**
 * The definition's stand-in for withAuthorizerIds: every token method with its only possible
 * authorizer (a method whose type has one authorizer can use no other).
 */
function soleAuthorizers(summary: MethodTable, authorizers: Record<string, AuthorizerInfo>): MethodTable {
  const table: MethodTable = {};
  for (const [path, methods] of Object.entries(summary)) {
    for (const [verb, method] of Object.entries(methods)) {
      if (!AUTHORIZER_TYPES[method.authorizationType]) continue;
      const [only, ...others] = candidatesFor(method.authorizationType, authorizers);
      if (only && others.length === 0) (table[path] ??= {})[verb] = { ...method, authorizerId: only.id };
    }
  }
  return table;
}

/** Fills the Snapshot's `api` and `stageInfo` from the parts; `skipReason` marks every part skipped with it. */
function settle(
  snapshot: SnapshotReadout,
  restApi: RestApi | undefined,
  stages: Stage[] | undefined,
  skipReason?: string,
): SnapshotReadout {
  const { parts } = snapshot;
  if (skipReason) for (const part of PARTS) parts[part] = { status: 'skipped', error: skipReason };

  snapshot.api = { status: parts.api.status };
  if (restApi) {
    if (restApi.name !== undefined) snapshot.api.name = restApi.name;
    snapshot.api.endpointTypes = [...(restApi.endpointConfiguration?.types ?? [])];
    snapshot.api.hasResourcePolicy = Boolean(restApi.policy);
    const policy = restApi.policy ? parsePolicy(restApi.policy) : undefined;
    if (policy) snapshot.api.policy = policy;
    if (restApi.apiKeySource) snapshot.api.apiKeySource = restApi.apiKeySource;
    if (restApi.disableExecuteApiEndpoint) snapshot.api.disableExecuteApiEndpoint = true;
  }
  if (parts.api.error) snapshot.api.error = parts.api.error;

  const existingStages = (stages ?? []).flatMap((stage) => (stage.stageName ? [stage.stageName] : []));
  const stage = stages?.find((candidate) => candidate.stageName === snapshot.stage);
  if (stages && !stage) {
    const known = existingStages.length > 0 ? existingStages.join(', ') : 'none';
    parts.stage = { status: 'not-found', error: `REST API ${snapshot.restApiId} has no stage "${snapshot.stage}" (stages: ${known})` };
  }
  snapshot.stageInfo = { status: parts.stage.status, existingStages };
  if (stage?.deploymentId) snapshot.stageInfo.deploymentId = stage.deploymentId;
  if (stage?.webAclArn) snapshot.stageInfo.webAclArn = stage.webAclArn;
  const canary = stage?.canarySettings;
  if (canary?.deploymentId) snapshot.stageInfo.canary = { deploymentId: canary.deploymentId, percentTraffic: canary.percentTraffic ?? 0 };
  if (parts.stage.error) snapshot.stageInfo.error = parts.stage.error;
  return snapshot;
}
