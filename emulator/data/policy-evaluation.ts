// Full evaluation of an API's resource policy (model `policyEvaluation: 'full'`), the way IAM
// evaluates it for execute-api:Invoke: any matching Deny wins, else any matching Allow, else the
// implicit deny. A statement matches when its principal, action, resource and every condition do.
//
// Principals: "*" (also {"AWS":"*"}) matches everyone, anonymous callers included; an account id or
// "arn:aws:iam::<account>:root" matches every IAM identity of that account; a role ARN matches the
// sessions of that role (arn:aws:sts::<account>:assumed-role/<role>/<session>); other ARNs exactly.
// Anonymous callers (NONE, Lambda and Cognito methods) match "*" only.
// Conditions: IpAddress/NotIpAddress (CIDRs or addresses, IPv4 and IPv6) and
// StringEquals/StringNotEquals/StringLike/StringNotLike (plus their IgnoreCase forms for Equals),
// each with an optional IfExists suffix, on aws:SourceIp, aws:SourceVpce, aws:SourceVpc,
// aws:PrincipalArn and aws:PrincipalAccount. A key absent from the request (no VPC endpoint on the
// public internet) fails the positive operators and satisfies the negated ones, as in IAM.
// Anything else (NotPrincipal, another operator) is a model error, thrown with what to change.
import { BlockList, isIP } from 'node:net';
import { type Statement, coversInvoke, list, resourceMatches, wildcard } from './resource-policy.ts';

export type PolicyDecision = 'allow' | 'explicit-deny' | 'implicit-deny';

export interface RequestContext {
  /** the caller's ARN, or undefined for an anonymous caller */
  principalArn?: string | undefined;
  /** "arn:aws:execute-api:<region>:<account>:<api>/<stage>/<VERB>/<path>" */
  methodArn: string;
  sourceIp: string;
  sourceVpce?: string | undefined;
}

function accountOf(arn: string): string | undefined {
  return arn.split(':')[4] || undefined;
}

function principalMatches(principal: unknown, caller: string | undefined): boolean {
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null) return false;
  const entries = list((principal as { AWS?: string | string[] }).AWS);
  return entries.some((entry) => {
    if (entry === '*') return true;
    if (caller === undefined) return false;
    const account = accountOf(caller);
    if (/^\d{12}$/.test(entry)) return entry === account;
    const root = /^arn:aws[\w-]*:iam::(\d{12}):root$/.exec(entry);
    if (root) return root[1] === account;
    const role = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(entry);
    const session = /^arn:aws[\w-]*:sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(caller);
    if (role && session) return role[1] === session[1] && role[2] === session[2];
    return entry === caller;
  });
}

function contextValue(key: string, ctx: RequestContext): string | undefined {
  switch (key.toLowerCase()) {
    case 'aws:sourceip':
      return ctx.sourceIp;
    case 'aws:sourcevpce':
      return ctx.sourceVpce;
    case 'aws:sourcevpc':
      return undefined; // the emulator's callers never come from a VPC
    case 'aws:principalarn':
      return ctx.principalArn;
    case 'aws:principalaccount':
      return ctx.principalArn === undefined ? undefined : accountOf(ctx.principalArn);
    default:
      throw new Error(
        `emulator model: resource policy condition key "${key}" is not evaluated; use aws:SourceIp, aws:SourceVpce, aws:SourceVpc, aws:PrincipalArn or aws:PrincipalAccount`,
      );
  }
}

function inCidrs(address: string, cidrs: string[]): boolean {
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  const blocks = new BlockList();
  for (const cidr of cidrs) {
    const [net = '', bits] = cidr.split('/');
    const netFamily = isIP(net) === 6 ? 'ipv6' : 'ipv4';
    if (isIP(net) === 0) throw new Error(`emulator model: "${cidr}" in an IpAddress condition is not an address or CIDR`);
    blocks.addSubnet(net, bits === undefined ? (netFamily === 'ipv6' ? 128 : 32) : Number(bits), netFamily);
  }
  return isIP(address) !== 0 && blocks.check(address, family);
}

/** One operator over one key: does the request satisfy it? */
function conditionHolds(operator: string, key: string, values: string[], ctx: RequestContext): boolean {
  const ifExists = operator.endsWith('IfExists');
  const base = ifExists ? operator.slice(0, -'IfExists'.length) : operator;
  const actual = contextValue(key, ctx);
  const negated = base.startsWith('Not') || base.startsWith('StringNot');
  if (actual === undefined) return ifExists || negated;
  switch (base) {
    case 'IpAddress':
      return inCidrs(actual, values);
    case 'NotIpAddress':
      return !inCidrs(actual, values);
    case 'StringEquals':
      return values.includes(actual);
    case 'StringNotEquals':
      return !values.includes(actual);
    case 'StringEqualsIgnoreCase':
      return values.some((v) => v.toLowerCase() === actual.toLowerCase());
    case 'StringNotEqualsIgnoreCase':
      return !values.some((v) => v.toLowerCase() === actual.toLowerCase());
    case 'StringLike':
      return values.some((v) => wildcard(v).test(actual));
    case 'StringNotLike':
      return !values.some((v) => wildcard(v).test(actual));
    default:
      throw new Error(
        `emulator model: resource policy condition operator "${operator}" is not evaluated; use IpAddress, NotIpAddress or a String(Not)Equals/String(Not)Like operator`,
      );
  }
}

function conditionsHold(condition: unknown, ctx: RequestContext): boolean {
  if (condition === undefined) return true;
  return Object.entries(condition as Record<string, Record<string, string | string[]>>).every(([operator, keys]) =>
    Object.entries(keys).every(([key, values]) => conditionHolds(operator, key, list(values), ctx)),
  );
}

function statementMatches(s: Statement, ctx: RequestContext): boolean {
  if (s.NotPrincipal !== undefined) {
    throw new Error('emulator model: NotPrincipal in a resource policy is not evaluated; list the principals in Principal');
  }
  const action = s.NotAction !== undefined ? !list(s.NotAction as string | string[]).some(coversInvoke) : list(s.Action).some(coversInvoke);
  const resource =
    s.NotResource !== undefined
      ? !list(s.NotResource as string | string[]).some((r) => resourceMatches(r, ctx.methodArn))
      : list(s.Resource).some((r) => resourceMatches(r, ctx.methodArn));
  return principalMatches(s.Principal, ctx.principalArn) && action && resource && conditionsHold(s.Condition, ctx);
}

/** The policy's decision for one request. Not JSON: a model error (the real service refuses to store it). */
export function evaluateResourcePolicy(policy: string, ctx: RequestContext): PolicyDecision {
  let parsed: { Statement?: Statement | Statement[] };
  try {
    parsed = JSON.parse(policy) as { Statement?: Statement | Statement[] };
  } catch {
    throw new Error('emulator model: a resource policy evaluated in full must be a JSON policy document');
  }
  const statements = Array.isArray(parsed.Statement) ? parsed.Statement : parsed.Statement ? [parsed.Statement] : [];
  const matching = statements.filter((s) => statementMatches(s, ctx));
  if (matching.some((s) => s.Effect === 'Deny')) return 'explicit-deny';
  if (matching.some((s) => s.Effect === 'Allow')) return 'allow';
  return 'implicit-deny';
}
