// One sticky pull-request comment per API and stage, updated in place on every run, so a PR
// shows the current verdict and never a pile of stale ones. Loaded only when `comment` is
// not `off` (src/main.ts imports it lazily): @actions/github is a third of the bundle.
import { context, getOctokit } from '@actions/github';
import type { CommentMode } from '../settings.ts';
import type { Finding, Report, Severity } from '../types.ts';
import { groupByCause, type Cause } from './grouping.ts';
import { countsLine, titleLine } from './headline.ts';
import { checksByImportance, compareImportance, rankFinding } from './importance.ts';
import { codeLink, escapeMarkdown, escapeProseInline, link } from './markdown.ts';
import { byteLength, plural, thousands, truncateBytes } from './text.ts';

/** GitHub refuses comments over 65,536 characters; a byte budget below it is a character budget too. */
export const COMMENT_MAX_BYTES = 60_000;

/** Hidden first line that finds this step's comment again; one per API and stage. */
export function commentMarker(report: Report): string {
  // percent-encoded: no `-->` or `<` of an input can end the comment (ids and stage names are unchanged)
  return `<!-- apigw-route-verify ${encodeURIComponent(report.api.restApiId)}/${encodeURIComponent(report.api.stage)} -->`;
}

/** The table of failing causes stops at this many rows; the run's summary has the rest. */
export const COMMENT_ROWS_MAX = 30;
/** Routes named in one row of a shared cause. */
const ROUTES_PER_ROW = 3;
/** One cell's text: a comment is read at its narrow width, and a route or title can be long. */
const CELL_MAX_BYTES = 160;

const ICON: Record<Severity, string> = { error: '❌', warning: '⚠️', notice: 'ℹ️' };

function cell(text: string): string {
  return escapeMarkdown(truncateBytes(text, CELL_MAX_BYTES));
}

/** Route | Cause | What: one row per cause, a shared cause naming its first routes. */
function causeRow(cause: Cause): string {
  const [first] = cause.checks;
  if (!first) return '';
  const names = cause.checks.slice(0, ROUTES_PER_ROW).map((c) => cell(c.route));
  const more = cause.checks.length - names.length;
  const routes = names.join(', ') + (more > 0 ? ` and ${thousands(more)} more` : '');
  const d = first.diagnosis;
  const code = d ? codeLink(d.code, d.docs) : escapeMarkdown(first.outcome);
  const what = d ? escapeProseInline(truncateBytes(d.title, CELL_MAX_BYTES)) : cell(`status ${first.status ?? 'none'}`);
  return `| ${routes} | ${ICON[cause.severity]} ${code} | ${what} |`;
}

/** A finding in one line: its code and the first sentence of its message. */
function findingLine(finding: Finding): string {
  const sentence = /^[\s\S]*?\.(?=\s|$)/.exec(finding.message)?.[0] ?? finding.message;
  return `- ${ICON[finding.severity]} ${codeLink(finding.code, finding.docs)} — ${escapeProseInline(truncateBytes(sentence, 300))}`;
}

/**
 * The comment: the verdict, counts, commit and run link, then what failed — one table row per
 * cause, capped — and the findings in a line each. No evidence and no run details: those are in
 * the job summary, one click away. Three columns at most, for the comment's width.
 */
export function commentBody(report: Report, maxBytes: number = COMMENT_MAX_BYTES): string {
  const marker = commentMarker(report);
  const causes = groupByCause(checksByImportance(report.checks), report.api.baseUrl);
  const findings = report.findings
    .filter((f) => f.severity !== 'notice')
    .sort((a, b) => compareImportance(rankFinding(a), rankFinding(b)))
    .map(findingLine);
  const fullReport = report.run?.url
    ? `Full report: ${link('the job summary of this run', report.run.url)}`
    : 'Full report: the job summary of this run.';
  const head = [marker, titleLine(report), '', countsLine(report)].join('\n');

  const failing = causes.reduce((n, c) => n + c.checks.length, 0);
  const render = (rows: readonly string[], keptFindings: readonly string[]) => {
    const blocks = [head];
    if (causes.length) {
      const heading = `**${plural(failing, 'route')} to look at${causes.length < failing ? `, ${plural(causes.length, 'cause')}` : ''}:**`;
      const hidden = causes.slice(rows.length);
      const routesHidden = hidden.reduce((n, c) => n + c.checks.length, 0);
      const more = hidden.length ? `…and ${plural(hidden.length, 'more cause')} not shown (${plural(routesHidden, 'route')}).` : '';
      const table = rows.length ? `| Route | Cause | What |\n|---|---|---|\n${rows.join('\n')}` : '';
      blocks.push([heading, table, more].filter(Boolean).join('\n\n'));
    }
    if (keptFindings.length) blocks.push(keptFindings.join('\n'));
    blocks.push(fullReport);
    return `${blocks.join('\n\n')}\n`;
  };

  // Rows are capped by count, then by size: what does not fit is counted, never cut in half.
  let rows = causes.slice(0, COMMENT_ROWS_MAX).map(causeRow);
  let keptFindings = findings;
  let body = render(rows, keptFindings);
  while (byteLength(body) > maxBytes && (rows.length > 0 || keptFindings.length > 0)) {
    if (rows.length > 0) rows = rows.slice(0, -1);
    else keptFindings = keptFindings.slice(0, -1);
    body = render(rows, keptFindings);
  }
  return byteLength(body) <= maxBytes ? body : truncateBytes(body, maxBytes);
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
