// Bundles src/ with its dependencies into dist/: index.js, the minified ESM entry the runner
// starts with Node 24, cli.js (the package's bin), and the chunks they share or import only
// when needed (the pull-request comment). `node scripts/build.ts [outdir]`; scripts/check-dist.ts reuses it.
import { build, type Plugin } from 'esbuild';
import { readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// @actions/core imports @actions/http-client, and with it undici (400 KiB), only for its OIDC
// token client, which this action never calls. Core gets a stub that fails loudly if that ever
// changes; the real client (and undici) stays for @actions/github, in the lazily loaded chunk
// of the pull-request comment.
const coreWithoutHttpClient: Plugin = {
  name: 'core-without-http-client',
  setup(b) {
    b.onResolve({ filter: /^@actions\/http-client$/ }, (args) =>
      /[\\/]node_modules[\\/]@actions[\\/]core[\\/]/.test(args.importer) ? { path: 'http-client', namespace: 'stub' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: "export class HttpClient { constructor() { throw new Error('@actions/http-client is not bundled for @actions/core'); } }",
      loader: 'js',
    }));
  },
};

// An ES import of node:http makes Node 24 build the module's ES namespace, which reads its lazy
// fetch/WebSocket getters and so loads Node's internal undici (100–200 ms on a busy runner,
// measured). The SDK imports node:http that way for every http:// endpoint (a local endpoint,
// the instance metadata service), so every import of node:http(s) in the bundle gets the
// module through require() instead, with the same exports bar those lazy getters.
const builtinsThroughRequire: Plugin = {
  name: 'builtins-through-require',
  setup(b) {
    const require = createRequire(import.meta.url);
    b.onResolve({ filter: /^(node:)?https?$/ }, (args) =>
      // ES imports only; require() calls (this module's own included) keep Node's module as is.
      args.kind === 'import-statement' || args.kind === 'dynamic-import'
        ? { path: args.path.replace(/^node:/, ''), namespace: 'builtin-through-require' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'builtin-through-require' }, (args) => {
      const module = require(`node:${args.path}`) as Record<string, unknown>;
      const names = Object.keys(module).filter(
        (name) => /^[A-Za-z_$][\w$]*$/.test(name) && !Object.getOwnPropertyDescriptor(module, name)?.get,
      );
      return {
        contents: [
          `const m = require('node:${args.path}');`,
          'export default m;',
          ...names.map((name) => `export const ${name} = m.${name};`),
        ].join('\n'),
        loader: 'js',
      };
    });
  },
};

/** `bytes`: index.js with the chunks it loads at start; `totalBytes`: every .js file of the bundle. */
export async function bundle(outdir: string): Promise<{ bytes: number; totalBytes: number; inputs: string[] }> {
  const result = await build({
    absWorkingDir: root,
    // the action, and the command line (init, local runs); splitting shares their code in chunks
    entryPoints: ['src/index.ts', 'src/cli.ts'],
    outdir,
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    splitting: true,
    bundle: true,
    platform: 'node',
    // ES builds first: the AWS SDK's keep its credential providers behind import(), so they
    // become chunks loaded only when the chain reaches them (CommonJS would inline them).
    mainFields: ['module', 'main'],
    target: 'node24',
    format: 'esm',
    minify: true,
    legalComments: 'external',
    metafile: true,
    plugins: [coreWithoutHttpClient, builtinsThroughRequire],
    logLevel: 'warning',
    // Bundled CommonJS dependencies call require() for Node built-ins; ESM has no require.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  const outputs = result.metafile.outputs;
  const entry = Object.keys(outputs).find((file) => outputs[file]?.entryPoint === 'src/index.ts');
  // What the runner reads before the action's first line runs: index.js and every chunk it
  // imports statically, transitively (chunks behind import() load only when a run needs them).
  const atStart = new Set<string>();
  const visit = (file: string): void => {
    if (atStart.has(file)) return;
    atStart.add(file);
    for (const i of outputs[file]?.imports ?? []) if (i.kind === 'import-statement' && !i.external) visit(i.path);
  };
  if (entry) visit(entry);
  const sizeOf = (files: Iterable<string>) => [...files].reduce((total, file) => total + (outputs[file]?.bytes ?? 0), 0);
  return {
    bytes: sizeOf(atStart),
    totalBytes: sizeOf(Object.keys(outputs).filter((file) => file.endsWith('.js'))),
    inputs: Object.keys(result.metafile.inputs),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outdir = path.resolve(root, process.argv[2] ?? 'dist');
  // Chunk names carry content hashes: without this, a rebuild leaves the old chunks beside the
  // new ones and check-dist reports them. Only what esbuild writes is removed.
  const old = await readdir(outdir).catch(() => [] as string[]);
  await Promise.all(old.filter((f) => /\.(js|LEGAL\.txt)$/.test(f)).map((f) => rm(path.join(outdir, f))));
  const { bytes, totalBytes } = await bundle(outdir);
  const dir = path.relative(root, outdir) || '.';
  console.log(
    `built ${dir}/: index.js loads ${(bytes / 1024).toFixed(0)} KiB at start; ${(totalBytes / 1024).toFixed(0)} KiB of .js in all`,
  );
}
