// The part of an API's resource policy the emulator evaluates: explicit denies for everyone.
// Supported: the literal policy "denyAll", or a JSON policy whose statements have
// Effect "Deny", Principal "*" (or {"AWS": "*"}), an Action covering execute-api:Invoke
// ("execute-api:Invoke", "execute-api:*", "*") and a Resource matching the method ARN
// (wildcards `*` and `?`; the "execute-api:/stage/VERB/path" shorthand is expanded).
// Not evaluated: statements with a Condition, NotAction/NotResource/NotPrincipal, Deny for named
// principals, and Allow statements (an API without an explicit deny is open, as if "Allow *").

interface Statement {
  Effect?: string;
  Principal?: unknown;
  Action?: string | string[];
  Resource?: string | string[];
  Condition?: unknown;
  NotAction?: unknown;
  NotResource?: unknown;
  NotPrincipal?: unknown;
}

const list = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function wildcard(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

const everyone = (principal: unknown): boolean =>
  principal === '*' || (typeof principal === 'object' && principal !== null && list((principal as { AWS?: string | string[] }).AWS).includes('*'));

const coversInvoke = (action: string): boolean => wildcard(action.toLowerCase()).test('execute-api:invoke');

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
  const apiPrefix = methodArn.slice(0, methodArn.indexOf('/')); // arn:aws:execute-api:region:account:api
  return statements.some(
    (s) =>
      s.Effect === 'Deny' &&
      s.Condition === undefined &&
      s.NotAction === undefined &&
      s.NotResource === undefined &&
      s.NotPrincipal === undefined &&
      everyone(s.Principal) &&
      list(s.Action).some(coversInvoke) &&
      list(s.Resource).some((r) => wildcard(r.startsWith('execute-api:') ? apiPrefix + r.slice('execute-api:'.length) : r).test(methodArn)),
  );
}
