// No HTTP answer at all: the request never reached API Gateway (or the answer never came
// back). The kind of failure points at the part of `base-url` or the network path to check.
import type { Evidence } from '../evidence.ts';
import type { Rule, RuleMatch } from '../rule.ts';

export type NetworkKind = 'dns' | 'tls' | 'refused' | 'reset' | 'timeout' | 'other';

export function networkKind(error: string): NetworkKind {
  if (/ENOTFOUND|EAI_AGAIN|getaddrinfo/i.test(error)) return 'dns';
  if (/CERT|certificate|SSL|TLS|self[- ]signed|altnames|DEPTH_ZERO/i.test(error)) return 'tls';
  if (/ECONNREFUSED/i.test(error)) return 'refused';
  if (/timeout|timed out|ETIMEDOUT|TimeoutError|AbortError|aborted/i.test(error)) return 'timeout';
  if (/ECONNRESET|socket hang up|EPIPE|UND_ERR_SOCKET|other side closed/i.test(error)) return 'reset';
  return 'other';
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function hint(e: Evidence, kind: NetworkKind, host: string): string {
  switch (kind) {
    case 'dns':
      return e.settings.baseUrlIsDefault
        ? `${host} does not resolve: check \`rest-api-id\` and \`region\` (the host is built from them).`
        : `${host} does not resolve: check the \`base-url\` host, and for a custom domain its DNS record (it must point at the API Gateway domain name).`;
    case 'tls':
      return `The TLS handshake with ${host} failed: for a custom domain, its certificate must cover ${host.split(':')[0]}; otherwise a proxy on the runner intercepts TLS.`;
    case 'refused':
      return `Nothing accepts connections at ${host}: check the \`base-url\` host and port.`;
    case 'timeout':
      return 'No answer within the `timeout` input: raise it, or check the network path (firewall, a PRIVATE API reachable only from its VPC). A slow backend alone would get a 504 from the gateway after its integration timeout.';
    case 'reset':
      return `The connection to ${host} was dropped: check proxies, firewalls or VPC endpoint policies between the runner and the API.`;
    default:
      return `Check that the runner can reach ${host}.`;
  }
}

export default {
  meta: {
    code: 'network-error',
    title: 'No answer: network error',
    severity: 'error',
    scope: ['check'],
    tier: 'other',
    priority: 30,
  },
  check(e): RuleMatch | null {
    const { check, answer } = e;
    if (answer.kind !== 'network-error' || !answer.error) return null;
    const kind = networkKind(answer.error);
    const host = hostOf(check.url);
    const attempts = check.attempts.length;
    return {
      explanation: `${check.method} ${check.url} got no HTTP answer after ${attempts} attempt(s): ${answer.error} (${kind === 'other' ? 'network error' : kind}).`,
      fix: hint(e, kind, host),
      evidence: { networkError: answer.error, kind, host, attempts },
    };
  },
} satisfies Rule;
