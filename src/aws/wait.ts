// Polls a stage until it serves the expected (or the newest) deployment: a deploy step may
// return before its stage update is visible, and checking too early reports stale routes.

import { setTimeout as delay } from 'node:timers/promises';
import { GetDeploymentsCommand, GetStageCommand } from '@aws-sdk/client-api-gateway';
import type { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { countCalls, readAllPages } from './calls.ts';
import type { CallCounts } from './calls.ts';
import { describeAwsError } from './errors.ts';
import { newestDeployment } from './tables.ts';

export interface WaitOptions {
  restApiId: string;
  stage: string;
  /** the deployment to wait for; without it, the API's newest deployment (read on every poll) */
  expectedDeploymentId?: string;
  /** 0 returns at once without any call */
  timeoutSeconds: number;
  /** pause between polls; 5 s by default, never under MIN_POLL_MS */
  pollMs?: number;
  log: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
  /** the run's cancellation: stops the wait, aborting the poll in flight */
  signal?: AbortSignal;
}

export interface WaitResult {
  /** the stage's deployment at the last poll */
  deploymentId?: string;
  /** the deployment waited for */
  target?: string;
  reached: boolean;
  polls: number;
  /** why waiting stopped early: the stage or API is unreadable, or the API has no deployment */
  error?: string;
  calls: CallCounts;
}

const DEFAULT_POLL_MS = 5000;
// At least a second between polls: GetStage is throttled per account.
export const MIN_POLL_MS = 1000;
const PAGE_SIZE = 500;

/** Sleeps `ms`, or less when `signal` aborts. */
const realSleep = (ms: number, signal?: AbortSignal) => delay(ms, undefined, { signal }).catch(() => undefined);

export async function waitForDeployment(client: APIGatewayClient, options: WaitOptions): Promise<WaitResult> {
  const { restApiId, stage, expectedDeploymentId, log, signal } = options;
  const sleep = options.sleep ?? ((ms: number) => realSleep(ms, signal));
  const timeoutMs = Math.max(0, options.timeoutSeconds) * 1000;
  const pollMs = Math.max(MIN_POLL_MS, options.pollMs ?? DEFAULT_POLL_MS);
  const calls: CallCounts = {};
  const result: WaitResult = { reached: false, polls: 0, calls };
  if (expectedDeploymentId) result.target = expectedDeploymentId;
  if (timeoutMs === 0) return result;

  const counted = countCalls(calls);
  const sendOptions = signal ? { abortSignal: signal } : {};
  const readStageDeployment = async () =>
    (await counted('GetStage', () => client.send(new GetStageCommand({ restApiId, stageName: stage }), sendOptions))).deploymentId;
  const readNewestDeployment = async () => {
    const deployments = await readAllPages((position) =>
      counted('GetDeployments', () => client.send(new GetDeploymentsCommand({ restApiId, limit: PAGE_SIZE, position }), sendOptions)),
    );
    return newestDeployment(deployments)?.id;
  };

  // Time left is what the clock says or what was slept, whichever is less: an injected
  // sleep that returns at once still ends the wait after timeoutSeconds of intervals.
  const started = Date.now();
  let slept = 0;
  for (;;) {
    result.polls += 1;
    let current: string | undefined;
    let target: string | undefined;
    try {
      [current, target] = await Promise.all([readStageDeployment(), expectedDeploymentId ?? readNewestDeployment()]);
    } catch (error) {
      result.error = describeAwsError(error).message;
      log(`stopped waiting for stage ${stage}: ${result.error}`);
      return result;
    }
    if (current) result.deploymentId = current;
    else delete result.deploymentId;
    if (!target) {
      result.error = `REST API ${restApiId} has no deployment to wait for`;
      log(`stopped waiting for stage ${stage}: ${result.error}`);
      return result;
    }
    result.target = target;
    if (current === target) {
      result.reached = true;
      log(`stage ${stage} is on deployment ${target}`);
      return result;
    }

    const leftMs = timeoutMs - Math.max(Date.now() - started, slept);
    const on = current ?? 'no deployment';
    if (leftMs <= 0) {
      log(`gave up waiting for stage ${stage} to be on deployment ${target} after ${options.timeoutSeconds} s: still on ${on}`);
      return result;
    }
    log(`waiting for stage ${stage} to be on deployment ${target}: on ${on}, ${Math.ceil(leftMs / 1000)} s left`);
    const pause = Math.min(pollMs, leftMs);
    await sleep(pause);
    if (signal?.aborted) {
      result.error = 'the run was cancelled';
      return result;
    }
    slept += pause;
  }
}
