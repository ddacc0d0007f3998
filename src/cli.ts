#!/usr/bin/env node
// `apigw-route-verify` on the command line (the package's bin): see src/cli/main.ts.
import { main } from './cli/main.ts';

process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
});
