// The workflow's role may not read the API (apigateway:GET). The smoke requests still run,
// but every explanation then rests on the gateway's answers alone: say so once, and print
// the least-privilege policy that would make them certain.
import { leastPrivilegePolicy } from '../../aws/policy.ts';
import { apiKeySource } from '../predicates.ts';
import type { Rule } from '../rule.ts';

export default {
  meta: {
    code: 'control-plane-denied',
    title: 'The API could not be read (apigateway:GET denied)',
    severity: 'warning',
    scope: ['stage'],
    tier: 'other',
    priority: 0,
    findingGroup: 'run-wide',
  },
  stage(run) {
    const { snapshot, settings } = run;
    const denied = [
      ...(snapshot.api.status === 'denied' ? ['the API (GetRestApi)'] : []),
      ...(snapshot.stageInfo.status === 'denied' ? [`stage ${snapshot.stage} (GetStage)`] : []),
    ];
    if (denied.length === 0) return null;
    const error = snapshot.stageInfo.error ?? snapshot.api.error;
    const policy = leastPrivilegePolicy(settings.region, settings.restApiId, settings.stage);
    const source = apiKeySource(run, 'restApiId');
    return {
      message:
        `Reading ${denied.join(' and ')} was denied${error ? ` (${error})` : ''}. The smoke requests still ran, but their explanations rest on the gateway's answers alone ` +
        `and are less certain (a "Missing Authentication Token" cannot be told apart from an unsigned AWS_IAM call). ` +
        `Grant the workflow's role this least-privilege policy:\n\n${policy}`,
      evidence: {
        api: snapshot.api.status,
        stage: snapshot.stageInfo.status,
        ...(error ? { error } : {}),
        policy: JSON.parse(policy) as unknown,
      },
      ...(source ? { source } : {}),
    };
  },
} satisfies Rule;
