// No HTTP answer at all: the request never reached API Gateway (or the answer never came
// back). The kind of failure points at the part of `base-url` or the network path to check.
import type { Rule, RuleContext, RuleMatch } from '../rule.ts';

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

function hint(ctx: RuleContext, kind: NetworkKind, host: string): string {
  switch (kind) {
    case 'dns':
      return ctx.settings.baseUrlIsDefault
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
    category: 'other',
  },
  match(ctx): RuleMatch | null {
    const { check } = ctx;
    if (ctx.expectationMet || check.status !== undefined || !check.networkError) return null;
    const kind = networkKind(check.networkError);
    const host = hostOf(check.url);
    const attempts = check.attempts.length;
    return {
      explanation: `${check.method} ${check.url} got no HTTP answer after ${attempts} attempt(s): ${check.networkError} (${kind === 'other' ? 'network error' : kind}).`,
      fix: hint(ctx, kind, host),
      evidence: { networkError: check.networkError, kind, host, attempts },
    };
  },
} satisfies Rule;
