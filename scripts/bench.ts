// `npm run bench`: how the bundled action scales, against the in-repo emulator with a fixed
// latency per request (control plane too), next to a floor and peers sending the same requests.
//
//   node scripts/bench.ts [--sizes 10,100,1000,10000] [--runs 3] [--runs-largest 1] [--latency 25] [--no-newman]
//
// For every N: the action's wall time, CPU time and peak RSS (read by a preloaded module from
// process.resourceUsage()), its control-plane calls and the time from start to its first
// request; a minimal keep-alive client (scripts/bench/floor.mjs) as the floor; `xargs -P 16 curl`
// and newman (installed on demand into a temp folder; it sends one request at a time) as peers.
// Start-up: the action on bad input (no SDK, no network) against `node -e 0`. Medians of
// --runs runs (--runs-largest for the largest N). The machine may be shared and noisy: read the
// ratios of one bench run, not absolute times across runs, and the load average it prints.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import type { ResourcesModel } from '../emulator/model.ts';
import { parseOutputFile, TEST_CREDENTIALS } from '../emulator/run-action.ts';
import { SHOP_API_ID, SHOP_API_KEY, shopModel } from '../emulator/scenarios/shop.ts';
import { bundle } from './build.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const USAGE = path.join(here, 'bench', 'usage.mjs');
const FLOOR = path.join(here, 'bench', 'floor.mjs');

/** What scripts/bench/floor.mjs sends. */
interface FloorPlan {
  host: string;
  port: number;
  concurrency: number;
  requests: { method: string; path: string; headers: Record<string, string> }[];
}

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  if (at <= 0) return fallback;
  const value = process.argv[at + 1];
  if (value === undefined) throw new Error(`bench: --${name} needs a value, e.g. --${name} ${fallback}`);
  return value;
}
const SIZES = option('sizes', '10,100,1000,10000').split(',').map(Number);
const RUNS = Number(option('runs', '3'));
const RUNS_LARGEST = Number(option('runs-largest', '1'));
const LATENCY_MS = Number(option('latency', '25'));
const NEWMAN = !process.argv.includes('--no-newman');
const NEWMAN_MAX_N = 1000; // one request at a time: 25 s at N=1,000 already
const CONCURRENCY = 16;
const STAGE = 'prod';

// NaN (shown as "—") when there is nothing to take the median of.
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN;
const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

// ─── The API and its manifest ───────────────────────────────────────────────
// A third each of open, API-key and SigV4 routes; a path parameter on every fourth.
const kindOf = (i: number) => (['iam', 'key', 'open'] as const)[i % 3];
const resourceOf = (i: number) => (i % 4 === 0 ? `/bench/${kindOf(i)}/r${i}/{id}` : `/bench/${kindOf(i)}/r${i}`);
const pathOf = (i: number) => (i % 4 === 0 ? `/bench/${kindOf(i)}/r${i}/${i}` : `/bench/${kindOf(i)}/r${i}`);

function manifestFor(n: number): string {
  const lines = [`version: 1`, `api: { rest-api-id: ${SHOP_API_ID}, stage: ${STAGE}, region: us-east-1 }`, `routes:`];
  for (let i = 0; i < n; i++) {
    if (i % 4 === 0) lines.push(`  - route: GET ${resourceOf(i)}`, `    params: { id: "${i}" }`);
    else lines.push(`  - GET ${resourceOf(i)}`);
  }
  return `${lines.join('\n')}\n`;
}

function resourcesFor(n: number): ResourcesModel {
  const resources: ResourcesModel = {};
  for (let i = 0; i < n; i++) {
    const kind = kindOf(i);
    resources[resourceOf(i)] = { GET: kind === 'iam' ? { authorizationType: 'AWS_IAM' } : kind === 'key' ? { apiKeyRequired: true } : {} };
  }
  return resources;
}

async function emulatorFor(n: number): Promise<Emulator & { firstRequestAt: () => number | undefined }> {
  const model = shopModel({ stageOnNewest: true });
  model.latencyMs = LATENCY_MS;
  const api = model.apis[0];
  const stage = api?.stages[0];
  if (!api || !stage) throw new Error('bench: shopModel() no longer has an API with a stage to load the routes into');
  api.resources = { ...api.resources, ...resourcesFor(n) };
  api.deployments.push({ id: 'dbench', createdDate: '2026-11-22T00:00:00.000Z', resources: api.resources });
  stage.deploymentId = 'dbench';
  const emulator = await startEmulator(model);
  let first: number | undefined;
  const countData = emulator.state.countData.bind(emulator.state);
  emulator.state.countData = (key: string) => {
    first ??= performance.now();
    countData(key);
  };
  return Object.assign(emulator, { firstRequestAt: () => first });
}

const hostOf = (emulator: Emulator) => new URL(emulator.invokeUrl(SHOP_API_ID)).host;
const dataPort = (emulator: Emulator) => Number(new URL(emulator.dataUrl).port);

// ─── Processes ──────────────────────────────────────────────────────────────
interface Usage {
  wallMs: number;
  cpuMs: number;
  maxRssMiB: number;
}

/** Runs a command to its end; with `measure`, a Node process reports its own peak RSS and CPU. */
async function timed(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  opts: { cwd?: string; measure?: boolean } = {},
): Promise<Usage & { code: number; stderr: string }> {
  const usageFile = path.join(os.tmpdir(), `bench-usage-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  const started = performance.now();
  const child = spawn(command, opts.measure ? ['--import', USAGE, ...args] : args, {
    cwd: opts.cwd,
    env: opts.measure ? { ...env, BENCH_USAGE_FILE: usageFile } : env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  const wallMs = performance.now() - started;
  if (!opts.measure) return { wallMs, cpuMs: NaN, maxRssMiB: NaN, code, stderr };
  const usage = JSON.parse(await readFile(usageFile, 'utf8')) as { maxRssKiB: number; cpuMs: number };
  await rm(usageFile, { force: true });
  return { wallMs, cpuMs: usage.cpuMs, maxRssMiB: usage.maxRssKiB / 1024, code, stderr };
}

interface ActionNumbers extends Usage {
  firstRequestMs: number;
  calls: number;
  byOp: Record<string, number>;
  result: string;
  passed: string;
  definitionRead: string;
}

async function runAction(entry: string, n: number): Promise<ActionNumbers> {
  const emulator = await emulatorFor(n);
  const workspace = await mkdtemp(path.join(os.tmpdir(), 'apigw-bench-'));
  try {
    const outputFile = path.join(workspace, '_github_output');
    const summaryFile = path.join(workspace, '_step_summary');
    await Promise.all([writeFile(outputFile, ''), writeFile(summaryFile, '')]);
    await mkdir(path.join(workspace, '.github'));
    await writeFile(path.join(workspace, '.github', 'apigw-routes.yml'), manifestFor(n));
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH ?? '',
      HOME: workspace,
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      RUNNER_TEMP: path.join(workspace, '_temp'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: path.join(workspace, '_no_aws_config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(workspace, '_no_aws_credentials'),
      AWS_ENDPOINT_URL_API_GATEWAY: emulator.controlUrl,
      AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
      AWS_SESSION_TOKEN: TEST_CREDENTIALS.sessionToken,
      'INPUT_BASE-URL': emulator.invokeUrl(SHOP_API_ID, STAGE),
      'INPUT_CONNECT-TO': emulator.connectTo,
      'INPUT_API-KEY': SHOP_API_KEY,
      INPUT_CONCURRENCY: String(CONCURRENCY),
      // The floor sends each route's request once; negative probes (a second, credential-free request per
      // protected route) would make the comparison unequal. Their cost is one request per protected route.
      'INPUT_NEGATIVE-PROBES': 'false',
    };
    const started = performance.now();
    const run = await timed(process.execPath, [entry], env, { cwd: workspace, measure: true });
    const outputs = parseOutputFile(await readFile(outputFile, 'utf8'));
    if (!outputs['report-file']) throw new Error(`the action wrote no report (exit ${run.code}): ${run.stderr}`);
    const report = JSON.parse(await readFile(outputs['report-file'], 'utf8')) as { definitionRead?: string };
    const first = emulator.firstRequestAt();
    return {
      ...run,
      firstRequestMs: first === undefined ? NaN : first - started,
      calls: sum(emulator.state.controlCalls),
      byOp: { ...emulator.state.controlCalls },
      result: outputs.result ?? '(no result output)',
      passed: `${outputs.passed}/${outputs.total}`,
      definitionRead: report.definitionRead ?? '',
    };
  } finally {
    await emulator.close();
    await rm(workspace, { recursive: true, force: true });
  }
}

/** The same requests as the action's, as plain wire requests (SigV4 routes go unsigned). */
function wireRequests(emulator: Emulator, n: number): FloorPlan['requests'] {
  return Array.from({ length: n }, (_, i) => ({
    method: 'GET',
    path: `/${STAGE}${pathOf(i)}`,
    headers: { host: hostOf(emulator), ...(kindOf(i) === 'key' ? { 'x-api-key': SHOP_API_KEY } : {}) },
  }));
}

async function runFloor(n: number): Promise<Usage> {
  const emulator = await emulatorFor(n);
  const planFile = path.join(os.tmpdir(), `bench-floor-${process.pid}.json`);
  try {
    const plan: FloorPlan = { host: '127.0.0.1', port: dataPort(emulator), concurrency: CONCURRENCY, requests: wireRequests(emulator, n) };
    await writeFile(planFile, JSON.stringify(plan));
    const run = await timed(process.execPath, [FLOOR, planFile], { PATH: process.env.PATH ?? '' }, { measure: true });
    if (run.code !== 0 || sum(emulator.state.dataCalls) !== n) throw new Error(`floor client failed: ${run.stderr}`);
    return run;
  } finally {
    await emulator.close();
    await rm(planFile, { force: true });
  }
}

/** `xargs -P 16 curl`: 16 curl processes at a time, 64 URLs each (curl reuses its connection within one process). */
async function runCurl(n: number): Promise<number> {
  const emulator = await emulatorFor(n);
  const listFile = path.join(os.tmpdir(), `bench-curl-${process.pid}.txt`);
  try {
    const host = hostOf(emulator);
    await writeFile(
      listFile,
      wireRequests(emulator, n)
        .map((r) => `http://${host}${r.path}`)
        .join('\n'),
    );
    const script = `xargs -P ${CONCURRENCY} -n 64 curl -s --connect-to ${host}:80:127.0.0.1:${dataPort(emulator)} -H 'x-api-key: ${SHOP_API_KEY}' < '${listFile}' > /dev/null`;
    const run = await timed('sh', ['-c', script], process.env);
    return run.code === 0 && sum(emulator.state.dataCalls) === n ? run.wallMs : NaN;
  } finally {
    await emulator.close();
    await rm(listFile, { force: true });
  }
}

/** newman, when it installs from the registry within 2 minutes; undefined otherwise. */
async function installNewman(): Promise<{ bin: string; dir: string } | undefined> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-newman-'));
  const npm = spawn('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', '--silent', 'newman'], { stdio: 'ignore' });
  const timer = setTimeout(() => npm.kill(), 120_000);
  const code = await new Promise<number | null>((resolve) => npm.on('close', resolve));
  clearTimeout(timer);
  const bin = path.join(dir, 'node_modules', 'newman', 'bin', 'newman.js');
  if (code === 0 && (await stat(bin).catch(() => undefined))) return { bin, dir };
  await rm(dir, { recursive: true, force: true });
  return undefined;
}

async function runNewman(bin: string, n: number): Promise<number> {
  const emulator = await emulatorFor(n);
  const collectionFile = path.join(os.tmpdir(), `bench-newman-${process.pid}.json`);
  try {
    const base = `http://127.0.0.1:${dataPort(emulator)}`;
    const item = wireRequests(emulator, n).map((r, i) => ({
      name: `r${i}`,
      request: { method: r.method, url: `${base}${r.path}`, header: Object.entries(r.headers).map(([key, value]) => ({ key, value })) },
    }));
    await writeFile(
      collectionFile,
      JSON.stringify({ info: { name: 'bench', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item }),
    );
    const run = await timed(process.execPath, [bin, 'run', collectionFile, '--silent'], process.env);
    return sum(emulator.state.dataCalls) === n ? run.wallMs : NaN;
  } finally {
    await emulator.close();
    await rm(collectionFile, { force: true });
  }
}

async function startUp(entry: string, runs = 11): Promise<{ node: number; action: number }> {
  const node: number[] = [];
  const action: number[] = [];
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'bench-start-'));
  try {
    const env = {
      PATH: process.env.PATH ?? '',
      INPUT_ROUTES: 'missing.yml',
      GITHUB_STEP_SUMMARY: path.join(cwd, 'summary'),
      GITHUB_OUTPUT: path.join(cwd, 'out'),
    };
    for (let i = 0; i < runs; i++) {
      node.push((await timed(process.execPath, ['-e', '0'], env, { cwd })).wallMs);
      action.push((await timed(process.execPath, [entry], env, { cwd })).wallMs);
    }
  } finally {
    await rm(cwd, { recursive: true, force: true });
  }
  return { node: median(node), action: median(action) };
}

/** The machine's load: a bench on a busy machine measures the machine as much as the action. */
const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');

// ─── The run ────────────────────────────────────────────────────────────────
const log = (line: string) => process.stderr.write(`${line}\n`);
const dist = await mkdtemp(path.join(os.tmpdir(), 'bench-dist-'));
try {
  // entryBytes: index.js and the chunks it imports statically, all read before the action starts
  const { bytes: entryBytes, totalBytes } = await bundle(dist);
  const entry = path.join(dist, 'index.js');
  log(
    `built ${entry}: ${(entryBytes / 1024).toFixed(0)} KiB loaded at start, ${(totalBytes / 1024).toFixed(0)} KiB of .js in all; emulator latency ${LATENCY_MS} ms per request, concurrency ${CONCURRENCY}`,
  );
  const loadAtStart = loadAverage();

  const start = await startUp(entry);
  log(`start-up: node -e 0 ${start.node.toFixed(0)} ms, action on bad input ${start.action.toFixed(0)} ms`);
  const newman = NEWMAN ? await installNewman() : undefined;
  log(NEWMAN ? (newman ? 'newman installed' : 'newman did not install within 2 minutes: skipped') : 'newman: skipped (--no-newman)');

  interface Row {
    n: number;
    runs: number;
    action: ActionNumbers;
    floor: Usage;
    curlMs: number;
    newmanMs?: number | undefined;
  }
  const rows: Row[] = [];
  for (const n of SIZES) {
    const runs = n === Math.max(...SIZES) ? RUNS_LARGEST : RUNS;
    const actions: ActionNumbers[] = [];
    const floors: Usage[] = [];
    for (let i = 0; i < runs; i++) {
      // interleaved, so a busy moment of the machine hits both alike
      const actionRun = await runAction(entry, n);
      const floorRun = await runFloor(n);
      actions.push(actionRun);
      floors.push(floorRun);
      log(
        `N=${n} run ${i + 1}/${runs}: action ${actionRun.wallMs.toFixed(0)} ms (${actionRun.result}, ${actionRun.passed}), floor ${floorRun.wallMs.toFixed(0)} ms`,
      );
    }
    const mid = <T extends object>(xs: T[], key: keyof T) => median(xs.map((x) => x[key] as number));
    const [firstAction] = actions;
    if (!firstAction) throw new Error(`bench: no run at N=${n}; --runs and --runs-largest must be at least 1`);
    const action: ActionNumbers = {
      ...firstAction,
      wallMs: mid(actions, 'wallMs'),
      cpuMs: mid(actions, 'cpuMs'),
      maxRssMiB: mid(actions, 'maxRssMiB'),
      firstRequestMs: mid(actions, 'firstRequestMs'),
    };
    const floor: Usage = { wallMs: mid(floors, 'wallMs'), cpuMs: mid(floors, 'cpuMs'), maxRssMiB: mid(floors, 'maxRssMiB') };
    const curlMs = await runCurl(n);
    const newmanMs = newman && n <= NEWMAN_MAX_N ? await runNewman(newman.bin, n) : undefined;
    rows.push({ n, runs, action, floor, curlMs, newmanMs });
  }
  if (newman) await rm(newman.dir, { recursive: true, force: true });

  const s = (ms: number) => (Number.isNaN(ms) ? '—' : `${(ms / 1000).toFixed(2)} s`);
  const x = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  const header = [
    'N',
    'runs',
    'action wall',
    'floor wall',
    'action/floor',
    'curl -P16',
    'newman (serial)',
    'action CPU',
    'floor CPU',
    'action peak RSS',
    'floor peak RSS',
    'first request',
    'control-plane calls',
  ];
  const lines = rows.map((r) => [
    r.n.toLocaleString('en-US'),
    String(r.runs),
    s(r.action.wallMs),
    s(r.floor.wallMs),
    x(r.action.wallMs, r.floor.wallMs),
    s(r.curlMs),
    r.newmanMs === undefined ? 'skipped' : s(r.newmanMs),
    s(r.action.cpuMs),
    s(r.floor.cpuMs),
    `${r.action.maxRssMiB.toFixed(0)} MiB`,
    `${r.floor.maxRssMiB.toFixed(0)} MiB`,
    `${r.action.firstRequestMs.toFixed(0)} ms`,
    `${r.action.calls} ${JSON.stringify(r.action.byOp).replace(/"/g, '')}`,
  ]);
  console.log(`\n| ${header.join(' | ')} |\n|${header.map((_, i) => (i === 0 ? '---:' : '---')).join('|')}|`);
  for (const l of lines) console.log(`| ${l.join(' | ')} |`);
  console.log(`\nload average (1, 5, 15 min) on ${os.cpus().length} cores: at the start ${loadAtStart}, at the end ${loadAverage()}`);
  console.log(
    `start-up (bad input → exit): action ${start.action.toFixed(0)} ms vs node -e 0 ${start.node.toFixed(0)} ms = ${x(start.action, start.node)}; dist/index.js and its static imports ${(entryBytes / 1024).toFixed(0)} KiB (${(totalBytes / 1024).toFixed(0)} KiB of .js in all)`,
  );
  for (const r of rows) console.log(`N=${r.n}: ${r.action.result} ${r.action.passed}; GetResources ${r.action.definitionRead}`);

  const at = (n: number) => rows.find((r) => r.n === n);
  const checks: [string, boolean | undefined, string][] = [];
  const r1k = at(1000);
  const r10k = at(10000);
  const r10 = at(10);
  if (r1k)
    checks.push(['N=1,000: wall ≤ 1.3× the floor', r1k.action.wallMs <= 1.3 * r1k.floor.wallMs, x(r1k.action.wallMs, r1k.floor.wallMs)]);
  if (r1k?.newmanMs !== undefined)
    checks.push([
      'N=1,000: newman ≥ 10× slower than the action',
      r1k.newmanMs >= 10 * r1k.action.wallMs,
      x(r1k.newmanMs, r1k.action.wallMs),
    ]);
  if (r10k) {
    checks.push(['N=10,000: wall ≤ 2× the floor', r10k.action.wallMs <= 2 * r10k.floor.wallMs, x(r10k.action.wallMs, r10k.floor.wallMs)]);
    checks.push([
      'N=10,000: peak RSS ≤ 200 MB',
      r10k.action.maxRssMiB * 1.048576 <= 200,
      `${(r10k.action.maxRssMiB * 1.048576).toFixed(0)} MB`,
    ]);
    if (r1k)
      checks.push([
        'N=10,000: CPU ≤ 15× CPU at N=1,000',
        r10k.action.cpuMs <= 15 * r1k.action.cpuMs,
        x(r10k.action.cpuMs, r1k.action.cpuMs),
      ]);
    if (r10)
      checks.push([
        'all-green control-plane calls the same at N=10 and N=10,000',
        r10.action.calls === r10k.action.calls,
        `${r10.action.calls} vs ${r10k.action.calls}`,
      ]);
  }
  checks.push(['start-up ≤ 2.5× node -e 0', start.action <= 2.5 * start.node, x(start.action, start.node)]);
  checks.push(['dist/index.js with its static imports ≤ 1.2 MB', entryBytes <= 1.2e6, `${(entryBytes / 1e6).toFixed(2)} MB`]);
  console.log('\ntargets:');
  for (const [name, ok, value] of checks) console.log(`  ${ok ? '✓' : '✗'} ${name}: ${value}`);
} finally {
  await rm(dist, { recursive: true, force: true });
}
