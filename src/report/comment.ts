// One sticky pull-request comment per API and stage, updated in place on every run, so a PR
// shows the current verdict and never a pile of stale ones. Loaded only when `comment` is
// not `off` (src/main.ts imports it lazily): @actions/github is a third of the bundle.
import { context, getOctokit } from '@actions/github';
import type { CommentMode } from '../settings.ts';
import type { Report } from '../types.ts';
import { renderSummary } from './summary.ts';

/** GitHub refuses comments over 65,536 characters; a byte budget below it is a character budget too. */
export const COMMENT_MAX_BYTES = 60_000;

/** Hidden first line that finds this step's comment again; one per API and stage. */
export function commentMarker(report: Report): string {
  // percent-encoded: no `-->` or `<` of an input can end the comment (ids and stage names are unchanged)
  return `<!-- apigw-route-verify ${encodeURIComponent(report.api.restApiId)}/${encodeURIComponent(report.api.stage)} -->`;
}

export function commentBody(report: Report): string {
  return `${commentMarker(report)}\n${renderSummary(report, { maxBytes: COMMENT_MAX_BYTES })}`;
}

export type CommentResult = { action: 'created' | 'updated'; url: string } | { action: 'skipped'; reason: string };

/**
 * `on-failure` creates a comment only for a failed run, but still updates an existing one when
 * the run passes: otherwise the PR would keep showing the fixed failure.
 */
export async function upsertComment(
  report: Report,
  opts: {
    mode: CommentMode;
    token: string;
    redact: (text: string) => string;
    /** ends every GitHub API call in flight: the comment's deadline, and the run's cancellation */
    signal?: AbortSignal;
  },
): Promise<CommentResult> {
  if (opts.mode === 'off') return { action: 'skipped', reason: 'comment is off' };
  const number = context.payload.pull_request?.number;
  if (!number) return { action: 'skipped', reason: `the ${context.eventName || 'current'} event has no pull request` };
  if (!opts.token) return { action: 'skipped', reason: 'no github-token' };

  // A GitHub API that never answers must not hold the job: every request carries the signal.
  const octokit = getOctokit(opts.token, opts.signal ? { request: { signal: opts.signal } } : {});
  const { owner, repo } = context.repo;
  const marker = commentMarker(report);
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: number, per_page: 100 });
  const existing = comments.find((c) => c.body?.startsWith(marker));
  if (!existing && opts.mode === 'on-failure' && report.result === 'passed') {
    return { action: 'skipped', reason: 'the run passed and comment is on-failure' };
  }
  const body = opts.redact(commentBody(report));
  if (existing) {
    const { data } = await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
    return { action: 'updated', url: data.html_url };
  }
  const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: number, body });
  return { action: 'created', url: data.html_url };
}
