// Reads what a stage's deployment serves, for `routes: deployed` and `init`: the control plane
// is the only source of the routes there, so every way it cannot be read is one clear problem
// (never an empty list of routes that would pass).
import { controlPlaneAttempts, createApiGatewayClient, resolveCredentials } from '../aws/client.ts';
import { readSnapshotBounded } from '../aws/bounded-read.ts';
import { sumCalls } from '../aws/calls.ts';
import { describeAwsError } from '../aws/errors.ts';
import type { SnapshotTarget } from '../aws/snapshot.ts';
import { waitForDeployment } from '../aws/wait.ts';
import type { InputProblem, MethodTable, PartRead } from '../types.ts';

export interface DeployedStage {
  deployed: MethodTable;
  /** the deployment the stage is on */
  deploymentId: string;
  /** management calls made, by operation */
  calls: Record<string, number>;
}

export interface ReadOptions {
  timeoutMs: number;
  retries: number;
  signal?: AbortSignal;
  /** what the problem's fix offers instead: "give a routes manifest" (the action) or nothing (init) */
  otherwise?: string;
  /**
   * `wait-for-deployment`: wait until the stage is on the expected (or newest) deployment before
   * its routes are read, or they would be those of the deployment being replaced
   */
  wait?: { seconds: number; expectedDeploymentId?: string; pollMs?: number };
}

const PERMISSION = (t: SnapshotTarget) =>
  `allow \`apigateway:GET\` on \`arn:aws:apigateway:${t.region}::/restapis/${t.restApiId}/*\` (and on \`/restapis/${t.restApiId}\`) to the credentials`;

/** Why the routes could not be read, and what to change. */
function unreadable(target: SnapshotTarget, read: PartRead, what: string, options: ReadOptions): InputProblem {
  const subject = `the deployed routes of REST API ${target.restApiId} stage ${target.stage} (${target.region}) could not be read`;
  const fix =
    read.status === 'denied'
      ? PERMISSION(target)
      : read.status === 'not-found'
        ? 'check `rest-api-id`, `stage` and `region`: they must name a deployed stage of an API of this account'
        : 'run it again; if it persists, check the network path to the API Gateway control plane';
  return { message: `${subject}: ${what}: ${read.error ?? read.status}`, fix: options.otherwise ? `${fix}, ${options.otherwise}` : fix };
}

/**
 * The stage's deployed methods (with the SDK's standard credential chain). `problem` when there
 * are no credentials, a part cannot be read, or the deployment serves no method at all.
 */
export async function readDeployedStage(
  target: SnapshotTarget,
  options: ReadOptions,
): Promise<{ stage: DeployedStage; problem?: undefined } | { stage?: undefined; problem: InputProblem }> {
  const client = createApiGatewayClient(target.region, {
    timeoutMs: options.timeoutMs,
    maxAttempts: controlPlaneAttempts(options.retries),
  });
  try {
    let credentials;
    try {
      credentials = await resolveCredentials(client);
    } catch (error) {
      return {
        problem: {
          message: `AWS credentials could not be loaded: ${describeAwsError(error).message}`,
          fix: 'fix the credential source (profile, role, SSO session), or log in again',
        },
      };
    }
    if (!credentials) {
      return {
        problem: {
          message: `the deployed routes of REST API ${target.restApiId} stage ${target.stage} need the API Gateway control plane, and no AWS credentials were found`,
          fix: `provide credentials that may read the API (${PERMISSION(target).replace(/ to the credentials$/, '')}): run aws-actions/configure-aws-credentials before this step, or set AWS_PROFILE on a laptop${options.otherwise ? `, ${options.otherwise}` : ''}`,
        },
      };
    }
    const calls: Record<string, number> = {};
    if (options.wait && options.wait.seconds > 0) {
      const { seconds, expectedDeploymentId, pollMs } = options.wait;
      // whatever the wait ends with, the run's own wait (src/aws/wait.ts) reports it again
      const waited = await waitForDeployment(client, {
        ...target,
        timeoutSeconds: seconds,
        ...(expectedDeploymentId ? { expectedDeploymentId } : {}),
        ...(pollMs ? { pollMs } : {}),
        log: () => undefined,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      Object.assign(calls, waited.calls);
    }
    const snapshot = await readSnapshotBounded(client, target, {
      timeoutMs: options.timeoutMs,
      retries: options.retries,
      definition: 'when-needed',
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const { parts } = snapshot;
    if (parts.api.status !== 'ok') return { problem: unreadable(target, parts.api, 'GetRestApi', options) };
    if (parts.stage.status !== 'ok') return { problem: unreadable(target, parts.stage, 'GetStages', options) };
    const deploymentId = snapshot.stageInfo.deploymentId;
    if (!deploymentId) {
      return {
        problem: {
          message: `stage ${target.stage} of REST API ${target.restApiId} is on no deployment: it serves nothing`,
          fix: `deploy the API to the stage (aws apigateway create-deployment --rest-api-id ${target.restApiId} --stage-name ${target.stage}) first`,
        },
      };
    }
    if (parts.deployment.status !== 'ok' || !snapshot.deployed) {
      return { problem: unreadable(target, parts.deployment, `GetDeployment ${deploymentId}`, options) };
    }
    if (Object.values(snapshot.deployed).every((methods) => Object.keys(methods).length === 0)) {
      return {
        problem: {
          message: `deployment ${deploymentId} of stage ${target.stage} serves no method: there is no route to check`,
          fix: 'deploy the API with its methods to the stage first',
        },
      };
    }
    return { stage: { deployed: snapshot.deployed, deploymentId, calls: sumCalls(calls, snapshot.calls) } };
  } finally {
    client.destroy();
  }
}
