// The control-plane read with an end: a deadline for the whole read (every call aborted when it
// passes) and the run's cancellation. An aborted call says only "Request aborted"; this says
// which of the two ended it, so the report names the real cause — or, when the job was
// cancelled, marks the unread parts skipped rather than calling the control plane unavailable.
import type { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { controlPlaneDeadlineMs } from './client.ts';
import type { PartRead } from '../types.ts';
import { loadDefinition, readSnapshot, type SnapshotOptions, type SnapshotReadout, type SnapshotTarget } from './snapshot.ts';

export interface BoundedReadOptions {
  /** the `timeout` input, milliseconds */
  timeoutMs: number;
  /** the `retries` input */
  retries: number;
  /** the run's cancellation */
  signal?: AbortSignal;
  /** overrides controlPlaneDeadlineMs (tests) */
  deadlineMs?: number;
  /** when GetResources is read: with the rest, or only when a diagnosis needs it */
  definition?: SnapshotOptions['definition'];
}

const ABORTED = /AbortError|aborted/i;

export async function readSnapshotBounded(
  client: APIGatewayClient,
  target: SnapshotTarget,
  options: BoundedReadOptions,
): Promise<SnapshotReadout> {
  const { deadlineMs, deadline, signal } = bounded(options);
  const snapshot = await readSnapshot(client, target, { signal, ...(options.definition ? { definition: options.definition } : {}) });
  if (options.signal?.aborted) {
    relabel(snapshot, (read) =>
      read.status === 'error' && ABORTED.test(read.error ?? '') ? { status: 'skipped', error: 'the run was cancelled' } : read,
    );
  } else if (deadline.aborted) {
    const within = `no answer within the control-plane deadline of ${deadlineMs / 1000} s`;
    relabel(snapshot, (read) => (read.status === 'error' && ABORTED.test(read.error ?? '') ? { status: 'error', error: within } : read));
  }
  return snapshot;
}

/** The definition read after probing (see readSnapshot's `when-needed`), within a deadline of its own. */
export async function loadDefinitionBounded(snapshot: SnapshotReadout, why: string, options: BoundedReadOptions): Promise<void> {
  const { deadlineMs, deadline, signal } = bounded(options);
  await loadDefinition(snapshot, why, signal);
  const read = snapshot.parts.resources;
  if (deadline.aborted && read.status === 'error' && ABORTED.test(read.error ?? '')) {
    snapshot.parts.resources = { status: 'error', error: `no answer within the control-plane deadline of ${deadlineMs / 1000} s` };
  }
}

function bounded(options: BoundedReadOptions): { deadlineMs: number; deadline: AbortSignal; signal: AbortSignal } {
  const deadlineMs = options.deadlineMs ?? controlPlaneDeadlineMs(options.timeoutMs, options.retries);
  const deadline = AbortSignal.timeout(deadlineMs);
  return { deadlineMs, deadline, signal: options.signal ? AbortSignal.any([options.signal, deadline]) : deadline };
}

/** Rewrites every part, and the API and stage statuses derived from them. */
function relabel(snapshot: SnapshotReadout, change: (read: PartRead) => PartRead): void {
  for (const [part, read] of Object.entries(snapshot.parts)) snapshot.parts[part as keyof SnapshotReadout['parts']] = change(read);
  const api = snapshot.parts.api;
  snapshot.api.status = api.status;
  if (api.error) snapshot.api.error = api.error;
  const stage = snapshot.parts.stage;
  snapshot.stageInfo.status = stage.status;
  if (stage.error) snapshot.stageInfo.error = stage.error;
}
