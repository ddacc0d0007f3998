// `npm run demo`: the action's main job, locally. Starts the API Gateway emulator with the
// "shop" API and its classic mistakes, runs dist/index.js against it exactly as the GitHub
// runner would, and prints the job summary, the pull-request comment, the annotations and the outputs.
import { startEmulator } from '../emulator/index.ts';
import { annotationsOf, runAction, type ActionRun } from '../emulator/run-action.ts';
import {
  DISTRIBUTION_ALIAS,
  FRONT_DOORS_REGION,
  STOREFRONT_API_ID,
  STOREFRONT_DOMAIN,
  THROUGH_CLOUDFRONT_MANIFEST,
  frontDoorsModel,
} from '../emulator/scenarios/front-doors.ts';
import { SHOP_API_ID, STAGELESS_MANIFEST } from '../emulator/scenarios/shop.ts';
import { commentBody } from '../src/report/comment.ts';
import { GITHUB_RUN, runShopDemo, startShopEmulator } from './demo-run.ts';
import { summaryForTerminal } from '../src/report/terminal.ts';
import type { Report } from '../src/types.ts';

const rule = (title: string) => `\n${'━'.repeat(78)}\n ${title}\n${'━'.repeat(78)}\n`;

/** The annotations the runner makes of the workflow commands, one line each, as a PR shows them. */
function annotations(run: ActionRun): string {
  return annotationsOf(run.stdout)
    .map((a) => `  ${a.level.padEnd(7)} ${(a.file ? `${a.file}:${a.line ?? 1}` : '').padEnd(28)} ${a.title ?? a.message.split('\n')[0]}`)
    .join('\n');
}

/** The first failed check's diagnosis, as the summary's failure section explains it. */
function firstDiagnosis(run: ActionRun): string {
  const check = run.report?.checks.find((c) => c.diagnosis !== null) as
    { route: string; diagnosis: { code: string; title: string; explanation: string; fix: string } } | undefined;
  if (!check) return '';
  const d = check.diagnosis;
  return `\n  ${check.route} → ${d.code}: ${d.title}\n\n  ${d.explanation}\n\n  Fix: ${d.fix}\n`;
}

const emulator = await startShopEmulator();
try {
  const run = await runShopDemo(emulator);
  process.stdout.write(rule('Job summary (what GITHUB_STEP_SUMMARY shows)'));
  process.stdout.write(summaryForTerminal(run.summary));
  if (run.report) {
    // the same body `comment: on-failure` posts on the pull request (no GitHub API here)
    process.stdout.write(rule('Pull-request comment'));
    process.stdout.write(summaryForTerminal(commentBody(run.report as unknown as Report)));
  }
  process.stdout.write(rule('Annotations on .github/apigw-routes.yml'));
  process.stdout.write(`${annotations(run)}\n`);
  process.stdout.write(rule('Outputs'));
  for (const [k, v] of Object.entries(run.outputs)) process.stdout.write(`  ${k.padEnd(30)} ${v}\n`);
  process.stdout.write(`  exit status                    ${run.exitCode} (fail-on: error)\n`);

  const stageless = await runAction({
    emulator,
    inputs: { 'base-url': emulator.invokeUrl(SHOP_API_ID), 'connect-to': emulator.connectTo },
    files: { '.github/apigw-routes.yml': STAGELESS_MANIFEST },
    env: GITHUB_RUN,
  });
  process.stdout.write(rule('Second run: base-url without the stage (one cause, one annotation)'));
  process.stdout.write(`${annotations(stageless)}\n`);
  if (stageless.report) process.stdout.write(`\n${summaryForTerminal(commentBody(stageless.report as unknown as Report))}`);
  process.stdout.write(
    `\nemulator: ${Object.values(emulator.state.controlCalls).reduce((a, b) => a + b, 0)} control-plane calls over both runs\n`,
  );
} finally {
  await emulator.close();
}

// In front of the gateway: a custom domain called with the stage again, and a user's CloudFront
// distribution whose `/api/*` behavior forwards the prefix (each failure gets one direct request).
const frontDoors = await startEmulator(frontDoorsModel());
try {
  const through = (baseUrl: string) =>
    runAction({
      emulator: frontDoors,
      inputs: {
        'rest-api-id': STOREFRONT_API_ID,
        stage: 'prod',
        region: FRONT_DOORS_REGION,
        'base-url': baseUrl,
        'connect-to': frontDoors.connectTo,
      },
      files: { '.github/apigw-routes.yml': THROUGH_CLOUDFRONT_MANIFEST },
    });
  process.stdout.write(rule(`Third run: the custom domain ${STOREFRONT_DOMAIN}, called with /prod again`));
  const domainRun = await through(`http://${STOREFRONT_DOMAIN}/prod`);
  process.stdout.write(`${annotations(domainRun)}\n${firstDiagnosis(domainRun)}`);
  process.stdout.write(rule(`Fourth run: the CloudFront distribution ${DISTRIBUTION_ALIAS}, behavior /api/* with origin path /prod`));
  const cloudFrontRun = await through(`http://${DISTRIBUTION_ALIAS}/api`);
  process.stdout.write(`${annotations(cloudFrontRun)}\n${firstDiagnosis(cloudFrontRun)}`);
} finally {
  await frontDoors.close();
}
