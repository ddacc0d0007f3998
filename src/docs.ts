// Links from annotations, the summary and the report to the docs section of each code.
// When the action runs from a repository (`uses: owner/repo@ref`), the runner tells us which
// one, so links point at the docs of the version that produced the verdict.
import { httpsServerOf, repositoryOf } from './report/run-link.ts';

const DEFAULT_REPOSITORY = 'apigw-route-verify/apigw-route-verify';
const DEFAULT_REF = 'v1';

export function docsUrl(code: string, env: NodeJS.ProcessEnv = process.env): string {
  // environment text: a link goes to an https server and an owner/name repository, or to the default
  const repository = repositoryOf(env.GITHUB_ACTION_REPOSITORY) ?? DEFAULT_REPOSITORY;
  const ref = env.GITHUB_ACTION_REF || DEFAULT_REF;
  const server = httpsServerOf(env.GITHUB_SERVER_URL) ?? 'https://github.com';
  return `${server}/${repository}/blob/${ref}/docs/diagnoses.md#${code}`;
}
