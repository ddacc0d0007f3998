// `apigw-route-verify verify …`: the action's own run() in this process, with the flags as its
// INPUT_* variables. The job summary the runner would show is printed as terminal text, the
// workflow commands become plain lines (src/cli/workflow-commands.ts), and the JSON report is
// written to --report-file, by default apigw-route-verify.json in the temp folder.
import { rmSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { summaryForTerminal } from '../report/terminal.ts';
import { parseOutputFile } from './output-file.ts';
import { localRegion } from './region.ts';
import type { Io } from './run-init.ts';
import { inputVariable, verifyInvocation } from './verify-flags.ts';
import { translateWorkflowCommands } from './workflow-commands.ts';

/** Runs the verification; `io.env` must be process.env, which the action's inputs are read from. */
export async function runVerify(argv: readonly string[], io: Io): Promise<number> {
  const { invocation, error } = verifyInvocation(argv, io.env);
  if (!invocation) {
    io.stderr(`apigw-route-verify verify: ${error ?? 'invalid arguments'}\n`);
    return 2;
  }
  const env = io.env;
  Object.assign(env, invocation.env);
  if (invocation.profile) env.AWS_PROFILE = invocation.profile;
  // A laptop's region is often only in the profile; the action reads AWS_REGION (below the manifest's).
  if (!env[inputVariable('region')] && !env.AWS_REGION && !env.AWS_DEFAULT_REGION) {
    const region = await localRegion(undefined, env);
    if (region) env.AWS_REGION = region;
  }
  if (!env[inputVariable('report-file')]) env[inputVariable('report-file')] = path.join(os.tmpdir(), 'apigw-route-verify.json');

  const work = await mkdtemp(path.join(os.tmpdir(), 'apigw-route-verify-'));
  // Ctrl-C: the action writes what it knows and exits the process itself; the folder goes too.
  const removeWork = () => rmSync(work, { recursive: true, force: true });
  process.once('exit', removeWork);
  try {
    const summaryFile = path.join(work, 'summary.md');
    const outputFile = path.join(work, 'outputs');
    await Promise.all([writeFile(summaryFile, ''), writeFile(outputFile, '')]);
    env.GITHUB_STEP_SUMMARY = summaryFile;
    env.GITHUB_OUTPUT = outputFile;

    const restore = translateWorkflowCommands();
    try {
      const { run } = await import('../main.ts');
      await run(env, io.cwd);
    } finally {
      restore();
    }

    const summary = await readFile(summaryFile, 'utf8');
    if (summary.trim()) io.stdout(`\n${summaryForTerminal(summary)}`);
    const outputs = parseOutputFile(await readFile(outputFile, 'utf8'));
    const report = outputs['report-file'] ? `JSON report: ${outputs['report-file']}` : 'no JSON report was written';
    io.stdout(`\nresult: ${outputs.result ?? 'failed'} · ${report}\n`);
  } finally {
    process.off('exit', removeWork);
    await rm(work, { recursive: true, force: true });
  }
  return process.exitCode === undefined || process.exitCode === 0 ? 0 : 1;
}
