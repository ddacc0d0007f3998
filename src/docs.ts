// Links from annotations, the summary and the report to the docs section of each code.
// When the action runs from a repository (`uses: owner/repo@ref`), the runner tells us which
// one, so links point at the docs of the version that produced the verdict.

const DEFAULT_REPOSITORY = 'apigw-route-verify/apigw-route-verify';
const DEFAULT_REF = 'v1';

export function docsUrl(code: string, env: NodeJS.ProcessEnv = process.env): string {
  const repository = env.GITHUB_ACTION_REPOSITORY || DEFAULT_REPOSITORY;
  const ref = env.GITHUB_ACTION_REF || DEFAULT_REF;
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  return `${server}/${repository}/blob/${ref}/docs/diagnoses.md#${code}`;
}
