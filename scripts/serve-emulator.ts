// Starts the emulator with a scenario and keeps it running, for the self-test workflow:
//   node scripts/serve-emulator.ts healthy|demo [--write-env FILE]
// Writes KEY=value lines (addresses, manifest path, test credentials) to FILE or stdout.
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startEmulator } from '../emulator/index.ts';
import { TEST_CREDENTIALS } from '../emulator/run-action.ts';
import { DEMO_MANIFEST, HEALTHY_MANIFEST, SHOP_API_ID, SHOP_API_KEY, shopModel } from '../emulator/scenarios/shop.ts';

const scenario = process.argv[2];
if (scenario !== 'healthy' && scenario !== 'demo') {
  console.error('usage: node scripts/serve-emulator.ts healthy|demo [--write-env FILE]');
  process.exit(2);
}
const envFileAt = process.argv.indexOf('--write-env');
const envFile = envFileAt > 0 ? process.argv[envFileAt + 1] : undefined;

const emulator = await startEmulator(shopModel({ stageOnNewest: scenario === 'healthy' }));
const routesFile = path.join('.apigw-self-test', 'apigw-routes.yml');
await mkdir(path.dirname(routesFile), { recursive: true });
await writeFile(routesFile, scenario === 'healthy' ? HEALTHY_MANIFEST : DEMO_MANIFEST);

const vars: Record<string, string> = {
  ROUTES_FILE: routesFile,
  REST_API_ID: SHOP_API_ID,
  STAGE: 'prod',
  CONNECT_TO: emulator.connectTo,
  DEMO_API_KEY: scenario === 'healthy' ? SHOP_API_KEY : '',
  AWS_ENDPOINT_URL_API_GATEWAY: emulator.controlUrl,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
  AWS_SESSION_TOKEN: TEST_CREDENTIALS.sessionToken,
  // Last: the workflow waits for this line before it goes on.
  BASE_URL: emulator.invokeUrl(SHOP_API_ID, 'prod'),
};
const lines = `${Object.entries(vars)
  .map(([k, v]) => `${k}=${v}`)
  .join('\n')}\n`;
if (envFile) await appendFile(envFile, lines);
else process.stdout.write(lines);

const stop = () => void emulator.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
