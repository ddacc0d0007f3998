// `npm run demo`: the action's main job, locally. Starts the API Gateway emulator with the
// "shop" API and its classic mistakes, runs dist/index.js against it exactly as the GitHub
// runner would, and prints the job summary, the annotations and the outputs.
import { startEmulator } from '../emulator/index.ts';
import { runAction, type ActionRun } from '../emulator/run-action.ts';
import { DEMO_MANIFEST, SHOP_API_ID, STAGELESS_MANIFEST, shopModel } from '../emulator/scenarios/shop.ts';
import { summaryForTerminal } from '../src/report/terminal.ts';

const rule = (title: string) => `\n${'━'.repeat(78)}\n ${title}\n${'━'.repeat(78)}\n`;

/** The workflow commands the runner turns into annotations, shown as the PR would show them. */
function annotations(run: ActionRun): string {
  return run.stdout
    .split('\n')
    .filter((l) => /^::(error|warning|notice)/.test(l))
    .map((l) => {
      const m = /^::(\w+) (.*?)::(.*)$/.exec(l);
      if (!m) return l;
      const props = Object.fromEntries(m[2].split(',').map((kv) => kv.split('=') as [string, string]));
      const where = props.file ? `${props.file}:${props.line ?? 1}` : '';
      const title = decodeURIComponent((props.title ?? '').replace(/%2C/g, ','));
      const first = m[3].split('%0A')[0];
      return `  ${m[1].padEnd(7)} ${where.padEnd(28)} ${title || first}`;
    })
    .join('\n');
}

const emulator = await startEmulator(shopModel({ stageOnNewest: false }));
try {
  const base = {
    emulator,
    inputs: { 'base-url': emulator.invokeUrl(SHOP_API_ID, 'prod'), 'connect-to': emulator.connectTo },
  };
  const run = await runAction({ ...base, files: { '.github/apigw-routes.yml': DEMO_MANIFEST } });
  process.stdout.write(rule('Job summary (what GITHUB_STEP_SUMMARY shows)'));
  process.stdout.write(summaryForTerminal(run.summary));
  process.stdout.write(rule('Annotations on .github/apigw-routes.yml'));
  process.stdout.write(`${annotations(run)}\n`);
  process.stdout.write(rule('Outputs'));
  for (const [k, v] of Object.entries(run.outputs)) process.stdout.write(`  ${k.padEnd(30)} ${v}\n`);
  process.stdout.write(`  exit status                    ${run.exitCode} (fail-on: error)\n`);

  const stageless = await runAction({
    emulator,
    inputs: { 'base-url': emulator.invokeUrl(SHOP_API_ID), 'connect-to': emulator.connectTo },
    files: { '.github/apigw-routes.yml': STAGELESS_MANIFEST },
  });
  process.stdout.write(rule('Second run: base-url without the stage'));
  process.stdout.write(`${annotations(stageless)}\n`);
  process.stdout.write(`\nemulator: ${Object.values(emulator.state.controlCalls).reduce((a, b) => a + b, 0)} control-plane calls over both runs; reports in ${run.reportFile}\n`);
} finally {
  await emulator.close();
}
