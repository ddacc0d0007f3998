// The README's screenshots (docs/screenshots/) must show what the current code prints: the HTML
// each PNG is rendered from is regenerated from a demo run and compared with the committed one,
// and each PNG's record says it was rendered from that HTML. CI has no browser, so the PNGs
// themselves are not re-rendered here; `npm run screenshots` does all three.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../emulator/run-action.ts';
import { normaliserFor, FIXED, type RunContext } from '../scripts/screenshots/normalise.ts';
import { annotationsPage, PAGE_WIDTH, summaryPage } from '../scripts/screenshots/pages.ts';
import {
  readCommitted,
  SCREENSHOTS_DIR,
  screenshotSources,
  sha256,
  SHOTS,
  stalePngs,
  staleSources,
  type Sources,
} from '../scripts/screenshots/sources.ts';

const failWith = (problems: string[]) => {
  if (problems.length) assert.fail(problems.join('\n'));
};

describe('docs/screenshots', () => {
  it('holds the HTML the demo renders now, the same on every run', async () => {
    const fresh = await screenshotSources();
    const again = await screenshotSources();
    assert.deepEqual(
      staleSources(fresh, again),
      [],
      'two demo runs rendered different sources: normalise what varies in scripts/screenshots/normalise.ts',
    );
    failWith(staleSources((await readCommitted()).sources, fresh));
  });

  it('has each PNG rendered from the committed HTML beside it', async () => {
    const { sources, renderedFrom } = await readCommitted();
    failWith(stalePngs(renderedFrom, sources));
    for (const png of Object.keys(SHOTS)) {
      const bytes = await readFile(path.join(SCREENSHOTS_DIR, png));
      assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', `${png} is not a PNG`);
      assert.equal(bytes.readUInt32BE(16), PAGE_WIDTH, `${png} is not ${PAGE_WIDTH} px wide`);
    }
  });
});

describe('the screenshot checks', () => {
  const sources: Sources = { 'summary.html': '<p>a</p>\n<p>b</p>\n', 'annotations.html': '<p>c</p>\n' };

  it('accept sources equal to the fresh ones, and name a changed or missing one with the fix', () => {
    assert.deepEqual(staleSources(sources, { ...sources }), []);
    const changed = staleSources(sources, { ...sources, 'summary.html': '<p>a</p>\n<p>B</p>\n' });
    assert.equal(changed.length, 1);
    assert.match(changed[0]!, /summary\.html is not what the demo renders now \(line 2: committed "<p>b<\/p>", now "<p>B<\/p>"\)/);
    assert.match(changed[0]!, /run `npm run screenshots`/);
    const missing = staleSources({ 'summary.html': sources['summary.html'] }, sources);
    assert.deepEqual(missing, ['docs/screenshots/annotations.html is missing: run `npm run screenshots`']);
  });

  it('accept PNGs recorded as rendered from the committed HTML, and name one that was not', () => {
    const record = { 'summary.png': sha256(sources['summary.html']), 'annotations.png': sha256(sources['annotations.html']) };
    assert.deepEqual(stalePngs(record, sources), []);
    const edited = { ...sources, 'annotations.html': '<p>c, edited by hand</p>\n' };
    assert.deepEqual(stalePngs(record, edited), [
      'docs/screenshots/annotations.png was not rendered from the committed annotations.html (rendered-from.json differs): run `npm run screenshots`',
    ]);
    assert.equal(stalePngs({ 'summary.png': record['summary.png'] }, sources).length, 1);
  });
});

describe('normaliserFor', () => {
  const started = Date.parse('2026-11-30T18:00:00.000Z');
  const run = (workspace: string): RunContext => ({ workspace, tmpdir: '/tmp/x', startedAt: started, endedAt: started + 2000 });
  const text = (port: number, ms: number, s: string, id: string, workspace: string, at: string) =>
    `--connect-to '::127.0.0.1:${port}' · ${ms} ms · ran in ${s} s · "requestId": "${id}" · ${workspace}/_temp/r.json · ${at}`;

  it('makes two runs that differ only in what varies read the same', () => {
    const a = normaliserFor(run('/tmp/x/apigw-action-AAAAAA'))(
      text(41234, 17, '0.2', '2f84afd9-2c4d-43ab-b8dc-093eee12cb38', '/tmp/x/apigw-action-AAAAAA', '2026-11-30T18:00:01.123Z'),
    );
    const b = normaliserFor(run('/tmp/x/apigw-action-BBBBBB'))(
      text(8, 1203, '12.7', 'BC89FE50-8AC1-4E89-B34D-04B4677C8506', '/tmp/x/apigw-action-BBBBBB', '2026-11-30T18:00:00.002Z'),
    );
    assert.equal(a, b);
    assert.equal(
      a,
      `--connect-to '::127.0.0.1:${FIXED.port}' · ${FIXED.milliseconds} · ran in ${FIXED.seconds} · ` +
        `"requestId": "00000000-0000-4000-8000-000000000001" · ${FIXED.workspace}/_temp/r.json · ${FIXED.timestamp}`,
    );
  });

  it('keeps what the code decides: statuses, configured seconds, dates from the API, distinct ids apart', () => {
    const normalise = normaliserFor(run('/tmp/x/ws'));
    assert.equal(normalise('403 MissingAuthenticationToken · waited 30 s'), '403 MissingAuthenticationToken · waited 30 s');
    assert.equal(normalise('created 2026-11-21T16:30:00.000Z'), 'created 2026-11-21T16:30:00.000Z');
    assert.equal(
      normalise('2f84afd9-2c4d-43ab-b8dc-093eee12cb38 bc89fe50-8ac1-4e89-b34d-04b4677c8506 2f84afd9-2c4d-43ab-b8dc-093eee12cb38'),
      '00000000-0000-4000-8000-000000000001 00000000-0000-4000-8000-000000000002 00000000-0000-4000-8000-000000000001',
    );
  });
});

describe('the pages', () => {
  it('escape what they show from the run, and fetch nothing', () => {
    const hostile = '<img src=https://example.com/x.png onerror=alert(1)>';
    const html = annotationsPage('m.yml', `route: GET /x # ${hostile}\n`, [
      { level: 'error', file: 'm.yml', line: 1, title: hostile, message: `first\n${hostile}` },
      { level: 'notice', message: hostile },
    ]);
    assert.doesNotMatch(html, /<img/);
    assert.match(html, /&lt;img src=https:\/\/example\.com\/x\.png onerror=alert\(1\)&gt;/);
    assert.match(summaryPage('# t'), /Content-Security-Policy" content="default-src 'none'/);
  });

  it('place each annotation under its line, and count those without one', () => {
    const html = annotationsPage('m.yml', 'a: 1\nb: 2\n', [
      { level: 'warning', file: 'm.yml', line: 2, title: 'second-line', message: 'm' },
      { level: 'notice', title: 'run-wide', message: 'm' },
    ]);
    assert.ok(html.indexOf('>2</td>') < html.indexOf('second-line'), 'the annotation comes after line 2');
    assert.match(html, /Check warning<\/strong> on line 2 in m\.yml/);
    assert.match(html, /1 more annotation has no line in this file and shows on the workflow run's page: run-wide/);
  });
});

describe('the screenshot tools', () => {
  it('stay out of the action: nothing in src/ imports playwright-core or marked', async () => {
    const files = (await readdir(path.join(ROOT, 'src'), { recursive: true })).filter((f) => f.endsWith('.ts'));
    assert.ok(files.length > 10, 'src/ was read');
    const importers: string[] = [];
    for (const file of files) {
      const text = await readFile(path.join(ROOT, 'src', file), 'utf8');
      if (/from ['"](playwright-core|marked)['"]|import\(['"](playwright-core|marked)['"]\)/.test(text)) importers.push(`src/${file}`);
    }
    assert.deepEqual(importers, []);
  });
});
