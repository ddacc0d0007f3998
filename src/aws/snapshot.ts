// Reads what API Gateway has deployed for one stage: the control-plane half of the evidence.
//
// The number of calls is constant in the number of routes (one paginated GetResources, one
// GetDeployment with its API summary — never a GetMethod per route), because management
// calls are throttled per account. After GetRestApi the independent reads run in parallel,
// and a part that fails (denied, throttled past the retries) leaves the others standing.

import {
  GetAuthorizersCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetStagesCommand,
} from '@aws-sdk/client-api-gateway';
import type { APIGatewayClient, RestApi, Stage } from '@aws-sdk/client-api-gateway';
import type { PartRead, Snapshot, SnapshotPart } from '../types.ts';
import { countCalls, readAllPages } from './calls.ts';
import type { CallCounts } from './calls.ts';
import { resolveCredentials } from './client.ts';
import { describeAwsError, isIdentityError, NO_CREDENTIALS } from './errors.ts';
import {
  authorizersById,
  methodTableFromApiSummary,
  methodTableFromResources,
  newestDeployment,
  withAuthorizerIds,
} from './tables.ts';

export interface SnapshotTarget {
  restApiId: string;
  stage: string;
  region: string;
}

/** A Snapshot as this module reads it: how every part was read is always known. */
export interface SnapshotReadout extends Snapshot {
  parts: Record<SnapshotPart, PartRead>;
}

/** The largest page API Gateway serves. */
const PAGE_SIZE = 500;

const PARTS: readonly SnapshotPart[] = ['api', 'stage', 'deployments', 'deployment', 'resources', 'authorizers'];

/** `signal`: the read's deadline and the run's cancellation; an aborted call fails its part. */
export async function readSnapshot(client: APIGatewayClient, target: SnapshotTarget, signal?: AbortSignal): Promise<SnapshotReadout> {
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
  let identityRejected = false;
  async function read<T>(part: SnapshotPart, load: () => Promise<T>): Promise<T | undefined> {
    try {
      const value = await load();
      parts[part] = { status: 'ok' };
      return value;
    } catch (error) {
      const failure = describeAwsError(error, secrets);
      parts[part] = { status: failure.status, error: failure.message };
      identityRejected ||= isIdentityError(error);
      return undefined;
    }
  }

  const restApi = await read('api', () => counted('GetRestApi', () => client.send(new GetRestApiCommand({ restApiId }), { abortSignal: signal })));
  // A wrong API id or region: every other read would say NotFound too.
  if (parts.api.status === 'not-found') return settle(snapshot, restApi, undefined);
  // Cancelled or past the deadline: no further call is sent (the rest stays `skipped`).
  if (signal?.aborted) return settle(snapshot, restApi, undefined);
  // Unknown, expired or badly signing credentials: every other read would fail alike, so
  // they take the same answer without spending throttled calls on it.
  if (identityRejected) {
    for (const part of PARTS) if (part !== 'api' && part !== 'deployment') parts[part] = { ...parts.api };
    return settle(snapshot, restApi, undefined);
  }

  let stages: Stage[] | undefined;
  await Promise.all([
    (async () => {
      stages = (await read('stage', () => counted('GetStages', () => client.send(new GetStagesCommand({ restApiId }), { abortSignal: signal }))))?.item;
      const deploymentId = stages?.find((stage) => stage.stageName === target.stage)?.deploymentId;
      if (!deploymentId) return;
      const deployment = await read('deployment', () =>
        counted('GetDeployment', () =>
          client.send(new GetDeploymentCommand({ restApiId, deploymentId, embed: ['apisummary'] }), { abortSignal: signal }),
        ),
      );
      if (deployment) snapshot.deployed = methodTableFromApiSummary(deployment.apiSummary);
    })(),
    (async () => {
      const deployments = await read('deployments', () =>
        readAllPages((position) =>
          counted('GetDeployments', () => client.send(new GetDeploymentsCommand({ restApiId, limit: PAGE_SIZE, position }), { abortSignal: signal })),
        ),
      );
      const newest = deployments && newestDeployment(deployments);
      if (newest) snapshot.latestDeployment = newest;
    })(),
    (async () => {
      const resources = await read('resources', () =>
        readAllPages((position) =>
          counted('GetResources', () =>
            client.send(new GetResourcesCommand({ restApiId, embed: ['methods'], limit: PAGE_SIZE, position }), { abortSignal: signal }),
          ),
        ),
      );
      if (resources) snapshot.defined = methodTableFromResources(resources);
    })(),
    (async () => {
      const authorizers = await read('authorizers', () =>
        readAllPages((position) =>
          counted('GetAuthorizers', () => client.send(new GetAuthorizersCommand({ restApiId, limit: PAGE_SIZE, position }), { abortSignal: signal })),
        ),
      );
      if (authorizers) snapshot.authorizers = authorizersById(authorizers);
    })(),
  ]);

  if (snapshot.deployed) snapshot.deployed = withAuthorizerIds(snapshot.deployed, snapshot.defined);
  return settle(snapshot, restApi, stages);
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
  if (parts.stage.error) snapshot.stageInfo.error = parts.stage.error;
  return snapshot;
}
