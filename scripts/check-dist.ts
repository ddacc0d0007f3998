// Fails when dist/ is not exactly what the sources build: rebuild into a temp dir and compare.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle } from './build.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const fresh = await mkdtemp(path.join(os.tmpdir(), 'apigw-dist-'));
try {
  await bundle(fresh);
  const [want, have] = await Promise.all([readdir(fresh), readdir(dist).catch(() => [] as string[])]);
  const problems: string[] = [];
  for (const name of want) {
    if (!have.includes(name)) problems.push(`dist/${name} is missing`);
    else if (!(await readFile(path.join(fresh, name))).equals(await readFile(path.join(dist, name))))
      problems.push(`dist/${name} differs from a fresh build`);
  }
  for (const name of have) if (!want.includes(name)) problems.push(`dist/${name} is not produced by the build`);
  if (problems.length) {
    console.error(`dist/ is stale:\n  ${problems.join('\n  ')}\nRun \`npm run build\` and commit dist/.`);
    process.exitCode = 1;
  } else {
    console.log(`dist/ matches a fresh build (${want.join(', ')})`);
  }
} finally {
  await rm(fresh, { recursive: true, force: true });
}
