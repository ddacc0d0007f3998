// Two self-contained pages styled like GitHub's light theme: the job summary as the run page shows
// it, and the routes manifest in a pull request's "Files changed" tab with the run's annotations
// inline. No network: inline CSS only, system fonts, and a CSP that forbids every fetch.
import { marked } from 'marked';
import type { WorkflowAnnotation } from '../../emulator/run-action.ts';

/** The workflow job that runs the action, as GitHub names it beside the summary and the annotations. */
export const JOB_NAME = 'verify';
/** Page width in CSS pixels: the PNGs are this wide. */
export const PAGE_WIDTH = 1000;

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const BASE_CSS = `
*, *::before, *::after { box-sizing: border-box; }
html, body { margin: 0; background: #ffffff; }
body {
  width: ${PAGE_WIDTH}px; padding: 16px; color: #1f2328;
  font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif,
    "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji";
}
code, pre, .mono {
  font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace, "Noto Color Emoji";
}
a { color: #0969da; text-decoration: none; }
.box { border: 1px solid #d1d9e0; border-radius: 6px; overflow: hidden; }
`;

const MARKDOWN_CSS = `
.box-header { padding: 16px 24px 0; font-size: 16px; font-weight: 600; }
.markdown-body { padding: 8px 24px 8px; word-wrap: break-word; }
.markdown-body > :first-child { margin-top: 0 !important; }
.markdown-body h1, .markdown-body h2, .markdown-body h3 { margin: 24px 0 16px; font-weight: 600; line-height: 1.25; }
.markdown-body h2 { font-size: 1.5em; padding-bottom: .3em; border-bottom: 1px solid #d1d9e0b3; }
.markdown-body h3 { font-size: 1.25em; }
.markdown-body p, .markdown-body ul, .markdown-body ol, .markdown-body table, .markdown-body pre, .markdown-body details
  { margin: 0 0 16px; }
.markdown-body ul, .markdown-body ol { padding-left: 2em; }
.markdown-body li + li { margin-top: .25em; }
.markdown-body strong { font-weight: 600; }
.markdown-body code { padding: .2em .4em; font-size: 85%; background: #818b981f; border-radius: 6px; white-space: break-spaces; }
.markdown-body pre { padding: 16px; font-size: 85%; line-height: 1.45; background: #f6f8fa; border-radius: 6px; white-space: pre-wrap; }
.markdown-body pre code { padding: 0; font-size: 100%; background: transparent; border-radius: 0; }
.markdown-body table { border-spacing: 0; border-collapse: collapse; max-width: 100%; }
.markdown-body th, .markdown-body td { padding: 6px 13px; border: 1px solid #d1d9e0; }
.markdown-body th { font-weight: 600; }
.markdown-body tr:nth-child(2n) { background: #f6f8fa; }
.markdown-body summary { cursor: pointer; }
.markdown-body details > :not(summary):first-of-type { margin-top: 16px; }
`;

const DIFF_CSS = `
.tabs { display: flex; gap: 8px; border-bottom: 1px solid #d1d9e0; margin-bottom: 16px; }
.tab { padding: 8px 16px; color: #59636e; border: 1px solid transparent; border-bottom: 0; border-radius: 6px 6px 0 0; margin-bottom: -1px; }
.tab.selected { color: #1f2328; font-weight: 600; background: #ffffff; border-color: #d1d9e0; }
.counter { display: inline-block; min-width: 20px; padding: 0 6px; margin-left: 4px; font-size: 12px; font-weight: 500;
  line-height: 18px; text-align: center; background: #818b981f; border-radius: 2em; }
.file-header { display: flex; align-items: center; gap: 8px; padding: 8px 16px; background: #f6f8fa; border-bottom: 1px solid #d1d9e0;
  font-size: 12px; }
.file-header .added { color: #1a7f37; font-weight: 600; }
.file-header .blocks { display: inline-flex; gap: 1px; }
.file-header .blocks i { display: inline-block; width: 8px; height: 8px; background: #1f883d; }
.file-header .path { font-weight: 600; color: #1f2328; }
table.diff { width: 100%; border-spacing: 0; border-collapse: collapse; font-size: 12px; line-height: 20px; }
.diff td { padding: 0; vertical-align: top; }
.diff .num { width: 1%; min-width: 50px; padding: 0 10px; text-align: right; color: #59636e; background: #d1f8d9; white-space: nowrap; }
.diff .code { padding: 0 10px 0 22px; position: relative; background: #dafbe1; white-space: pre-wrap; word-wrap: anywhere; }
.diff .code::before { content: "+"; position: absolute; left: 8px; }
.diff .key { color: #116329; }
.diff .str { color: #0a3069; }
.diff .comment { color: #59636e; }
.annotation { margin: 0; padding: 8px 16px 12px; background: #ffffff; border-top: 1px solid #d1d9e0; border-bottom: 1px solid #d1d9e0;
  font-size: 14px; }
.annotation-head { display: flex; align-items: center; gap: 8px; color: #59636e; }
.annotation-head strong { color: #1f2328; font-weight: 600; }
.annotation-head svg { flex: none; }
.annotation-body { margin: 4px 0 0 24px; }
.annotation-source { font-size: 12px; color: #59636e; }
.annotation-title { font-weight: 600; margin-top: 2px; }
.annotation-message { margin: 4px 0 0; font-size: 12px; line-height: 1.5; white-space: pre-wrap; word-wrap: anywhere; }
.elsewhere { margin: 12px 0 0; color: #59636e; font-size: 12px; }
`;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function page(title: string, css: string, body: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${BASE_CSS}${css}</style>`,
    '</head>',
    '<body>',
    body.trimEnd(),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * The job summary as the run page shows it under "<job> summary". The Markdown is the action's own
 * (every interpolated value already escaped), so its HTML (<details>) is kept. The first <details>
 * is opened, as a reader would click it, so the picture shows one diagnosis in full.
 */
export function summaryPage(markdown: string): string {
  const html = (marked.parse(markdown, { async: false, gfm: true }) as string).replace('<details>', '<details open>');
  return page(
    `${JOB_NAME} summary`,
    MARKDOWN_CSS,
    `<div class="box">\n<div class="box-header">${escapeHtml(JOB_NAME)} summary</div>\n<div class="markdown-body">\n${html}</div>\n</div>`,
  );
}

const LEVEL_WORDS: Record<WorkflowAnnotation['level'], string> = { error: 'failure', warning: 'warning', notice: 'notice' };

/** Small filled circles like GitHub's octicons: an X for failures, "!" for warnings, "i" for notices. */
const LEVEL_ICONS: Record<WorkflowAnnotation['level'], string> = {
  error:
    '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true"><circle cx="8" cy="8" r="7.5" fill="#d1242f"/>' +
    '<path d="M5.5 5.5l5 5M10.5 5.5l-5 5" stroke="#fff" stroke-width="1.6" stroke-linecap="round"/></svg>',
  warning:
    '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true"><path d="M8 1l7.5 13.5h-15z" fill="#9a6700"/>' +
    '<path d="M8 6v4" stroke="#fff" stroke-width="1.6" stroke-linecap="round"/><circle cx="8" cy="12.3" r=".9" fill="#fff"/></svg>',
  notice:
    '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true"><circle cx="8" cy="8" r="7.5" fill="#0969da"/>' +
    '<path d="M8 7.2v4.3" stroke="#fff" stroke-width="1.6" stroke-linecap="round"/><circle cx="8" cy="4.8" r=".9" fill="#fff"/></svg>',
};

/** YAML lines lightly coloured like GitHub's highlighter: keys, quoted strings, comments. */
function highlightYamlLine(line: string): string {
  const comment = /(^|\s)#.*$/.exec(line);
  const code = comment ? line.slice(0, comment.index + comment[1]!.length) : line;
  const rest = comment ? line.slice(code.length) : '';
  const keyed = /^(\s*(?:-\s+)?)([A-Za-z0-9_-]+)(:)(.*)$/.exec(code);
  const strings = (text: string) =>
    text
      .split(/("(?:[^"\\]|\\.)*")/)
      .map((part, i) => (i % 2 ? `<span class="str">${escapeHtml(part)}</span>` : escapeHtml(part)))
      .join('');
  const coloured = keyed
    ? `${escapeHtml(keyed[1]!)}<span class="key">${escapeHtml(keyed[2]!)}</span>${escapeHtml(keyed[3]!)}${strings(keyed[4]!)}`
    : strings(code);
  return rest ? `${coloured}<span class="comment">${escapeHtml(rest)}</span>` : coloured;
}

function annotationHtml(a: WorkflowAnnotation & { file: string }): string {
  const [first = '', ...more] = a.message.split('\n');
  // Without a title the runner shows the message's first line in bold.
  const title = a.title ?? first;
  const message = a.title ? a.message : more.join('\n');
  return [
    `<div class="annotation ${a.level}">`,
    `<div class="annotation-head">${LEVEL_ICONS[a.level]}<span><strong>Check ${LEVEL_WORDS[a.level]}</strong> on line ${a.line ?? 1} in ${escapeHtml(a.file)}</span></div>`,
    '<div class="annotation-body">',
    `<div class="annotation-source"><strong>GitHub Actions</strong> / ${escapeHtml(JOB_NAME)}</div>`,
    `<div class="annotation-title">${escapeHtml(title)}</div>`,
    message ? `<div class="annotation-message mono">${escapeHtml(message)}</div>` : '',
    '</div>',
    '</div>',
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * The manifest as a pull request that adds it shows it in "Files changed", each annotation on the
 * file placed under its line. Annotations without a file or line appear on the run's page instead:
 * they are counted below the file, not drawn.
 */
export function annotationsPage(file: string, text: string, annotations: readonly WorkflowAnnotation[]): string {
  const lines = text.replace(/\n$/, '').split('\n');
  const onFile = annotations.filter((a): a is WorkflowAnnotation & { file: string } => a.file === file);
  const elsewhere = annotations.filter((a) => a.file !== file);
  const rows: string[] = [];
  lines.forEach((line, i) => {
    const n = i + 1;
    rows.push(`<tr><td class="num"></td><td class="num">${n}</td><td class="code mono">${highlightYamlLine(line) || ' '}</td></tr>`);
    for (const a of onFile.filter((a) => Math.min(Math.max(a.line ?? 1, 1), lines.length) === n)) {
      rows.push(`<tr><td colspan="3">\n${annotationHtml(a)}\n</td></tr>`);
    }
  });
  const blocks = '<i></i>'.repeat(5);
  const body = [
    '<div class="tabs">',
    '<span class="tab">Conversation</span><span class="tab">Commits</span>',
    `<span class="tab">Checks <span class="counter">1</span></span>`,
    `<span class="tab selected">Files changed <span class="counter">1</span></span>`,
    '</div>',
    '<div class="box">',
    `<div class="file-header"><span class="added mono">+${lines.length}</span><span class="blocks">${blocks}</span><span class="path mono">${escapeHtml(file)}</span></div>`,
    '<table class="diff">',
    ...rows,
    '</table>',
    '</div>',
    elsewhere.length
      ? `<p class="elsewhere">${elsewhere.length} more ${elsewhere.length === 1 ? 'annotation has' : 'annotations have'} no line in this file and ${elsewhere.length === 1 ? 'shows' : 'show'} on the workflow run's page: ${elsewhere.map((a) => escapeHtml(a.title ?? a.message.split('\n')[0] ?? '')).join(' · ')}</p>`
      : '',
  ]
    .filter(Boolean)
    .join('\n');
  return page(`${file} · Files changed`, DIFF_CSS, body);
}
