// Bundles src/ with its dependencies into dist/index.js: one minified ESM file the runner
// starts with Node 24. `node scripts/build.ts [outdir]`; scripts/check-dist.ts reuses it.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function bundle(outdir: string): Promise<{ bytes: number; inputs: string[] }> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/index.ts'],
    outfile: path.join(outdir, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    minify: true,
    legalComments: 'external',
    metafile: true,
    logLevel: 'warning',
    // Bundled CommonJS dependencies call require() for Node built-ins; ESM has no require.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint);
  return { bytes: output?.bytes ?? 0, inputs: Object.keys(result.metafile.inputs) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outdir = path.resolve(root, process.argv[2] ?? 'dist');
  const { bytes } = await bundle(outdir);
  console.log(`built ${path.relative(root, outdir) || '.'}/index.js: ${(bytes / 1024).toFixed(0)} KiB`);
}
