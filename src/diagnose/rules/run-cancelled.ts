// The job was cancelled (SIGINT/SIGTERM) before every route had its answer. The routes not
// reached are `skipped`: they proved nothing, so the run cannot pass, whatever the others said.
import type { Rule } from '../rule.ts';

export default {
  meta: {
    code: 'run-cancelled',
    title: 'The run was cancelled before every route was checked',
    severity: 'error',
    scope: ['stage'],
    tier: 'other',
    priority: 2,
    findingGroup: 'run-wide',
  },
  stage(run) {
    const skipped = run.checks.filter((e) => e.answer.kind === 'cancelled').map((e) => e.check.route.route);
    if (skipped.length === 0) return null;
    const shown = skipped.slice(0, 10).join(', ');
    const more = skipped.length > 10 ? ` and ${skipped.length - 10} more` : '';
    return {
      message:
        `The run was cancelled: ${skipped.length} of ${run.checks.length} routes were not checked (${shown}${more}), so the stage is not proven. ` +
        `Re-run the job; if it was cancelled by a timeout, raise the job's \`timeout-minutes\` or lower the action's \`timeout\` and \`retries\`.`,
      evidence: { skipped: skipped.length, checks: run.checks.length },
    };
  },
} satisfies Rule;
