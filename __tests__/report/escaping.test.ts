// One escaping discipline for the job summary and the PR comment: hostile strings from the
// manifest and from servers, in every field, render as text — no tag, no early end of a code
// block, no closed <details>.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeSpan, escapeMarkdown, fence } from '../../src/report/markdown.ts';
import { commentBody } from '../../src/report/comment.ts';
import { renderSummary } from '../../src/report/summary.ts';
import { diagnosis, failed, finding, report } from './builders.ts';

const HOSTILE = [
  '</details><img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '`` ` ```` code ``` ',
  '```\n</details>\n```',
  '| a | b |\n| --- |',
  '[click](javascript:alert(1)) *bold* _em_ &amp; &lt;',
  '<!-- comment --> <?php ?> <![CDATA[ x ]]>',
  '\r\n## heading\r::warning::x',
];

/** Markdown with fenced blocks and code spans removed, after checking every fence closes. */
function outsideCode(md: string): string {
  const kept: string[] = [];
  let open: number | undefined;
  for (const line of md.split('\n')) {
    // CommonMark: a backtick fence's info string has no backtick (else the line is a code span)
    const ticks = /^(`{3,})[^`]*$/.exec(line)?.[1]?.length;
    if (open === undefined && ticks !== undefined) open = ticks;
    else if (open !== undefined && ticks !== undefined && ticks >= open && /^`+\s*$/.test(line)) open = undefined;
    else if (open === undefined) kept.push(line);
  }
  assert.equal(open, undefined, 'every fenced block is closed');
  // our <details>/<summary> lines are HTML blocks: backticks there are plain text, not spans
  const html = kept.filter((l) => /^<(details|summary)>/.test(l));
  return [...html, withoutCodeSpans(kept.filter((l) => !/^<(details|summary)>/.test(l)).join('\n'))].join('\n');
}

/** CommonMark code spans: a maximal run of n backticks up to the next maximal run of exactly n; `\`` is no opener. */
function withoutCodeSpans(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '\\') {
      out += text.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (text[i] !== '`') {
      out += text[i++];
      continue;
    }
    let end = i;
    while (text[end] === '`') end++;
    const n = end - i;
    let close = -1;
    for (let j = end; j < text.length;) {
      if (text[j] !== '`') {
        j++;
        continue;
      }
      let k = j;
      while (text[k] === '`') k++;
      if (k - j === n) {
        close = k;
        break;
      }
      j = k;
    }
    if (close < 0) out += text.slice(i, end);
    i = close < 0 ? end : close;
  }
  return out;
}

function assertInert(md: string): void {
  const outside = outsideCode(md);
  assert.equal(outside.match(/<\/details>/g)?.length ?? 0, outside.match(/<details>/g)?.length ?? 0, 'every </details> is ours');
  const text = outside.replace(/<\/?(details|summary|code)>|<!-- apigw-route-verify [^>]*-->/g, '');
  assert.doesNotMatch(text, /<[A-Za-z/!?]/, 'no tag, comment or declaration outside code');
}

test('escapeMarkdown: no raw <, >, &, |, [, ], *, _, ` or line break survives', () => {
  for (const s of HOSTILE) {
    const out = escapeMarkdown(s);
    assert.doesNotMatch(out, /[<>\r\n]/);
    assert.doesNotMatch(out, /(?<!\\)[|[\]*_`]/, out);
    assert.doesNotMatch(out, /&(?!amp;|lt;|gt;)/, out);
  }
});

test('codeSpan and fence are longer than any backtick run inside', () => {
  for (const s of HOSTILE) {
    const span = codeSpan(s);
    const ticks = /^`+/.exec(span)![0].length;
    assert.ok(!new RegExp(`(?<!\`)\`{${ticks}}(?!\`)`).test(span.slice(ticks, -ticks)), span);
    assert.doesNotMatch(span, /[\r\n]/);
    assertInert(fence(s, 'json'));
  }
});

for (const s of HOSTILE) {
  test(`${JSON.stringify(s)} in every field of a report renders inert in the summary and the PR comment`, () => {
    const check = failed(`GET /x${s}`, 2, 'resource-not-found', {
      url: `https://x/prod/${s}`,
      errorType: `${s}Exception`,
      auth: s as never,
      diagnosis: diagnosis(`code${s}`, {
        title: `title ${s}`,
        explanation: `explanation ${s} and \`quoted ${s}\``,
        fix: `fix ${s}`,
        evidence: { message: s, nested: { body: s } },
        reproduce: `curl -i ${s}`,
        docs: `https://docs.example/${s}`,
      }),
    });
    const r = report([check], [finding(`finding${s}`, 'warning', { message: `message ${s}` })], {
      api: { restApiId: s, stage: s, region: s, baseUrl: s, stageDeploymentId: s, latestDeploymentId: s },
      controlPlaneCalls: { [s]: 1 },
    });
    assertInert(renderSummary(r, { reportFile: `/tmp/${s}` }));
    assertInert(commentBody(r));
  });
}
