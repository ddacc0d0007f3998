// HTML → PNG with Debian's Chromium driven by playwright-core: no browser download, a fresh
// profile in a temp folder removed afterwards, every network request refused.
import { execFileSync } from 'node:child_process';
import { access, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { PAGE_WIDTH } from './pages.ts';

export const CHROMIUM = '/usr/bin/chromium';
const INSTALL_HINT = 'apt-get install -y chromium fonts-noto-color-emoji fonts-liberation2';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Fails early, naming the packages, when the browser or the emoji font is missing (a missing font draws boxes). */
export async function assertCanRender(): Promise<void> {
  await access(CHROMIUM).catch(() => {
    throw new Error(`${CHROMIUM} not found: install it with \`${INSTALL_HINT}\``);
  });
  let emoji = '';
  try {
    emoji = execFileSync('fc-list', [':charset=2705', 'family'], { encoding: 'utf8' });
  } catch {
    // no fontconfig: Chromium will not find the font either
  }
  if (!emoji.trim()) throw new Error(`no font draws emoji (✅ ❌ ⚠️): install one with \`${INSTALL_HINT}\``);
}

/** Renders each page to its PNG: PAGE_WIDTH wide, as tall as its content. */
export async function renderPngs(pages: readonly { html: string; png: string }[]): Promise<void> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'apigw-screenshots-'));
  try {
    // launchPersistentContext passes the profile as --user-data-dir.
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      offline: true,
      // A short viewport: a full-page screenshot is then exactly as tall as the content.
      viewport: { width: PAGE_WIDTH, height: 100 },
      deviceScaleFactor: 1,
      timeout: 60_000,
    });
    try {
      await context.route('**/*', (route) => route.abort());
      const tab = context.pages()[0] ?? (await context.newPage());
      for (const { html, png } of pages) {
        await tab.setContent(html, { waitUntil: 'load', timeout: 30_000 });
        // A string, evaluated in the page: the DOM's types are not in this project's lib.
        await tab.evaluate('document.fonts.ready.then(() => undefined)');
        await tab.screenshot({ path: png, fullPage: true, animations: 'disabled', timeout: 30_000 });
      }
    } finally {
      await context.close();
    }
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}
