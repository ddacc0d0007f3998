// The job summary (GitHub-flavoured markdown): the verdict, the API, the findings, a table of
// every check and one collapsible section per failure. GitHub drops a step summary over
// 1 MiB whole, so the failure sections give way first, then table rows, with a note.
import { PATH_PLACEHOLDER } from '../deployed/routes.ts';
import type { Check, Finding, Outcome, Report, Severity } from '../types.ts';
import { checksByImportance, compareImportance, rankFinding } from './importance.ts';
import { codeLink, codeSpan, escapeHtml, escapeMarkdown, escapeProse, escapeProseInline, fence, link } from './markdown.ts';
import { verdictOf } from './verdict.ts';
import { byteLength, truncateBytes } from './text.ts';

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

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

function heading(report: Report): string {
  const { result, totals: t } = verdictOf(report);
  const skipped = t.skipped ? `, ${count(t.skipped)} skipped` : '';
  return (
    `## ${result === 'passed' ? '✅' : '❌'} apigw-route-verify ${result}: ` +
    `${count(t.passed)} of ${plural(t.total, 'route')} answered, ` +
    `${count(t.missingAuthenticationToken)} answered "Missing Authentication Token"${skipped}`
  );
}

function idOrUnknown(id: string | null): string {
  return id ? codeSpan(id) : 'unknown (the control plane could not be read)';
}

const ROUTES_FROM_DEPLOYED = `- **Routes:** every method deployed on the stage (\`routes: deployed\`, no manifest), path parameters set to ${codeSpan(PATH_PLACEHOLDER)}, each expected \`reachable\``;

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
    '### API',
    '',
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
  const head = join([heading(report), apiBlock(report), negativeLine(report), findingsBlock(report.findings)]).trimEnd();
  const rows = report.checks.map(tableRow);
  const attention = checksByImportance(report.checks);
  const sections = attention.map(({ check, severity }) => detailsSection(check, severity));
  const detailsHead = `### Failures and warnings (${attention.length})`;

  const render = (keptRows: readonly string[], keptSections: readonly string[], notes: readonly string[]) =>
    join([
      head,
      ...notes,
      keptRows.length ? `${TABLE_HEAD}\n${keptRows.join('\n')}` : '',
      keptSections.length ? `${detailsHead}\n\n${keptSections.join('\n\n')}` : '',
    ]);

  const full = render(rows, sections, []);
  if (byteLength(full) <= maxBytes) return full;

  // Over the limit: keep the most important failure sections that fit, then, if the table
  // alone is too big, drop its least important rows. Sizes are summed, not re-rendered.
  const budget = maxBytes - NOTE_RESERVE_BYTES;
  const rowBytes = rows.map((r) => byteLength(r) + 1);
  let used = byteLength(head) + 2 + byteLength(TABLE_HEAD) + 3 + rowBytes.reduce((a, b) => a + b, 0);

  const keepRow = rows.map(() => true);
  let droppedRows = 0;
  if (used > budget) {
    const dropOrder = report.checks
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
    notes.push(
      `> ⚠️ ${plural(droppedRows, 'check')} of ${count(rows.length)} ` +
        `${droppedRows === 1 ? 'was' : 'were'} left out of the table (passing checks first) ${limit}; the JSON report${where} has every check.`,
    );
  }
  const trimmed = render(
    rows.filter((_, i) => keepRow[i]),
    keptSections,
    notes,
  );
  return byteLength(trimmed) <= maxBytes ? trimmed : hardCut(trimmed, maxBytes);
}
