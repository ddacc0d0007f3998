// The part of an API's resource policy the emulator evaluates by default (`policyEvaluation`
// 'explicit-deny'): explicit denies for everyone. The full evaluation is policy-evaluation.ts.
// Supported: the literal policy "denyAll", or a JSON policy whose statements have
// Effect "Deny", Principal "*" (or {"AWS": "*"}), an Action covering execute-api:Invoke
// ("execute-api:Invoke", "execute-api:*", "*") and a Resource matching the method ARN
// (wildcards `*` and `?`; the "execute-api:/stage/VERB/path" shorthand is expanded).
// Not evaluated: statements with a Condition, NotAction/NotResource/NotPrincipal, Deny for named
// principals, and Allow statements (an API without an explicit deny is open, as if "Allow *").

export interface Statement {
  Effect?: string;
  Principal?: unknown;
  Action?: string | string[];
  Resource?: string | string[];
  Condition?: unknown;
  NotAction?: unknown;
  NotResource?: unknown;
  NotPrincipal?: unknown;
}

export const list = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

export function wildcard(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

const everyone = (principal: unknown): boolean =>
  principal === '*' ||
  (typeof principal === 'object' && principal !== null && list((principal as { AWS?: string | string[] }).AWS).includes('*'));

export const coversInvoke = (action: string): boolean => wildcard(action.toLowerCase()).test('execute-api:invoke');

/**
 * `methodArn` is "arn:aws:execute-api:<region>:<account>:<api>/<stage>/<VERB>/<path>".
 * A policy that is not JSON (other than "denyAll") denies nothing.
 */
export function explicitlyDenied(policy: string | undefined, methodArn: string): boolean {
  if (!policy) return false;
  if (policy.trim() === 'denyAll') return true;
  let statements: Statement[];
  try {
    const parsed = JSON.parse(policy) as { Statement?: Statement | Statement[] };
    statements = Array.isArray(parsed.Statement) ? parsed.Statement : parsed.Statement ? [parsed.Statement] : [];
  } catch {
    return false;
  }
  return statements.some(
    (s) =>
      s.Effect === 'Deny' &&
      s.Condition === undefined &&
      s.NotAction === undefined &&
      s.NotResource === undefined &&
      s.NotPrincipal === undefined &&
      everyone(s.Principal) &&
      list(s.Action).some(coversInvoke) &&
      list(s.Resource).some((r) => resourceMatches(r, methodArn)),
  );
}

/** Does policy Resource `pattern` cover `methodArn`? ("execute-api:/stage/VERB/path" is shorthand for this API.) */
export function resourceMatches(pattern: string, methodArn: string): boolean {
  const apiPrefix = methodArn.slice(0, methodArn.indexOf('/')); // arn:aws:execute-api:region:account:api
  return wildcard(pattern.startsWith('execute-api:') ? apiPrefix + pattern.slice('execute-api:'.length) : pattern).test(methodArn);
}
