// The job summary (GitHub-flavoured markdown), read at a glance: the verdict in one line and the
// counts, the checks table (failures first), the findings, one collapsible section per cause
// (several routes with one cause and one fix share a section), and last the run's details
// (API, deployments, calls) folded away. GitHub drops a step summary over 1 MiB whole, so the
// failure sections give way first, then table rows, with a note.
import { PATH_PLACEHOLDER } from '../deployed/routes.ts';
import type { Check, Finding, Outcome, Report, Severity } from '../types.ts';
import { groupByCause, type Cause } from './grouping.ts';
import { countsLine, titleLine } from './headline.ts';
import { checksByImportance, compareImportance, rankFinding } from './importance.ts';
import { codeLink, codeSpan, escapeHtml, escapeMarkdown, escapeProse, escapeProseInline, fence, link } from './markdown.ts';
import { byteLength, plural, thousands, truncateBytes } from './text.ts';

/** GitHub's step-summary limit, less a margin for what the runner or the integrator adds. */
export const SUMMARY_MAX_BYTES = 1024 * 1024 - 16 * 1024;

export interface SummaryOptions {
  /** the summary never exceeds this many UTF-8 bytes (use ~65,000 for a pull-request comment) */
  maxBytes?: number;
  /** named in the trimming note, so readers know where everything is */
  reportFile?: string;
}

/** Each piece of evidence, command or text is capped so that one huge check cannot crowd out the rest. */
const MAX_TEXT_BYTES = 8 * 1024;
/** Room kept for the trimming notes. */
const NOTE_RESERVE_BYTES = 1024;

const SEVERITY_ICON: Record<Severity, string> = { error: '❌', warning: '⚠️', notice: 'ℹ️' };
const OUTCOME_ICON: Record<Outcome, string> = { passed: '✅', failed: '❌', warning: '⚠️', skipped: '⏭️' };

const count = thousands;

/** Past this many checks the table lists only those that did not pass. */
export const TABLE_ALL_ROWS_MAX = 50;

function idOrUnknown(id: string | null): string {
  return id ? codeSpan(id) : 'unknown (the control plane could not be read)';
}

const ROUTES_FROM_DEPLOYED = `- **Routes:** every method deployed on the stage (\`routes: deployed\`, no manifest), path parameters set to ${codeSpan(PATH_PLACEHOLDER)}, each expected \`reachable\``;

/** The run's details, after everything to act on, folded: API, stage, deployments, calls, negative probes, shard. */
function runDetails(report: Report): string {
  const lines = [apiBlock(report), negativeLine(report), shardLine(report)].filter(Boolean);
  return ['<details><summary>Run details: API, stage, deployments, control-plane calls</summary>', ...lines, '</details>'].join('\n\n');
}

function shardLine(report: Report): string {
  const s = report.shard;
  return s ? `**Shard:** ${count(s.index)} of ${count(s.count)}, ${plural(s.routes, 'route')} checked by this job.` : '';
}

function apiBlock(report: Report): string {
  const { api } = report;
  let newest = idOrUnknown(api.latestDeploymentId);
  if (api.stageDeploymentId && api.latestDeploymentId) {
    newest +=
      api.stageDeploymentId === api.latestDeploymentId
        ? ' (the stage is on it)'
        : " — ⚠️ **differs from the stage's deployment**: the stage does not serve the newest deployment";
  }
  const calls = Object.entries(report.controlPlaneCalls).sort(([a], [b]) => (a < b ? -1 : 1));
  const callCount = calls.reduce((sum, [, n]) => sum + n, 0);
  const callList = calls.length ? ` (${calls.map(([op, n]) => `${escapeMarkdown(op)} ${n}`).join(', ')})` : '';
  return [
    `- **REST API:** ${api.restApiId ? codeSpan(api.restApiId) : 'not set'}`,
    `- **Stage:** ${api.stage ? codeSpan(api.stage) : 'not set'}`,
    `- **Region:** ${api.region ? codeSpan(api.region) : 'not set'}`,
    `- **Base URL:** ${api.baseUrl ? codeSpan(api.baseUrl) : 'not set'}`,
    ...(report.routesFrom === 'deployed' ? [ROUTES_FROM_DEPLOYED] : []),
    `- **Stage's deployment:** ${idOrUnknown(api.stageDeploymentId)}`,
    `- **Newest deployment:** ${newest}`,
    `- **Control-plane calls:** ${callCount}${callList} · ran in ${(report.durationMs / 1000).toFixed(1)} s`,
    ...(report.definitionRead ? [`- **Definition (GetResources):** ${escapeMarkdown(report.definitionRead)}`] : []),
  ].join('\n');
}

/** "N negative probes, all refused", or what got through; and when they followed the manifest only, that. */
export function negativeLine(report: Pick<Report, 'negativeProbes'>): string {
  const n = report.negativeProbes;
  if (!n) return '';
  const basis = n.basis === 'manifest' ? " They followed the manifest's declared `auth` only: the control plane could not be read." : '';
  if (n.sent === 0)
    return `**Negative probes:** none sent — no route is protected${n.basis === 'manifest' ? ' by an explicit `auth`' : ''}.${basis}`;
  const probes = plural(n.sent, 'negative probe');
  const verdict =
    n.notEnforced > 0
      ? `❌ ${count(n.notEnforced)} got through without credentials (\`auth-not-enforced\`), ${count(n.refused)} refused`
      : n.refused === n.sent
        ? 'all refused'
        : `${count(n.refused)} refused`;
  const inconclusive = n.inconclusive > 0 ? `, ${count(n.inconclusive)} inconclusive (no answer or throttled)` : '';
  return `**Negative probes:** ${probes} (requests without credentials), ${verdict}${inconclusive}.${basis}`;
}

function findingsBlock(findings: readonly Finding[]): string {
  if (findings.length === 0) return '';
  const ordered = [...findings].sort((a, b) => compareImportance(rankFinding(a), rankFinding(b)));
  const items = ordered.map(
    (f) =>
      `- ${SEVERITY_ICON[f.severity]} **${f.severity}** · ${codeLink(f.code, f.docs)} — ` +
      escapeProseInline(truncateBytes(f.message, MAX_TEXT_BYTES)),
  );
  return ['### Findings', '', ...items].join('\n');
}

/** Failures, then warnings, then skips, then passes; manifest order within each. */
const TABLE_ORDER: Record<Outcome, number> = { failed: 0, warning: 1, skipped: 2, passed: 3 };

function tableOrder(checks: readonly Check[]): Check[] {
  return checks
    .map((check, i) => ({ check, i }))
    .sort((a, b) => TABLE_ORDER[a.check.outcome] - TABLE_ORDER[b.check.outcome] || a.i - b.i)
    .map(({ check }) => check);
}

/** `MissingAuthenticationTokenException` → `MissingAuthenticationToken`: the table stays narrow. */
function shortErrorType(errorType: string): string {
  return errorType.replace(/Exception$/, '');
}

function statusText(check: Check): string {
  if (check.status === null) return 'no response';
  return check.errorType ? `${check.status} ${shortErrorType(check.errorType)}` : String(check.status);
}

function resultCell(check: Check): string {
  const icon = OUTCOME_ICON[check.outcome];
  const d = check.diagnosis;
  return d ? `${icon} ${codeLink(d.code, d.docs)}` : `${icon} ${check.outcome}`;
}

const TABLE_HEAD = '### Checks\n\n| Route | Auth | Status | Time | Result |\n|---|---|---|---:|---|';

function tableRow(check: Check): string {
  const cells = [
    escapeMarkdown(check.route),
    escapeMarkdown(check.auth),
    escapeMarkdown(statusText(check)),
    `${Math.round(check.durationMs)} ms`,
    resultCell(check),
  ];
  return `| ${cells.join(' | ')} |`;
}

function capped(text: string): string {
  return byteLength(text) > MAX_TEXT_BYTES ? `${truncateBytes(text, MAX_TEXT_BYTES)}\n(truncated: the JSON report has all of it)` : text;
}

function detailsSection(check: Check, severity: Severity): string {
  const d = check.diagnosis;
  // a route of `routes: deployed` has no file: its line is its place among the deployed methods
  const where = check.source.file ? `${check.source.file}:${check.source.line}` : 'deployed';
  const heading = escapeHtml(`— ${check.route} (${where})`.replace(/\r\n|[\r\n]/g, ' '));
  const summary = `${SEVERITY_ICON[severity]} <code>${escapeHtml(d?.code ?? check.outcome)}</code> ${heading}`;
  const request =
    `${codeSpan(`${check.method} ${check.url}`)} → ${escapeMarkdown(statusText(check))} · ${Math.round(check.durationMs)} ms` +
    (check.attempts > 1 ? ` · ${check.attempts} attempts` : '');
  const parts = ['<details>', `<summary>${summary}</summary>`, ''];
  if (d) {
    parts.push(
      `**${escapeProseInline(d.title)}**`,
      '',
      escapeProse(capped(d.explanation)),
      '',
      `**Fix:** ${escapeProse(capped(d.fix))}`,
      '',
    );
  }
  parts.push(request, '');
  if (d && Object.keys(d.evidence).length > 0) {
    parts.push('**Evidence**', '', fence(capped(JSON.stringify(d.evidence, null, 2)), 'json'), '');
  }
  if (d?.reproduce) parts.push('**Reproduce**', '', fence(capped(d.reproduce), 'bash'), '');
  if (d) parts.push(link(`Docs: ${d.code}`, d.docs), '');
  parts.push('</details>');
  return parts.join('\n');
}

/** How many routes a shared cause lists by name in its section; the JSON report has the rest. */
const GROUP_ROUTES_LISTED = 100;

function routeWhere(check: Check): string {
  return `${codeSpan(check.route)} (${escapeMarkdown(`${check.source.file}:${check.source.line}`)}) → ${escapeMarkdown(statusText(check))}`;
}

/** One section for several routes with one cause: the routes, then the first route's explanation and the shared fix. */
function causeSection(cause: Cause): string {
  const [first, ...others] = cause.checks;
  if (!first) return '';
  if (others.length === 0) return detailsSection(first, cause.severity);
  const d = first.diagnosis;
  const names = cause.checks.slice(0, 3).map((c) => c.route);
  const more = cause.checks.length - names.length;
  const heading = escapeHtml(`— ${plural(cause.checks.length, 'route')}: ${names.join(', ')}${more ? ` and ${count(more)} more` : ''}`);
  const summary = `${SEVERITY_ICON[cause.severity]} <code>${escapeHtml(d?.code ?? first.outcome)}</code> ${heading}`;
  const listed = cause.checks.slice(0, GROUP_ROUTES_LISTED).map((c) => `- ${routeWhere(c)}`);
  const unlisted = cause.checks.length - listed.length;
  if (unlisted > 0) listed.push(`- and ${plural(unlisted, 'more route')} (the JSON report lists every check)`);
  const parts = ['<details>', `<summary>${summary}</summary>`, ''];
  if (d) parts.push(`**${escapeProseInline(d.title)}**`, '');
  parts.push(`One cause, one fix for these ${plural(cause.checks.length, 'route')}:`, '', ...listed, '');
  if (d) {
    parts.push(`For ${codeSpan(first.route)}: ${escapeProse(capped(d.explanation))}`, '', `**Fix:** ${escapeProse(capped(d.fix))}`, '');
    if (Object.keys(d.evidence).length > 0) {
      parts.push(`**Evidence** (${escapeMarkdown(first.route)})`, '', fence(capped(JSON.stringify(d.evidence, null, 2)), 'json'), '');
    }
    if (d.reproduce) parts.push(`**Reproduce** (${escapeMarkdown(first.route)})`, '', fence(capped(d.reproduce), 'bash'), '');
    parts.push(link(`Docs: ${d.code}`, d.docs), '');
  }
  parts.push('</details>');
  return parts.join('\n');
}

/** Drop order for table rows when even the table is too big: passing rows go first. */
const ROW_KEEP_PRIORITY: Record<Outcome, number> = { passed: 0, skipped: 1, warning: 2, failed: 3 };

function formatBytes(bytes: number): string {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), 'MiB'] : bytes >= 1024 ? [bytes / 1024, 'KiB'] : [bytes, 'bytes'];
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
}

function join(blocks: readonly string[]): string {
  return `${blocks.filter(Boolean).join('\n\n')}\n`;
}

/** Cut at a line boundary and say so; only reached when even the header exceeds a tiny limit. */
function hardCut(markdown: string, maxBytes: number): string {
  const note = '\n\n_(cut to fit the summary size limit; the JSON report has everything)_\n';
  const room = maxBytes - byteLength(note);
  if (room <= 0) return truncateBytes(markdown, maxBytes);
  const cut = truncateBytes(markdown, room);
  const lastLine = cut.lastIndexOf('\n');
  return (lastLine > 0 ? cut.slice(0, lastLine) : cut) + note;
}

export function renderSummary(report: Report, opts: SummaryOptions = {}): string {
  const maxBytes = opts.maxBytes ?? SUMMARY_MAX_BYTES;
  const head = `${titleLine(report)}\n\n${countsLine(report)}`;
  const findings = findingsBlock(report.findings);
  const details = runDetails(report);
  // A long table lists only what did not pass: a reader looks for the failures.
  const listAll = report.checks.length <= TABLE_ALL_ROWS_MAX;
  const tableChecks = tableOrder(report.checks).filter((c) => listAll || c.outcome !== 'passed');
  const unlistedPasses = report.checks.length - tableChecks.length;
  const rows = tableChecks.map(tableRow);
  const passNote = unlistedPasses > 0 ? `\n\n${plural(unlistedPasses, 'passing route')} not listed (see the JSON report).` : '';
  const causes = groupByCause(checksByImportance(report.checks), report.api.baseUrl);
  const attention = causes.reduce((sum, c) => sum + c.checks.length, 0);
  const sections = causes.map(causeSection);
  const detailsHead =
    `### Failures and warnings (${count(attention)}` + (causes.length < attention ? `, ${plural(causes.length, 'cause')})` : ')');

  const render = (keptRows: readonly string[], keptSections: readonly string[], notes: readonly string[]) =>
    join([
      head,
      ...notes,
      keptRows.length ? `${TABLE_HEAD}\n${keptRows.join('\n')}${passNote}` : passNote.trim(),
      findings,
      keptSections.length ? `${detailsHead}\n\n${keptSections.join('\n\n')}` : '',
      details,
    ]);

  const full = render(rows, sections, []);
  if (byteLength(full) <= maxBytes) return full;

  // Over the limit: keep the most important failure sections that fit, then, if the table
  // alone is too big, drop its least important rows. Sizes are summed, not re-rendered.
  const budget = maxBytes - NOTE_RESERVE_BYTES;
  const rowBytes = rows.map((r) => byteLength(r) + 1);
  let used =
    byteLength(head) +
    2 +
    byteLength(findings) +
    2 +
    byteLength(details) +
    2 +
    byteLength(passNote) +
    byteLength(TABLE_HEAD) +
    3 +
    rowBytes.reduce((a, b) => a + b, 0);

  const keepRow = rows.map(() => true);
  let droppedRows = 0;
  if (used > budget) {
    const dropOrder = tableChecks
      .map((check, i) => ({ i, priority: ROW_KEEP_PRIORITY[check.outcome] }))
      .sort((a, b) => a.priority - b.priority || b.i - a.i);
    for (const { i } of dropOrder) {
      if (used <= budget) break;
      keepRow[i] = false;
      used -= rowBytes[i] ?? 0;
      droppedRows++;
    }
  }

  const keptSections: string[] = [];
  if (droppedRows === 0) {
    used += byteLength(detailsHead) + 2;
    for (const section of sections) {
      const size = byteLength(section) + 2;
      if (used + size > budget) break;
      keptSections.push(section);
      used += size;
    }
  }

  const where = opts.reportFile ? ` (${codeSpan(truncateBytes(opts.reportFile, 300))})` : '';
  const limit = `to keep this summary under ${formatBytes(maxBytes)} (GitHub drops larger step summaries whole)`;
  const notes: string[] = [];
  const droppedSections = sections.length - keptSections.length;
  if (droppedSections > 0) {
    notes.push(
      `> ⚠️ ${plural(droppedSections, 'failure section')} of ${count(sections.length)} ` +
        `${droppedSections === 1 ? 'was' : 'were'} left out ${limit}; the JSON report${where} has everything.`,
    );
  }
  if (droppedRows > 0) {
    const left = droppedRows + unlistedPasses;
    notes.push(
      `> ⚠️ ${plural(left, 'check')} of ${count(report.checks.length)} ` +
        `${left === 1 ? 'was' : 'were'} left out of the table (passing checks first) ${limit}; the JSON report${where} has every check.`,
    );
  }
  const trimmed = render(
    rows.filter((_, i) => keepRow[i]),
    keptSections,
    notes,
  );
  return byteLength(trimmed) <= maxBytes ? trimmed : hardCut(trimmed, maxBytes);
}
