// `npm run bench`: numbers, not assertions. Runs the bundled action against the emulator:
//   - start-up: process start to the end of run() with a manifest that fails validation (no AWS, no requests)
//   - 20 vs 200 routes: control-plane calls (must not grow with routes) and wall time, plus the ratio
// Machines are shared and noisy: compare the ratios of one run, not absolute times across runs.
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { startEmulator } from '../emulator/index.ts';
import type { ResourcesModel } from '../emulator/model.ts';
import { DIST_ENTRY, runAction } from '../emulator/run-action.ts';
import { SHOP_API_ID, SHOP_API_KEY, shopModel } from '../emulator/scenarios/shop.ts';

const ROUTES = Number(process.argv[2] ?? 200);
const REPEAT = 3;

function manifestFor(n: number): string {
  const lines = [`version: 1`, `api: { rest-api-id: ${SHOP_API_ID}, stage: prod, region: us-east-1 }`, `routes:`];
  for (let i = 0; i < n; i++) {
    // a mix of plain, API-key and SigV4 routes, with a path parameter on every fourth
    const kind = i % 3 === 0 ? 'iam' : i % 3 === 1 ? 'key' : 'open';
    if (i % 4 === 0) lines.push(`  - route: GET /bench/${kind}/r${i}/{id}`, `    params: { id: "${i}" }`);
    else lines.push(`  - GET /bench/${kind}/r${i}`);
  }
  return `${lines.join('\n')}\n`;
}

function resourcesFor(n: number): ResourcesModel {
  const resources: ResourcesModel = {};
  for (let i = 0; i < n; i++) {
    const kind = i % 3 === 0 ? 'iam' : i % 3 === 1 ? 'key' : 'open';
    const method = kind === 'iam' ? { authorizationType: 'AWS_IAM' as const } : kind === 'key' ? { apiKeyRequired: true } : {};
    resources[i % 4 === 0 ? `/bench/${kind}/r${i}/{id}` : `/bench/${kind}/r${i}`] = { GET: method };
  }
  return resources;
}

async function runWith(n: number) {
  const model = shopModel({ stageOnNewest: true });
  const api = model.apis[0];
  api.resources = { ...api.resources, ...resourcesFor(n) };
  api.deployments.push({ id: 'dbench', createdDate: '2026-11-22T00:00:00.000Z', resources: api.resources });
  api.stages[0].deploymentId = 'dbench';
  const emulator = await startEmulator(model);
  try {
    const run = await runAction({
      emulator,
      inputs: { 'base-url': emulator.invokeUrl(SHOP_API_ID, 'prod'), 'connect-to': emulator.connectTo, 'api-key': SHOP_API_KEY },
      files: { '.github/apigw-routes.yml': manifestFor(n) },
    });
    const calls = Object.values(emulator.state.controlCalls).reduce((a, b) => a + b, 0);
    const requests = Object.values(emulator.state.dataCalls).reduce((a, b) => a + b, 0);
    return { ms: run.durationMs, calls, byOp: emulator.state.controlCalls, requests, result: run.outputs.result, passed: run.outputs.passed };
  } finally {
    await emulator.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** index.js and the chunks it imports statically: what every run loads. */
async function startupBytes(file: string, seen = new Set<string>()): Promise<number> {
  if (seen.has(file)) return 0;
  seen.add(file);
  const text = await readFile(file, 'utf8');
  let bytes = Buffer.byteLength(text);
  for (const m of text.matchAll(/from"\.\/([^"]+\.js)"/g)) bytes += await startupBytes(path.join(path.dirname(file), m[1]), seen);
  return bytes;
}
const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
const dist = path.dirname(DIST_ENTRY);
const files = (await readdir(dist)).filter((f) => f.endsWith('.js'));
const all = (await Promise.all(files.map((f) => stat(path.join(dist, f))))).reduce((a, s) => a + s.size, 0);
console.log(`dist/index.js: ${kib((await stat(DIST_ENTRY)).size)}; loaded by every run (with its static chunks): ${kib(await startupBytes(DIST_ENTRY))}; all of dist/ (incl. lazy comment chunk): ${kib(all)}`);

const startups: number[] = [];
for (let i = 0; i < REPEAT; i++) {
  const run = await runAction({ inputs: { routes: 'missing.yml' }, credentials: false });
  startups.push(run.durationMs);
}
console.log(`start-up (process start → end of run(), invalid input, no network): median ${median(startups).toFixed(0)} ms of ${REPEAT}`);

const small = await runWith(20);
const large = await runWith(ROUTES);
for (const [label, r] of [['20 routes', small], [`${ROUTES} routes`, large]] as const) {
  console.log(`${label.padEnd(11)} ${r.ms.toFixed(0).padStart(6)} ms  ${String(r.calls).padStart(3)} control-plane calls ${JSON.stringify(r.byOp)}  ${r.requests} requests  result=${r.result} passed=${r.passed}`);
}
console.log(`ratio ${ROUTES}/20 routes: time ×${(large.ms / small.ms).toFixed(2)}, control-plane calls ×${(large.calls / small.calls).toFixed(2)}`);
