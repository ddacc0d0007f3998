// The screenshots' sources: the HTML pages each PNG is rendered from, made from a fresh demo run
// and normalised; and the checks that the committed sources and PNGs are those of the current code.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { annotationsOf, ROOT } from '../../emulator/run-action.ts';
import { DEMO_MANIFEST } from '../../emulator/scenarios/shop.ts';
import { DEMO_MANIFEST_FILE, runShopDemo, startShopEmulator } from '../demo-run.ts';
import { normaliserFor } from './normalise.ts';
import { annotationsPage, summaryPage } from './pages.ts';

export const SCREENSHOTS_DIR = path.join(ROOT, 'docs', 'screenshots');
/** Each PNG and the HTML page it is rendered from. */
export const SHOTS = { 'summary.png': 'summary.html', 'annotations.png': 'annotations.html' } as const;
export type Png = keyof typeof SHOTS;
export type Sources = Record<(typeof SHOTS)[Png], string>;
/** sha256 of the HTML each PNG was rendered from, by PNG name. */
export const RENDERED_FROM = 'rendered-from.json';
export type RenderedFrom = Partial<Record<string, string>>;

const REGENERATE = 'run `npm run screenshots`';

/** Runs the demo scenario against the bundled action and builds both pages from what it printed. */
export async function screenshotSources(): Promise<Sources> {
  const emulator = await startShopEmulator();
  try {
    const startedAt = Date.now();
    const run = await runShopDemo(emulator);
    const normalise = normaliserFor({ workspace: run.workspace, tmpdir: os.tmpdir(), startedAt, endedAt: Date.now() });
    if (!run.summary.trim()) throw new Error(`the demo run wrote no job summary (exit ${run.exitCode}):\n${run.stderr}`);
    const annotations = annotationsOf(run.stdout).map((a) => ({
      ...a,
      message: normalise(a.message),
      ...(a.title === undefined ? {} : { title: normalise(a.title) }),
    }));
    return {
      'summary.html': summaryPage(normalise(run.summary)),
      'annotations.html': annotationsPage(DEMO_MANIFEST_FILE, DEMO_MANIFEST, annotations),
    };
  } finally {
    await emulator.close();
  }
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Where `actual` first differs from `expected`, one line each, for a message a person can act on. */
function firstDifference(expected: string, actual: string): string {
  const e = expected.split('\n');
  const a = actual.split('\n');
  const at = e.findIndex((line, i) => line !== a[i]);
  const line = at === -1 ? e.length : at;
  const show = (text: string | undefined) => (text === undefined ? '(end of file)' : JSON.stringify(text.slice(0, 200)));
  return `line ${line + 1}: committed ${show(e[line])}, now ${show(a[line])}`;
}

/** One message per committed source that is not what the current code renders; empty when all match. */
export function staleSources(committed: Partial<Sources>, fresh: Sources): string[] {
  return Object.entries(fresh).flatMap(([name, html]) => {
    const old = committed[name as keyof Sources];
    if (old === undefined) return [`docs/screenshots/${name} is missing: ${REGENERATE}`];
    if (old === html) return [];
    return [`docs/screenshots/${name} is not what the demo renders now (${firstDifference(old, html)}): ${REGENERATE}`];
  });
}

/** One message per PNG that was not rendered from the committed source beside it; empty when all match. */
export function stalePngs(renderedFrom: RenderedFrom, committed: Partial<Sources>): string[] {
  return Object.entries(SHOTS).flatMap(([png, html]) => {
    const source = committed[html];
    if (source === undefined) return [`docs/screenshots/${html} is missing: ${REGENERATE}`];
    if (renderedFrom[png] === sha256(source)) return [];
    return [`docs/screenshots/${png} was not rendered from the committed ${html} (${RENDERED_FROM} differs): ${REGENERATE}`];
  });
}

/** The committed sources and rendered-from record; missing files are left out, for the checks to name. */
export async function readCommitted(dir = SCREENSHOTS_DIR): Promise<{ sources: Partial<Sources>; renderedFrom: RenderedFrom }> {
  const read = (name: string) => readFile(path.join(dir, name), 'utf8').catch(() => undefined);
  const sources: Partial<Sources> = {};
  for (const html of Object.values(SHOTS)) {
    const text = await read(html);
    if (text !== undefined) sources[html] = text;
  }
  const record = await read(RENDERED_FROM);
  return { sources, renderedFrom: record === undefined ? {} : (JSON.parse(record) as RenderedFrom) };
}
