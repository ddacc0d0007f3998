// Bundles src/ with its dependencies into dist/index.js: one minified ESM file the runner
// starts with Node 24. `node scripts/build.ts [outdir]`; scripts/check-dist.ts reuses it.
import { build, type Plugin } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// @actions/core pulls in undici (400 KiB, a third of the bundle) only for its OIDC client's
// proxy support, which this action never calls. A stub keeps it out and fails loudly if that changes.
const withoutUndici: Plugin = {
  name: 'without-undici',
  setup(b) {
    b.onResolve({ filter: /^undici$/ }, () => ({ path: 'undici', namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: "export class ProxyAgent { constructor() { throw new Error('undici is not bundled in apigw-route-verify'); } }",
      loader: 'js',
    }));
  },
};

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
    plugins: [withoutUndici],
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
