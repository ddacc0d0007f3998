// Annotations on the lines of the routes file. GitHub keeps at most 10 per level per step
// and drops the rest silently, so the most important come first and, when a level
// overflows, its 10th slot says how many more the job summary lists. Routes with one cause and
// one fix (src/report/grouping.ts) share one annotation, on the first route's line.
import type { AnnotationProperties } from '@actions/core';
import type { Check, Finding, Report, Severity } from '../types.ts';
import { groupByCause, type Cause } from './grouping.ts';
import { checksByImportance, compareImportance, rankCheck, rankFinding } from './importance.ts';
import type { Ranked } from './importance.ts';
import { byteLength, truncateBytes } from './text.ts';

export interface Annotation {
  level: Severity;
  title: string;
  message: string;
  file?: string;
  startLine?: number;
  startColumn?: number;
}

/** GitHub's per-step limit for each of error, warning and notice. */
export const ANNOTATIONS_PER_LEVEL = 10;
/** Annotations are read in a pop-over: a few lines, not the whole evidence. */
export const ANNOTATION_MAX_BYTES = 4000;

const LEVELS: readonly Severity[] = ['error', 'warning', 'notice'];

function location(
  source: { file: string; line: number; column?: number } | undefined,
): Pick<Annotation, 'file' | 'startLine' | 'startColumn'> {
  // a route of `routes: deployed` has no file: no place to annotate
  if (!source?.file) return {};
  return { file: source.file, startLine: source.line, ...(source.column ? { startColumn: source.column } : {}) };
}

/** Title line, explanation, `Fix: …`, `Docs: …`; the explanation, then the fix, is shortened to fit. */
function compactMessage(head: string, explanation: string, fix: string, docs: string): string {
  const fixLine = fix ? `Fix: ${fix}` : '';
  const docsLine = docs ? `Docs: ${docs}` : '';
  const join = (body: string, fixText: string) => [head, body, fixText, docsLine].filter(Boolean).join('\n');
  if (byteLength(join(explanation, fixLine)) <= ANNOTATION_MAX_BYTES) return join(explanation, fixLine);
  // The explanation gives way first, but keeps its opening even when the fix is huge too.
  const bodyRoom = Math.max(ANNOTATION_MAX_BYTES - byteLength(join('', fixLine)) - 1, Math.min(byteLength(explanation), 1000));
  const body = truncateBytes(explanation, bodyRoom);
  const fixRoom = ANNOTATION_MAX_BYTES - byteLength(join(body, '')) - 1;
  return truncateBytes(join(body, truncateBytes(fixLine, Math.max(fixRoom, 0))), ANNOTATION_MAX_BYTES);
}

/** A shared cause's annotation names this many of its other routes; the job summary lists them all. */
export const ANNOTATION_ROUTES_LISTED = 10;
/** One route name in that list: a manifest route can be long. */
const ROUTE_NAME_MAX_BYTES = 120;

/** "Same cause and fix on 2 more routes: GET /a (line 8), GET /b (line 9)", capped. */
function othersLine(others: readonly Check[]): string {
  const named = others
    .slice(0, ANNOTATION_ROUTES_LISTED)
    .map((c) => `${truncateBytes(c.route, ROUTE_NAME_MAX_BYTES)} (line ${c.source.line})`)
    .join(', ');
  const rest = others.length - Math.min(others.length, ANNOTATION_ROUTES_LISTED);
  const routes = others.length === 1 ? 'route' : 'routes';
  return `Same cause and fix on ${others.length} more ${routes}: ${named}${rest ? `, and ${rest} more (see the job summary)` : ''}.`;
}

function causeAnnotation(cause: Cause): Annotation | null {
  const [check, ...others] = cause.checks;
  if (!check) return null;
  const one = checkAnnotation(check, cause.severity, others);
  if (others.length === 0) return one;
  const more = `${others.length} more ${others.length === 1 ? 'route' : 'routes'}`;
  return { ...one, title: `${one.title} and ${more}` };
}

function checkAnnotation(check: Check, level: Severity, others: readonly Check[] = []): Annotation {
  const d = check.diagnosis;
  const code = d?.code ?? check.outcome;
  const message = d
    ? compactMessage(others.length ? `${d.title}\n${othersLine(others)}` : d.title, d.explanation, d.fix, d.docs)
    : compactMessage(
        `${check.route} ${check.outcome}`,
        `Status ${check.status ?? 'none'}${check.errorType ? ` (${check.errorType})` : ''}.`,
        '',
        '',
      );
  return { level, title: `${code}: ${check.route}`, message, ...location(check.source) };
}

function findingAnnotation(finding: Finding): Annotation {
  return {
    level: finding.severity,
    title: finding.code,
    message: compactMessage('', finding.message, '', finding.docs),
    ...location(finding.source),
  };
}

/** The routes file, for the "N more" annotation: where the checks were declared. */
function manifestFileOf(report: Report): string | undefined {
  return report.checks.find((c) => c.source?.file)?.source.file ?? report.findings.find((f) => f.source)?.source?.file;
}

function plural(level: Severity, n: number): string {
  return n === 1 ? level : `${level}s`;
}

/**
 * One annotation per cause of the checks that failed or warned (or were skipped with a
 * diagnosis) — a check, or routes sharing one cause and fix — and one per finding, most important first, at most ANNOTATIONS_PER_LEVEL per level (less `reservedErrors`
 * for errors): when a level has more, the last slot says how many more the job summary lists.
 */
export function planAnnotations(report: Report, opts: { manifestFile?: string; reservedErrors?: number } = {}): Annotation[] {
  const ranked: { rank: Ranked; annotation: Annotation }[] = [];
  for (const finding of report.findings) ranked.push({ rank: rankFinding(finding), annotation: findingAnnotation(finding) });
  for (const cause of groupByCause(checksByImportance(report.checks), report.api.baseUrl)) {
    const [first] = cause.checks;
    const annotation = causeAnnotation(cause);
    if (first && annotation) ranked.push({ rank: rankCheck(first, cause.severity), annotation });
  }
  ranked.sort((a, b) => compareImportance(a.rank, b.rank));

  const manifestFile = opts.manifestFile ?? manifestFileOf(report);
  const planned: Annotation[] = [];
  for (const level of LEVELS) {
    // A failing step's own error line (core.setFailed) takes one of the error slots.
    const limit = ANNOTATIONS_PER_LEVEL - (level === 'error' ? (opts.reservedErrors ?? 0) : 0);
    const ofLevel = ranked.filter((r) => r.rank.severity === level).map((r) => r.annotation);
    if (ofLevel.length <= limit) {
      planned.push(...ofLevel);
      continue;
    }
    const kept = ofLevel.slice(0, limit - 1);
    const more = ofLevel.length - kept.length;
    planned.push(...kept, {
      level,
      title: `apigw-route-verify: ${more} more ${plural(level, more)}`,
      message: `${more} more ${plural(level, more)} are listed in the job summary (and in the JSON report). GitHub shows at most ${ANNOTATIONS_PER_LEVEL} ${level} annotations per step.`,
      ...(manifestFile ? { file: manifestFile, startLine: 1 } : {}),
    });
  }
  return planned;
}

/** The shape of core.error / core.warning / core.notice. */
export type AnnotationSink = Record<Severity, (message: string, properties: AnnotationProperties) => void>;

export function emitAnnotations(list: readonly Annotation[], sink: AnnotationSink): void {
  for (const { level, message, title, file, startLine, startColumn } of list) {
    const properties: AnnotationProperties = { title };
    if (file) properties.file = file;
    if (startLine) properties.startLine = startLine;
    if (startColumn) properties.startColumn = startColumn;
    sink[level](message, properties);
  }
}
