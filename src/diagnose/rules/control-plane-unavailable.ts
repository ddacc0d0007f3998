// A control-plane read failed for a reason other than permissions or a wrong id: a timeout,
// throttling or 5xx past the retries, an answer that is not JSON, a network error. The smoke
// requests still ran; say once that the deployed stage is unknown, and why, even when every
// route passed (a later failure would otherwise be explained without it, silently).
import type { Snapshot, SnapshotPart } from '../../types.ts';
import { apiKeySource } from '../predicates.ts';
import type { Rule } from '../rule.ts';

const OPERATION: Record<SnapshotPart, string> = {
  api: 'GetRestApi',
  stage: 'GetStages',
  deployments: 'GetDeployments',
  deployment: 'GetDeployment',
  resources: 'GetResources',
  authorizers: 'GetAuthorizers',
};

/** Every read that ended in `error`, with its cause; the snapshot's own statuses when it has no parts. */
function failedReads(snapshot: Snapshot): { operation: string; error: string }[] {
  if (snapshot.parts) {
    return Object.entries(snapshot.parts)
      .filter(([, read]) => read.status === 'error')
      .map(([part, read]) => ({ operation: OPERATION[part as SnapshotPart], error: read.error ?? 'unknown error' }));
  }
  return [
    ...(snapshot.api.status === 'error' ? [{ operation: OPERATION.api, error: snapshot.api.error ?? 'unknown error' }] : []),
    ...(snapshot.stageInfo.status === 'error' ? [{ operation: OPERATION.stage, error: snapshot.stageInfo.error ?? 'unknown error' }] : []),
  ];
}

export default {
  meta: {
    code: 'control-plane-unavailable',
    title: 'The control plane could not be read',
    severity: 'warning',
    scope: ['stage'],
    tier: 'other',
    priority: 1,
    findingGroup: 'run-wide',
  },
  stage(run) {
    const failed = failedReads(run.snapshot);
    if (failed.length === 0) return null;
    const causes = failed.map((f) => `${f.operation} (${f.error})`).join('; ');
    const source = apiKeySource(run, 'restApiId');
    return {
      message:
        `The API Gateway control plane could not be read: ${causes}. The smoke requests still ran, but what the stage deploys is unknown, ` +
        `so every explanation rests on the gateway's answers alone. This is not a permissions problem: re-run the job; if it persists, ` +
        `check the network path to the API Gateway endpoint of ${run.settings.region}, or raise the \`timeout\` and \`retries\` inputs.`,
      evidence: { failed, region: run.settings.region },
      ...(source ? { source } : {}),
    };
  },
} satisfies Rule;
