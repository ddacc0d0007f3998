// CloudFront in front of the gateway: a user's distribution (model `distributions`), and the
// distribution API Gateway itself runs for an EDGE API. Both add their headers to every answer.
import { createHash, randomBytes } from 'node:crypto';
import type { DistributionBehaviorModel, DistributionModel, EmulatorModel } from '../model.ts';
import { hostName } from './target.ts';

/** A CloudFront origin-facing address (130.176.0.0/16 is one of CloudFront's origin-facing ranges). */
const DEFAULT_ORIGIN_FACING_IP = '130.176.0.1';
/** Edge location the emulator's CloudFront answers from. */
const POP = 'IAD89-C1';

export function findDistribution(model: EmulatorModel, hostHeader: string | undefined): DistributionModel | undefined {
  const host = hostName(hostHeader);
  return model.distributions?.find((d) => d.domainName.toLowerCase() === host || (d.aliases ?? []).some((a) => a.toLowerCase() === host));
}

function patternRegExp(pattern: string): RegExp {
  const withSlash = pattern.startsWith('/') || pattern.startsWith('*') ? pattern : `/${pattern}`;
  const body = withSlash
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** The first behavior whose path pattern matches (CloudFront's precedence is the listed order). */
export function matchBehavior(distribution: DistributionModel, rawPath: string): DistributionBehaviorModel | undefined {
  return distribution.behaviors.find((b) => patternRegExp(b.pathPattern).test(rawPath));
}

export interface Forwarded {
  /** the Host the gateway sees: the origin's domain, or the viewer's when the behavior forwards it */
  host: string;
  /** originPath + the whole request path: the path pattern is not stripped */
  rawPath: string;
  sourceIp: string;
}

export function forward(
  distribution: DistributionModel,
  behavior: DistributionBehaviorModel,
  viewerHost: string,
  rawPath: string,
): Forwarded {
  const originPath = (behavior.originPath ?? '').replace(/\/$/, '');
  return {
    host: behavior.forwardHostHeader ? viewerHost : behavior.originDomain,
    rawPath: `${originPath}${rawPath}`,
    sourceIp: distribution.originFacingIp ?? DEFAULT_ORIGIN_FACING_IP,
  };
}

/** "1.1 <32 hex>.cloudfront.net (CloudFront)": the id is stable per distribution. */
export function viaEntry(seed: string): string {
  const id = createHash('sha256').update(`cloudfront ${seed}`).digest('hex').slice(0, 32);
  return `1.1 ${id}.cloudfront.net (CloudFront)`;
}

/**
 * The headers CloudFront adds to an answer. X-Amz-Cf-Id is 56 characters (40 random bytes,
 * URL-safe base64 with its "==" padding); X-Cache says Error for every 4xx/5xx, gateway errors included.
 * `via` lists every CloudFront hop, the one nearest the origin first.
 */
export function cloudFrontHeaders(status: number, via: string[]): Record<string, string> {
  return {
    Via: via.join(', '),
    'X-Amz-Cf-Id': `${randomBytes(40).toString('base64url')}==`,
    'X-Amz-Cf-Pop': POP,
    'X-Cache': status >= 400 ? 'Error from cloudfront' : 'Miss from cloudfront',
  };
}
