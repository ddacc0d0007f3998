// The one follow-up request of a route the control plane says is served but that the gateway
// refused (MAT / Forbidden) through a custom domain or a user's CloudFront distribution, with no cause found: the same request to the
// stage's direct execute-api URL. Its answer tells whether the front door changes the path. One
// request per such failing route, never for a passing one; signed only as the route itself was,
// and only to the API's own execute-api host (the credential host rule of src/base-url.ts).
// In blind mode (no method table), an unsigned request answered MAT is sent once more to the same
// URL, SigV4-signed: a non-MAT answer proves an AWS_IAM route, MAT again a route that does not exist.
import { diagnoseCheck } from './diagnose/engine.ts';
import type { CheckInput, DirectAnswer, Evidence } from './diagnose/evidence.ts';
import { evidenceOf } from './diagnose/evidence.ts';
import { executeApiBaseUrl, parseExecuteApiUrl } from './diagnose/paths.ts';
import { meetsExpectation } from './expect.ts';
import { type ProbeOptions, probeRoute } from './probe/index.ts';
import { runPool } from './probe/pool.ts';
import type { ProbeResult, RouteSpec } from './types.ts';

/** A check whose cause is still open after the diagnosis and that a follow-up request could settle. */
export function needsFollowUp(e: Evidence): boolean {
  return needsDirectRequest(e) || needsSignedRetry(e);
}

/** A served route refused through a front door: the same request to the stage's direct URL. */
function needsDirectRequest(e: Evidence): boolean {
  if (e.expectationMet || e.answer.kind !== 'answered' || !e.miss.noMatchOrForbidden) return false;
  if (parseExecuteApiUrl(e.settings.baseUrl)) return false; // straight to the stage
  if (e.snapshot.domain === undefined && e.cloudFront?.distribution !== 'user') return false; // neither a custom domain nor a user's distribution
  if (e.deployed.state !== 'served') return false;
  return diagnoseCheck(e).diagnosis?.code === 'unexpected-status';
}

/** Blind mode, unsigned, MAT: "no route or unsigned AWS_IAM?" — the same URL signed tells. */
function needsSignedRetry(e: Evidence): boolean {
  if (e.expectationMet || e.answer.kind !== 'answered' || !e.miss.mat) return false;
  if (e.hasMethodTable || e.check.sent.signed || !e.hasCredentials) return false;
  return diagnoseCheck(e).diagnosis?.code === 'unexpected-status';
}

function answerOf(result: ProbeResult, expect: RouteSpec['expect']): DirectAnswer {
  const a = result.answer;
  return a.kind === 'answered'
    ? {
        url: result.url,
        status: a.status,
        ...(a.classification.errorType ? { errorType: a.classification.errorType } : {}),
        met: meetsExpectation(expect, a.status, a.classification),
      }
    : { url: result.url, error: a.kind === 'network-error' ? a.error : a.kind === 'not-sent' ? a.reason : 'cancelled', met: false };
}

/** The signed retry; undefined when it was not sent signed (the credential host rule refused the host). */
async function signedRetry(e: Evidence, options: ProbeOptions): Promise<DirectAnswer | undefined> {
  const { route } = e.check;
  // resolveAuth takes an explicit `auth` as is; an API key the route sends stays on the retry
  const auth = e.check.auth.endsWith('api-key') ? 'iam+api-key' : 'iam';
  const result = await probeRoute({ ...route, auth }, { ...options, settings: { ...options.settings, retries: 0 } });
  if (result.answer.kind === 'not-sent' || !result.sent.signed) return undefined;
  return answerOf(result, route.expect);
}

/** Sends the follow-ups (one per open check) and returns the checks' evidence with the answers added. */
export async function followUp(checks: Evidence[], options: ProbeOptions): Promise<Evidence[]> {
  // as many at once as the smoke requests themselves (the `concurrency` input)
  return runPool(checks, options.settings.concurrency, async (e) => {
    if (options.signal?.aborted) return e;
    if (needsSignedRetry(e)) {
      const retry = await signedRetry(e, options);
      return retry ? evidenceOf({ ...inputOf(e), signedRetry: retry }) : e;
    }
    if (!needsDirectRequest(e)) return e;
    // https always, but when connect-to reroutes the connection (a local emulator) and base-url is plain http
    const baseUrl = executeApiBaseUrl(e.settings, options.settings.connectTo.length > 0 ? e.settings.baseUrl : undefined);
    const result = await probeRoute(e.check.route, { ...options, settings: { ...options.settings, baseUrl, retries: 0 } });
    return evidenceOf({ ...inputOf(e), direct: answerOf(result, e.check.route.expect) });
  });
}

function inputOf(e: Evidence): CheckInput {
  return {
    check: e.check,
    snapshot: e.snapshot,
    settings: e.settings,
    hasCredentials: e.hasCredentials,
    ...(e.tokenClaims ? { tokenClaims: e.tokenClaims } : {}),
  };
}
