// `verify`: every action input as `--<input-name> value`, turned into the INPUT_* variables the
// action's run() reads, so a laptop runs exactly what the runner runs. The list of inputs is
// src/inputs.ts's INPUT_NAMES (a test holds it equal to action.yml's). Secrets never come as
// argument values — they would stay in the shell history and show in `ps` — but from the
// environment: `--api-key-env NAME` names the variable, or APIGW_API_KEY is read by default.
import { INPUT_NAMES, type InputName } from '../inputs.ts';
import { parseFlags } from './flags.ts';

/** Inputs whose values are secrets: never taken from the command line. */
export const SECRET_INPUTS = ['api-key', 'authorizer-token', 'github-token'] as const satisfies readonly InputName[];
type SecretInput = (typeof SECRET_INPUTS)[number];

/** The variable read for a secret input when no `--<input>-env` names another: APIGW_API_KEY … */
export function defaultSecretVariable(name: SecretInput): string {
  return `APIGW_${name.toUpperCase().replace(/-/g, '_')}`;
}

/** Options of `verify` that are no action input. */
export const LOCAL_OPTIONS = ['profile'] as const;

const isSecret = (name: string): name is SecretInput => (SECRET_INPUTS as readonly string[]).includes(name);

export interface VerifyInvocation {
  /** INPUT_* for every input (empty when not given, as the runner does for an input without default) */
  env: Record<string, string>;
  /** `--profile`: the AWS profile to use */
  profile?: string;
}

/** The runner's name for an input's variable (@actions/core reads `INPUT_` + the name in upper case). */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

export function verifyInvocation(argv: readonly string[], env: NodeJS.ProcessEnv): { invocation?: VerifyInvocation; error?: string } {
  const plain = INPUT_NAMES.filter((name) => !isSecret(name));
  const refused = Object.fromEntries(
    SECRET_INPUTS.map((name) => [
      name,
      `a secret in the command line stays in the shell history and shows in the process list; put it in a variable and pass --${name}-env NAME, or set ${defaultSecretVariable(name)}`,
    ]),
  );
  const parsed = parseFlags(argv, { names: [...plain, ...SECRET_INPUTS.map((name) => `${name}-env`), ...LOCAL_OPTIONS], refused });
  if (parsed.error !== undefined) return { error: parsed.error };
  const { flags } = parsed;

  const out: Record<string, string> = {};
  for (const name of INPUT_NAMES) {
    if (!isSecret(name)) {
      out[inputVariable(name)] = flags[name] ?? '';
      continue;
    }
    const named = flags[`${name}-env`];
    // The value is named only when it looks like a variable's name: it may be the secret itself, typed by mistake.
    const conventional = named !== undefined && /^[A-Z_][A-Z0-9_]{0,63}$/.test(named);
    if (named !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(named)) {
      return { error: `--${name}-env takes the name of an environment variable (such as ${defaultSecretVariable(name)}), not a value` };
    }
    const variable = named ?? defaultSecretVariable(name);
    const value = env[variable];
    if (named !== undefined && !value) {
      return {
        error: conventional
          ? `--${name}-env ${named}: the variable ${named} is not set or empty`
          : `--${name}-env: no variable of that name is set (it takes a variable's name, such as ${defaultSecretVariable(name)}, not the secret)`,
      };
    }
    out[inputVariable(name)] = value ?? '';
  }
  return { invocation: { env: out, ...(flags.profile ? { profile: flags.profile } : {}) } };
}
