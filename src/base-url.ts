// The one validator of `base-url` (input or manifest) and the host policy that decides where
// credentials may go. A manifest is edited in pull requests: its `base-url` alone must never be
// able to send the workflow's API key, authorizer token or SigV4 signature to another host.

export interface BaseUrlProblem {
  message: string;
  fix: string;
}

const FIX = "write an absolute http(s) URL such as `https://api.example.com/v1`; put query parameters in each route's `query:`";

/**
 * `where` names the value in messages ("input `base-url`", "`api.base-url`"). The URL is quoted
 * in a message only once it is known to hold no credentials and no line break.
 */
export function checkBaseUrl(text: string, where: string): { url: URL } | { problem: BaseUrlProblem } {
  // new URL() silently drops tabs and line breaks: refuse them rather than log the raw text.
  if (/[\p{Cc}\s]/u.test(text)) {
    return { problem: { message: `${where} contains white space or control characters (a line break?)`, fix: FIX } };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: { message: `${where} \`${text}\` is not an absolute URL`, fix: FIX } };
  }
  // checked before anything quotes the URL: it holds a password
  if (url.username || url.password || /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(text)) {
    return {
      problem: {
        message: `${where} contains credentials (\`user:password@\`)`,
        fix: 'remove them; pass credentials with the `api-key` or `authorizer-token` inputs (from secrets) instead',
      },
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { problem: { message: `${where} \`${text}\` must use http or https`, fix: FIX } };
  }
  if (text.includes('?') || text.includes('#')) {
    return { problem: { message: `${where} \`${text}\` has a query string or fragment`, fix: FIX } };
  }
  return { url };
}

/** A host name as compared: lower case, no trailing dot, no IPv6 brackets. */
export function normalizeHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/\.+$/, '')
    .replace(/^\[(.*)\]$/, '$1');
}

const REGION = '[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\\d{1,2}';
/** `{id}.execute-api.{region}.amazonaws.com[.cn]` and the private forms `{id}-{vpce}.execute-api.{region}.vpce.amazonaws.com`. */
const EXECUTE_API_HOST = new RegExp(
  `^(?:([a-z0-9]{10})\\.execute-api\\.(${REGION})\\.amazonaws\\.com(?:\\.cn)?|([a-z0-9]{10})-vpce-[a-z0-9]+\\.execute-api\\.(${REGION})\\.vpce\\.amazonaws\\.com(?:\\.cn)?)$`,
);

/** The REST API id an execute-api host name names, else undefined. */
export function executeApiIdOf(host: string): string | undefined {
  const m = EXECUTE_API_HOST.exec(normalizeHost(host));
  return m ? (m[1] ?? m[3]) : undefined;
}

/** `trusted-hosts`: host names separated by commas, white space or line breaks. */
export function parseTrustedHosts(text: string): { hosts: string[]; problems: string[] } {
  const hosts: string[] = [];
  const problems: string[] = [];
  for (const item of text.split(/[\s,]+/).filter(Boolean)) {
    const host = normalizeHost(item);
    // a bare host name (or IP literal) only: no scheme, port, path, user or wildcard
    if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(host) || /^[0-9a-f:]+$/.test(host)) hosts.push(host);
    else problems.push(item.replace(/[^\x21-\x7e]/g, '?'));
  }
  return { hosts, problems };
}

export interface HostPolicy {
  restApiId: string;
  /** the host of a `base-url` given as an action input: the workflow chose it */
  inputHost?: string;
  trustedHosts: readonly string[];
}

/**
 * Whether credentials may be sent to `host` without asking the control plane: the API's own
 * execute-api host, the input `base-url`'s host, or a `trusted-hosts` entry. A custom domain
 * is allowed only once its base-path mapping is read (src/aws/domain.ts).
 */
export function isTrustedHost(host: string, policy: HostPolicy): boolean {
  const h = normalizeHost(host);
  if (h === '') return false;
  if (executeApiIdOf(h) === policy.restApiId.toLowerCase()) return true;
  if (policy.inputHost !== undefined && normalizeHost(policy.inputHost) === h) return true;
  return policy.trustedHosts.some((t) => normalizeHost(t) === h);
}
