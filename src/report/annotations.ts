// Annotations on the lines of the routes file. GitHub keeps at most 10 per level per step
// and drops the rest silently, so the most important come first and, when a level
// overflows, its 10th slot says how many more the job summary lists.
import type { AnnotationProperties } from '@actions/core';
import type { Check, Finding, Report, Severity } from '../types.ts';
import { checkSeverity, compareImportance, rankCheck, rankFinding } from './importance.ts';
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

function checkAnnotation(check: Check, level: Severity): Annotation {
  const d = check.diagnosis;
  const code = d?.code ?? check.outcome;
  const message = d
    ? compactMessage(d.title, d.explanation, d.fix, d.docs)
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
 * One annotation per check that failed or warned (or was skipped with a diagnosis) and one per
 * finding, most important first, at most ANNOTATIONS_PER_LEVEL per level (less `reservedErrors`
 * for errors): when a level has more, the last slot says how many more the job summary lists.
 */
export function planAnnotations(report: Report, opts: { manifestFile?: string; reservedErrors?: number } = {}): Annotation[] {
  const ranked: { rank: Ranked; annotation: Annotation }[] = [];
  for (const finding of report.findings) ranked.push({ rank: rankFinding(finding), annotation: findingAnnotation(finding) });
  for (const check of report.checks) {
    const severity = checkSeverity(check);
    if (severity) ranked.push({ rank: rankCheck(check, severity), annotation: checkAnnotation(check, severity) });
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
