// InvalidSignatureException: the request was signed, but not the way the gateway recomputes
// it. The message names the cause often enough: a region or service scope, a clock more than
// five minutes off, or a plain mismatch (secret key, path encoding, a proxy rewriting the
// request). Only the message's first part is quoted: the rest echoes the canonical request.
import { GatewayError } from '../../gateway-errors.ts';
import { briefAnswer, gatewayAnswer } from '../answer.ts';
import type { Evidence } from '../evidence.ts';
import { regionOfUrl } from '../predicates.ts';
import type { Rule, RuleMatch } from '../rule.ts';

type Cause = 'clock-skew' | 'region' | 'service' | 'mismatch';

/** 20240101T000500Z → epoch ms */
function amzDate(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) : undefined;
}

/**
 * Seconds the runner's clock is ahead (+) or behind (−) the gateway's, from
 * "Signature expired: <signed> is now earlier than <limit> (<now> - 5 min.)" or
 * "Signature not yet current: <signed> is still later than <limit> (<now> + 5 min.)".
 */
export function clockSkewSeconds(message: string): number | undefined {
  const m = /Signature (?:expired|not yet current): (\d{8}T\d{6}Z) .*\((\d{8}T\d{6}Z) [+-]/.exec(message);
  if (m?.[1] === undefined || m[2] === undefined) return undefined;
  const signed = amzDate(m[1]);
  const now = amzDate(m[2]);
  return signed === undefined || now === undefined ? undefined : Math.round((signed - now) / 1000);
}

function causeOf(message: string, signingRegion: string, apiRegion: string | undefined): Cause {
  if (/Signature (expired|not yet current)/i.test(message)) return 'clock-skew';
  if (/scoped to (a valid|correct) region/i.test(message) || (apiRegion !== undefined && apiRegion !== signingRegion)) return 'region';
  if (/scoped to correct service/i.test(message)) return 'service';
  return 'mismatch';
}

/** Percent-encoded or reserved characters in the path: where an encoding difference would break the signature. */
function encodedPath(url: string): boolean {
  try {
    return /%[0-9A-Fa-f]{2}|[+=,;:@!$'()*]/.test(new URL(url).pathname);
  } catch {
    return false;
  }
}

function explain(e: Evidence, cause: Cause, apiRegion: string | undefined, skew: number | undefined): { why: string; fix: string } {
  const signing = e.settings.region;
  switch (cause) {
    case 'clock-skew': {
      const off = skew === undefined ? 'more than 5 minutes off' : `${Math.abs(skew)} s ${skew > 0 ? 'ahead of' : 'behind'} the gateway's`;
      return {
        why: `the runner's clock is ${off}: SigV4 signatures are valid for 5 minutes around the signing time.`,
        fix: 'Sync the runner clock (NTP/chrony on a self-hosted runner); on GitHub-hosted runners re-run the job.',
      };
    }
    case 'region':
      return {
        why: `it was signed for region ${signing}${apiRegion && apiRegion !== signing ? `, but the API is in ${apiRegion} (its host says so)` : ', which is not the region of the API'}.`,
        fix: `Set the \`region\` input (or \`api.region\` in the manifest) to ${apiRegion ?? "the API's region"}.`,
      };
    case 'service':
      return {
        why: 'it was scoped to a service other than `execute-api`.',
        fix: 'Sign invoke requests for the service `execute-api` (the action does this; check a proxy that re-signs requests).',
      };
    default: {
      const hints = ['the secret key does not belong to the access key id'];
      if (encodedPath(e.check.url)) hints.push('the path has encoded or reserved characters that something re-encoded after signing');
      if (!e.settings.baseUrlIsDefault)
        hints.push('`base-url` goes through a proxy, CloudFront or custom domain that rewrites the Host or the path');
      return {
        why: `the signature does not match what the gateway computed: ${hints.join('; or ')}.`,
        fix: 'Check that AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY come from the same credentials (prefer configure-aws-credentials), and that nothing between the runner and the API changes the request.',
      };
    }
  }
}

export default {
  meta: {
    code: 'signature-invalid',
    title: 'SigV4 signature rejected',
    severity: 'error',
    scope: ['check'],
    tier: 'auth',
    priority: 70,
  },
  check(e): RuleMatch | null {
    const { check } = e;
    if (e.classification.errorType !== GatewayError.InvalidSignature) return null;
    const message = e.classification.message ?? '';
    const apiRegion = regionOfUrl(check.url);
    const cause = causeOf(message, e.settings.region, apiRegion);
    const skew = cause === 'clock-skew' ? clockSkewSeconds(message) : undefined;
    const { why, fix } = explain(e, cause, apiRegion, skew);
    return {
      explanation: `The gateway answered ${briefAnswer(e.answer)}: ${why}`,
      fix,
      evidence: {
        cause,
        signingRegion: e.settings.region,
        ...(apiRegion ? { apiRegion } : {}),
        service: 'execute-api',
        ...(skew !== undefined ? { clockSkewSeconds: skew } : {}),
        signed: check.sent.signed,
        answer: gatewayAnswer(e.answer),
      },
    };
  },
} satisfies Rule;
