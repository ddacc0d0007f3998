// The secret scan every end-to-end run passes through (called by runAction): no known test
// secret — raw, percent-encoded, base64 — may appear in anything the action publishes:
// stdout (annotations included, unescaped), stderr, the job summary, the outputs file, the
// JSON report. The `::add-mask::` lines are the one place a secret is meant to be printed.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ActionRun, RunOptions } from './run-action.ts';
import { TEST_CREDENTIALS } from './run-action.ts';

/** Shorter test values (a key like "k1") would match ordinary text by chance. */
const MIN_SCANNED_LENGTH = 8;

/** The inputs and environment variables that hold secrets. */
const SECRET_INPUTS = ['api-key', 'authorizer-token', 'github-token'];
const SECRET_ENV = ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];

/** Every secret a run was given. */
export function secretsOfRun(opts: Pick<RunOptions, 'inputs' | 'env'>): string[] {
  const values = [
    TEST_CREDENTIALS.secretAccessKey,
    TEST_CREDENTIALS.sessionToken,
    ...SECRET_INPUTS.map((name) => opts.inputs[name]),
    ...SECRET_ENV.map((name) => opts.env?.[name]),
  ];
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v.length >= MIN_SCANNED_LENGTH))];
}

/** A secret as it may come back: raw, percent-encoded (both hex cases), base64 (std, unpadded, url-safe), JSON-escaped. */
export function leakFormsOf(secret: string): string[] {
  const encoded = encodeURIComponent(secret);
  const b64 = Buffer.from(secret).toString('base64');
  return [
    ...new Set([
      secret,
      encoded,
      encoded.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
      b64,
      b64.replace(/=+$/, ''),
      Buffer.from(secret).toString('base64url'),
      JSON.stringify(secret).slice(1, -1),
    ]),
  ];
}

/** Reverses @actions/core's escaping of workflow-command data and properties. */
function unescapeCommands(stdout: string): string {
  return stdout.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

/** Where each secret leaked: "summary: secret #2 as base64". Empty when nothing did. */
export async function scanForSecrets(run: ActionRun, secrets: readonly string[]): Promise<string[]> {
  const stdout = run.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  const read = (file: string) => readFile(file, 'utf8').catch(() => '');
  const places: Record<string, string> = {
    stdout,
    'stdout (commands unescaped)': unescapeCommands(stdout),
    stderr: run.stderr,
    summary: run.summary,
    // the files, and their parsed forms in case the workspace is already gone
    'outputs file': await read(path.join(run.workspace, '_github_output')),
    outputs: Object.values(run.outputs).join('\n'),
    'report file': await read(run.reportFile),
    report: JSON.stringify(run.report ?? {}),
  };
  const leaks: string[] = [];
  secrets.forEach((secret, i) => {
    for (const form of leakFormsOf(secret)) {
      for (const [where, text] of Object.entries(places)) {
        if (text.includes(form))
          leaks.push(
            `${where}: secret #${i + 1} (${secret.slice(0, 3)}…) as ${form === secret ? 'itself' : JSON.stringify(form.slice(0, 6) + '…')}`,
          );
      }
    }
  });
  return leaks;
}

/** Throws when the run published a secret it was given; returns the run otherwise. */
export async function assertNoSecretLeaked(run: ActionRun, opts: Pick<RunOptions, 'inputs' | 'env'>): Promise<ActionRun> {
  const leaks = await scanForSecrets(run, secretsOfRun(opts));
  if (leaks.length > 0) throw new Error(`the action published a secret:\n${leaks.join('\n')}`);
  return run;
}
