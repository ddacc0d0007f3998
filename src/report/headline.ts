// The first two lines of the job summary and of the PR comment: the verdict in one short title,
// then the counts, the commit and a link to the run.
import type { Report } from '../types.ts';
import { codeSpan, escapeMarkdown, link } from './markdown.ts';
import { shortSha } from './run-link.ts';
import { verdictCounts, verdictTitle } from './verdict.ts';

/** `## ❌ 5 of 7 routes failed · prod · a1b2c3d4e5` */
export function titleLine(report: Report): string {
  return `## ${verdictTitle(report, escapeMarkdown)}`;
}

/** `2 passed · 5 failed · 4 answered "Missing Authentication Token" · commit `a1b2c3d` · [workflow run](…)` */
export function countsLine(report: Report): string {
  const [passed = '', failed = '', ...rest] = verdictCounts(report).map(escapeMarkdown);
  const run = report.run;
  return [
    `**${passed}**`,
    `**${failed}**`,
    ...rest,
    ...(run?.sha ? [`commit ${codeSpan(shortSha(run.sha))}`] : []),
    ...(run?.url ? [link('workflow run', run.url)] : []),
  ].join(' · ');
}
