// Which workflow run wrote the report: the commit it verified and a link back to the run, read
// once from the runner's GITHUB_* variables. They are text from the environment, so each is
// accepted only in its documented shape: a link whose server is not https, or whose repository
// is not `owner/name`, could point a reader anywhere.
import type { RunLink } from '../types.ts';

/** A commit id: SHA-1 (40 hex digits) or SHA-256 (64). */
const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
/** GitHub's owner (user or org) and repository name rules. */
const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
const NUMBER = /^[1-9][0-9]{0,19}$/;

/** `https://host[:port]` without user, path, query or fragment; null for anything else. */
export function httpsServerOf(text: string | undefined): string | null {
  if (!text) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.search || url.hash) return null;
  if (url.pathname !== '/' && url.pathname !== '') return null;
  return url.origin;
}

/** `owner/name` as GitHub spells them; null for anything else. */
export function repositoryOf(text: string | undefined): string | null {
  if (!text || !REPOSITORY.test(text)) return null;
  const name = text.slice(text.indexOf('/') + 1);
  return name === '.' || name === '..' ? null : text;
}

/** The run's URL (…/actions/runs/ID, plus /attempts/N on a re-run), or null when any part is missing or malformed. */
export function runUrlOf(env: NodeJS.ProcessEnv): string | null {
  const server = httpsServerOf(env.GITHUB_SERVER_URL);
  const repository = repositoryOf(env.GITHUB_REPOSITORY);
  const runId = env.GITHUB_RUN_ID;
  if (!server || !repository || !runId || !NUMBER.test(runId)) return null;
  const attempt = env.GITHUB_RUN_ATTEMPT;
  const again = attempt && NUMBER.test(attempt) && attempt !== '1' ? `/attempts/${attempt}` : '';
  return `${server}/${repository}/actions/runs/${runId}${again}`;
}

/** The commit and run of this job; null outside GitHub Actions (neither is known). */
export function runLinkOf(env: NodeJS.ProcessEnv): RunLink | null {
  const sha = env.GITHUB_SHA?.toLowerCase();
  const link: RunLink = { sha: sha && SHA.test(sha) ? sha : null, url: runUrlOf(env) };
  return link.sha === null && link.url === null ? null : link;
}

/** The commit as a reader knows it: its first 7 digits. */
export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}
