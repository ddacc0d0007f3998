// The one follow-up request of a route the control plane says is served but that the gateway
// refused (MAT / Forbidden) through a custom domain or a user's CloudFront distribution, with no cause found: the same request to the
// stage's direct execute-api URL. Its answer tells whether the front door changes the path. One
// request per such failing route, never for a passing one; signed only as the route itself was,
// and only to the API's own execute-api host (the credential host rule of src/base-url.ts).
import { diagnoseCheck } from './diagnose/engine.ts';
import type { DirectAnswer, Evidence } from './diagnose/evidence.ts';
import { evidenceOf } from './diagnose/evidence.ts';
import { executeApiBaseUrl, parseExecuteApiUrl } from './diagnose/paths.ts';
import { meetsExpectation } from './expect.ts';
import { type ProbeOptions, probeRoute } from './probe/index.ts';
import { runPool } from './probe/pool.ts';

/** A check whose cause is still open after the diagnosis and that a direct request could settle. */
export function needsFollowUp(e: Evidence): boolean {
  if (e.expectationMet || e.answer.kind !== 'answered' || !e.miss.noMatchOrForbidden) return false;
  if (parseExecuteApiUrl(e.settings.baseUrl)) return false; // straight to the stage
  if (e.snapshot.domain === undefined && e.cloudFront?.distribution !== 'user') return false; // neither a custom domain nor a user's distribution
  if (e.deployed.state !== 'served') return false;
  return diagnoseCheck(e).diagnosis?.code === 'unexpected-status';
}

/** Sends the follow-ups (one per open check) and returns the checks' evidence with the answers added. */
export async function followUp(checks: Evidence[], options: ProbeOptions): Promise<Evidence[]> {
  // as many at once as the smoke requests themselves (the `concurrency` input)
  return runPool(checks, options.settings.concurrency, async (e) => {
    if (!needsFollowUp(e) || options.signal?.aborted) return e;
    // https always, but when connect-to reroutes the connection (a local emulator) and base-url is plain http
    const baseUrl = executeApiBaseUrl(e.settings, options.settings.connectTo.length > 0 ? e.settings.baseUrl : undefined);
    const result = await probeRoute(e.check.route, { ...options, settings: { ...options.settings, baseUrl, retries: 0 } });
    const a = result.answer;
    const direct: DirectAnswer =
      a.kind === 'answered'
        ? {
            url: result.url,
            status: a.status,
            ...(a.classification.errorType ? { errorType: a.classification.errorType } : {}),
            met: meetsExpectation(e.check.route.expect, a.status, a.classification),
          }
        : { url: result.url, error: a.kind === 'network-error' ? a.error : a.kind === 'not-sent' ? a.reason : 'cancelled', met: false };
    return evidenceOf({
      check: e.check,
      snapshot: e.snapshot,
      settings: e.settings,
      hasCredentials: e.hasCredentials,
      ...(e.tokenClaims ? { tokenClaims: e.tokenClaims } : {}),
      direct,
    });
  });
}
