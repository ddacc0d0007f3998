// One entry per cause: checks whose diagnoses say the same thing — same code, same severity, same
// fix — are one problem with one fix, shown once (one annotation, one summary section) with the
// list of routes it hits. A base URL without the stage fails every route with the same words; a
// hundred identical annotations would hide the one line that matters.
//
// The fix must match exactly, except for codes whose cause is the whole run (the URL, a front
// door, the stage): their fix may quote the route's own path ("make the path the gateway sees
// /prod/health"), so that path is blanked before comparing. Route-local codes keep the path:
// "add the resource /a" and "add the resource /b" are two fixes, not one.
import type { Check, Severity } from '../types.ts';

/** Check codes whose cause is not the route but the URL, the front door or the stage every route shares. */
export const RUN_WIDE_CHECK_CODES: ReadonlySet<string> = new Set([
  'stage-missing-in-url',
  'base-path-mapping',
  'base-url-mismatch',
  'cloudfront-path',
  'default-endpoint-disabled',
  'waf-blocked',
  'private-api',
  'stage-not-found',
  'api-not-found',
  'credentials-missing',
  'credentials-invalid',
]);

/** A check that needs attention, and the severity it is reported at. */
export interface Attention {
  check: Check;
  severity: Severity;
}

/** One cause: a single check, or several with the same diagnosis and fix. `checks[0]` is the most important. */
export interface Cause {
  severity: Severity;
  checks: Check[];
}

const PLACEHOLDER = '\u0000route\u0000';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The path the request went to, relative to the base URL ("/user/42"), when it can be told. */
function requestPath(check: Check, baseUrl: string): string | null {
  try {
    const path = new URL(check.url).pathname;
    const base = new URL(baseUrl).pathname.replace(/\/+$/, '');
    return base && path.startsWith(`${base}/`) ? path.slice(base.length) : path;
  } catch {
    return null;
  }
}

/** `text` with every mention of this check's route, URL or request path replaced by one placeholder. */
export function withoutRoute(text: string, check: Check, baseUrl: string): string {
  const template = check.route.slice(check.route.indexOf(' ') + 1);
  const concrete = requestPath(check, baseUrl);
  const parts = [check.url, check.route, template, concrete, concrete && safeDecode(concrete)]
    .filter((p): p is string => typeof p === 'string' && p.length > 1)
    .sort((a, b) => b.length - a.length);
  let out = text;
  // A part ends where a path segment would: "/users" must not eat the "/users" of "/users/{id}"
  // or "/users.json", but a sentence may end right after it.
  for (const part of new Set(parts)) out = out.replace(new RegExp(`${escapeRegExp(part)}(?![\\w{}/+-]|\\.\\w)`, 'g'), PLACEHOLDER);
  return out;
}

function safeDecode(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

/** What makes two checks one cause; null for a check without a diagnosis (it is always its own entry). */
export function causeKey(check: Check, severity: Severity, baseUrl: string): string | null {
  const d = check.diagnosis;
  if (!d) return null;
  const fix = RUN_WIDE_CHECK_CODES.has(d.code) ? withoutRoute(d.fix, check, baseUrl) : d.fix;
  return `${d.code}\u0000${severity}\u0000${fix}`;
}

/** The checks needing attention as causes, each where its most important check was (the input order). */
export function groupByCause(attention: readonly Attention[], baseUrl: string): Cause[] {
  const causes: Cause[] = [];
  const byKey = new Map<string, Cause>();
  for (const { check, severity } of attention) {
    const key = causeKey(check, severity, baseUrl);
    const same = key === null ? undefined : byKey.get(key);
    if (same) {
      same.checks.push(check);
      continue;
    }
    const cause: Cause = { severity, checks: [check] };
    causes.push(cause);
    if (key !== null) byKey.set(key, cause);
  }
  return causes;
}
