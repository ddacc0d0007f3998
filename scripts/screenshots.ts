// `npm run screenshots`: the README's pictures of the job summary and of the annotated manifest.
// Runs the demo scenario against the freshly built action, writes the normalised HTML pages to
// docs/screenshots/, renders each to PNG with headless Chromium, and records the sha256 of the
// HTML each PNG came from. __tests__/screenshots.test.ts fails when any of it is out of date.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assertCanRender, renderPngs } from './screenshots/render.ts';
import { RENDERED_FROM, SCREENSHOTS_DIR, SHOTS, screenshotSources, sha256, type Png } from './screenshots/sources.ts';

await assertCanRender();
const sources = await screenshotSources();
const pngs = Object.entries(SHOTS) as [Png, keyof typeof sources][];
for (const [, html] of pngs) await writeFile(path.join(SCREENSHOTS_DIR, html), sources[html]);
await renderPngs(pngs.map(([png, html]) => ({ html: sources[html], png: path.join(SCREENSHOTS_DIR, png) })));
const renderedFrom = Object.fromEntries(pngs.map(([png, html]) => [png, sha256(sources[html])]));
await writeFile(path.join(SCREENSHOTS_DIR, RENDERED_FROM), `${JSON.stringify(renderedFrom, null, 2)}\n`);
for (const [png] of pngs) console.log(`wrote docs/screenshots/${png}`);
