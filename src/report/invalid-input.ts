// Bad input, reported before any request: annotations at each problem's place, a job summary
// that lists them, and the step's failure line. Pure; src/main.ts sends them.
//
// A pull request controls the manifest, so everything here is bounded (GitHub shows at most 10
// error annotations per step and drops a step summary over 1 MiB whole) and every problem's
// text, which quotes what the manifest wrote, is escaped, never trusted as Markdown or HTML.
import type { InputProblem } from '../types.ts';
import type { Annotation } from './annotations.ts';
import { ANNOTATION_MAX_BYTES, ANNOTATIONS_PER_LEVEL } from './annotations.ts';
import { codeSpan, escapeMarkdown } from './markdown.ts';
import { byteLength, truncateBytes } from './text.ts';

/** Far under GitHub's 1 MiB: the summary is read, not archived. */
export const SUMMARY_MAX_BYTES = 128 * 1024;
/** One problem in the summary; a 2 MB scalar is cut, not copied. */
const ITEM_MAX_BYTES = 2000;
/** The failure line quotes one problem, shortened. */
const MESSAGE_MAX_BYTES = 600;

const TITLE = 'apigw-route-verify: invalid input';

function problemText(p: InputProblem): string {
  return `${p.message}${p.fix ? ` — ${p.fix}` : ''}`;
}

function where(p: InputProblem): string {
  return p.source ? `${p.source.file}:${p.source.line}:${p.source.column}` : '';
}

function plural(n: number): string {
  return n === 1 ? 'problem' : 'problems';
}

/**
 * One error annotation per problem, in the order given (the manifest's come in reading order).
 * The step's own failure line takes one of GitHub's 10 slots; when there are more problems
 * than fit, the last slot says how many more the job summary lists.
 */
export function planInputAnnotations(problems: readonly InputProblem[]): Annotation[] {
  const limit = ANNOTATIONS_PER_LEVEL - 1;
  const annotate = (p: InputProblem): Annotation => ({
    level: 'error',
    title: TITLE,
    message: truncateBytes(problemText(p), ANNOTATION_MAX_BYTES),
    ...(p.source ? { file: p.source.file, startLine: p.source.line, startColumn: p.source.column } : {}),
  });
  if (problems.length <= limit) return problems.map(annotate);
  const kept = problems.slice(0, limit - 1);
  const more = problems.length - kept.length;
  const file = problems.find((p) => p.source)?.source?.file;
  return [
    ...kept.map(annotate),
    {
      level: 'error',
      title: `${TITLE}: ${more} more ${plural(more)}`,
      message: `${more} more ${plural(more)} — see the job summary. GitHub shows at most ${ANNOTATIONS_PER_LEVEL} error annotations per step.`,
      ...(file ? { file, startLine: 1 } : {}),
    },
  ];
}

/** The job summary: every problem that fits in SUMMARY_MAX_BYTES, escaped, then how many were left out. */
export function renderInvalidInputSummary(problems: readonly InputProblem[]): string {
  const head = `## ❌ ${TITLE}, no request was sent\n\n${problems.length} ${plural(problems.length)} to fix:\n\n`;
  // room for the "… N more" line
  const room = SUMMARY_MAX_BYTES - byteLength(head) - 200;
  const items: string[] = [];
  let used = 0;
  for (const p of problems) {
    const at = where(p);
    const item = `- ${at ? `${codeSpan(truncateBytes(at, 500))} ` : ''}${escapeMarkdown(truncateBytes(problemText(p), ITEM_MAX_BYTES))}\n`;
    if (used + byteLength(item) > room) break;
    items.push(item);
    used += byteLength(item);
  }
  const left = problems.length - items.length;
  const tail = left > 0 ? `\n… ${left} more ${plural(left)} not shown: fix these and run again to see the rest.\n` : '';
  return `${head}${items.join('')}${tail}`;
}

/** The step's failure line: one line, the first problem and how many there are. */
export function invalidInputMessage(problems: readonly InputProblem[]): string {
  const first = problems[0];
  if (!first) return 'invalid input, no request was sent';
  const firstText = truncateBytes(`${where(first) ? `${where(first)}: ` : ''}${problemText(first)}`, MESSAGE_MAX_BYTES).replace(
    /[\r\n]+/g,
    ' ',
  );
  if (problems.length === 1) return `invalid input, no request was sent: ${firstText}`;
  return `invalid input, no request was sent: ${problems.length} problems, the first at ${firstText} (all are listed in the job summary)`;
}
