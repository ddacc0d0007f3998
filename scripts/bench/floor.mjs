// The floor `npm run bench` compares the action with: the same requests, sent by the least a
// Node client can do — one keep-alive agent, `concurrency` requests in flight, nothing kept.
// `node scripts/bench/floor.mjs plan.json`, plan: { host, port, concurrency, requests: [{ method, path, headers }] }.
// Plain JS loading node:http through require: type stripping and an ES import of node:http
// would each add start-up time the floor should not have.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const http = createRequire(import.meta.url)('node:http');
const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const agent = new http.Agent({ keepAlive: true, maxSockets: plan.concurrency });
let next = 0;
let failed = 0;

function send(request) {
  return new Promise((resolve) => {
    const req = http.request(
      { host: plan.host, port: plan.port, agent, method: request.method, path: request.path, headers: request.headers },
      (res) => {
        res.resume();
        res.on('end', resolve);
      },
    );
    req.on('error', () => {
      failed += 1;
      resolve();
    });
    req.end();
  });
}

async function worker() {
  while (next < plan.requests.length) await send(plan.requests[next++]);
}

await Promise.all(Array.from({ length: plan.concurrency }, worker));
agent.destroy();
if (failed) console.error(`${failed} requests failed`);
