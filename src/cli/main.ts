// The command line: `init` writes a starter manifest, `verify` runs the action's main job from a
// laptop. Usage errors exit with status 2; a failed verification with 1, as the action does.
import { runInit, INIT_USAGE, type Io } from './run-init.ts';

export const USAGE = `usage:
  ${INIT_USAGE}
  apigw-route-verify verify [--<action input> VALUE …] [--api-key-env NAME] [--authorizer-token-env NAME] [--profile NAME]

verify takes every input of action.yml as --<name> VALUE, e.g.
  apigw-route-verify verify --rest-api-id a1b2c3d4e5 --stage prod --routes .github/apigw-routes.yml
Secrets come from the environment (APIGW_API_KEY, APIGW_AUTHORIZER_TOKEN, or --api-key-env NAME), never from the command line.
See docs/local-runs.md.
`;

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'init') return await runInit(rest, io);
  if (command === 'verify') {
    const { runVerify } = await import('./run-verify.ts');
    return await runVerify(rest, io);
  }
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    (command === undefined ? io.stderr : io.stdout)(USAGE);
    return command === undefined ? 2 : 0;
  }
  io.stderr(`apigw-route-verify: unknown command ${JSON.stringify(command.slice(0, 40))}\n${USAGE}`);
  return 2;
}
