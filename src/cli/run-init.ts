// `apigw-route-verify init --rest-api-id ID --stage NAME [--region R] [--profile P] [--out FILE] [--timeout S]`:
// reads the stage's deployment with the SDK's standard credential chain and prints (or writes)
// a starter manifest. Any failure is one line on stderr and exit status 2.
import path from 'node:path';
import { readDeployedStage } from '../deployed/read.ts';
import { formatProblem, parseManifest } from '../manifest/index.ts';
import { parseFlags } from './flags.ts';
import { starterManifest, writeNewFile } from './init.ts';
import { localRegion } from './region.ts';

export const INIT_USAGE =
  'apigw-route-verify init --rest-api-id ID --stage NAME [--region REGION] [--profile NAME] [--out FILE] [--timeout SECONDS]';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export async function runInit(argv: readonly string[], io: Io): Promise<number> {
  const fail = (message: string) => {
    io.stderr(`apigw-route-verify init: ${message.replace(/[\r\n]+/g, ' ')}\n`);
    return 2;
  };
  const parsed = parseFlags(argv, { names: ['rest-api-id', 'stage', 'region', 'profile', 'out', 'timeout'] });
  if (parsed.error !== undefined) return fail(`${parsed.error}\nusage: ${INIT_USAGE}`);
  const { flags } = parsed;
  for (const name of ['rest-api-id', 'stage'] as const) {
    const value = flags[name];
    if (!value) return fail(`--${name} is required (usage: ${INIT_USAGE})`);
    if (/[\p{Cc}\s]/u.test(value)) return fail(`--${name} must be a single word`);
  }
  if (flags.profile) io.env.AWS_PROFILE = flags.profile;
  const region = await localRegion(flags.region, io.env);
  if (!region) return fail('no AWS region: pass --region, set AWS_REGION, or give the profile a region (aws configure set region …)');
  const timeout = flags.timeout === undefined ? 10 : Number(flags.timeout);
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 300) return fail('--timeout must be whole seconds from 1 to 300');
  const target = { restApiId: flags['rest-api-id'] ?? '', stage: flags.stage ?? '', region };

  const read = await readDeployedStage(target, { timeoutMs: timeout * 1000, retries: 2 });
  if (read.problem) return fail(formatProblem(read.problem));
  const text = starterManifest({ ...target, deploymentId: read.stage.deploymentId, deployed: read.stage.deployed });

  // What init writes must be what the action reads; a path the parser refuses is said, not hidden.
  const check = parseManifest(text, flags.out ?? 'the starter manifest');
  if (check.problems.length) io.stderr(`apigw-route-verify init: warning: ${check.problems.map(formatProblem).join('; ')}\n`);

  if (flags.out === undefined) {
    io.stdout(text);
    return 0;
  }
  const out = path.resolve(io.cwd, flags.out);
  try {
    await writeNewFile(out, text);
  } catch (error) {
    return fail((error as Error).message);
  }
  const routes = check.manifest?.routes.length ?? 0;
  io.stderr(`Wrote ${flags.out}: ${routes} routes of stage ${target.stage}. Replace every "TODO", then commit it.\n`);
  return 0;
}
