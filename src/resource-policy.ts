// Reads an API's resource policy as far as a diagnosis needs: which statements cover a request
// (action and resource), what their conditions ask of the caller (source IPs, VPC endpoints,
// principals), and whether a known caller context meets them. It is not an IAM evaluator: a
// condition it cannot judge is reported as "unknown", never guessed.
import { BlockList, isIP } from 'node:net';
import type { PolicyDocument, PolicyStatement } from './types.ts';

/** The policy GetRestApi returns: JSON, or JSON escaped once more (`{\"Version\":…}`), as the API sends it. */
export function parsePolicy(text: string): PolicyDocument | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    try {
      value = JSON.parse(JSON.parse(`"${text}"`) as string);
    } catch {
      return undefined;
    }
  }
  if (typeof value === 'string') return parsePolicy(value);
  if (!value || typeof value !== 'object') return undefined;
  const raw = (value as { Statement?: unknown }).Statement;
  const list = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? [raw] : [];
  const statements = list.filter(
    (s): s is PolicyStatement => Boolean(s) && typeof s === 'object' && typeof (s as { Effect?: unknown }).Effect === 'string',
  );
  const version = (value as { Version?: unknown }).Version;
  return { ...(typeof version === 'string' ? { Version: version } : {}), Statement: statements };
}

/** What the gateway evaluates the policy on: arn:…:execute-api:<region>:<account>:<apiId>/<stage>/<VERB>/<path>. */
export interface PolicyRequest {
  restApiId: string;
  stage: string;
  verb: string;
  /** the concrete path, "/users/42" */
  path: string;
}

/** What is known of the caller: undefined fields are unknown. */
export interface CallerContext {
  /** the caller's ARN, or 'anonymous' for an unsigned request */
  principal?: string;
  /** the runner's public address, when it could be learned */
  sourceIp?: string;
  /** the VPC endpoint the request came through; null when it came over the internet */
  sourceVpce?: string | null;
}

const list = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** `*` any run of characters, `?` one: IAM's wildcards, case-sensitive. */
function wildcard(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

/** "<apiId>/<stage>/<VERB>/<path>" of a Resource entry: `execute-api:/…` is the API's own shorthand. */
function resourceTail(resource: string, restApiId: string): string | undefined {
  if (resource === '*') return '*';
  if (resource.startsWith('execute-api:/')) return `${restApiId}/${resource.slice('execute-api:/'.length)}`;
  const arn = /^arn:[^:]*:execute-api:[^:]*:[^:]*:(.+)$/.exec(resource);
  return arn?.[1];
}

function coversResource(resources: string[], request: PolicyRequest): boolean {
  const target = `${request.restApiId}/${request.stage}/${request.verb}/${request.path.replace(/^\//, '')}`;
  return resources.some((resource) => {
    const tail = resourceTail(resource, request.restApiId);
    return tail !== undefined && wildcard(tail, target);
  });
}

function coversAction(actions: string[]): boolean {
  return actions.some((action) => wildcard(action, 'execute-api:Invoke', true));
}

/** The statements whose Action and Resource cover the request (NotAction/NotResource: when the request is not excluded). */
export function statementsCovering(policy: PolicyDocument, request: PolicyRequest): PolicyStatement[] {
  return policy.Statement.filter((s) => {
    const action = s.Action !== undefined ? coversAction(list(s.Action)) : s.NotAction !== undefined && !coversAction(list(s.NotAction));
    const resource =
      s.Resource !== undefined
        ? coversResource(list(s.Resource), request)
        : s.NotResource !== undefined && !coversResource(list(s.NotResource), request);
    return action && resource;
  });
}

/** The principals a statement names ("*" for anyone). */
export function principalsOf(statement: PolicyStatement): string[] {
  const p = statement.Principal;
  if (p === undefined) return [];
  if (typeof p === 'string') return [p];
  if (p && typeof p === 'object') return Object.values(p as Record<string, unknown>).flatMap(list);
  return [];
}

/** arn:aws:sts::123:assumed-role/deploy/ci is the role arn:aws:iam::123:role/deploy; an account id or :root covers its account. */
function principalCovers(principal: string, caller: string): boolean {
  if (principal === '*') return true;
  if (caller === 'anonymous') return false;
  const account = /^arn:[^:]+:(?:sts|iam)::(\d{12}):/.exec(caller)?.[1];
  if (principal === account || principal === `arn:aws:iam::${account}:root`) return true;
  const role = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(caller);
  const asRole = role ? `arn:${role[1]}:iam::${role[2]}:role/${role[3]}` : caller;
  return wildcard(principal, asRole) || wildcard(principal, caller);
}

type Verdict = boolean | undefined;

function ipIn(ip: string, cidrs: string[]): Verdict {
  const family = isIP(ip);
  if (!family) return undefined;
  const blocks = new BlockList();
  for (const cidr of cidrs) {
    const [address = '', bits] = cidr.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (!isIP(address)) return undefined;
    blocks.addSubnet(address, bits === undefined ? (type === 'ipv6' ? 128 : 32) : Number(bits), type);
  }
  return blocks.check(ip, family === 6 ? 'ipv6' : 'ipv4');
}

/** Whether one condition operator and key hold for the caller; undefined when it cannot be told. */
function conditionHolds(operator: string, key: string, values: string[], caller: CallerContext): Verdict {
  const op = operator.replace(/IfExists$/, '');
  const k = key.toLowerCase();
  if (k === 'aws:sourceip' && caller.sourceIp !== undefined) {
    const inside = ipIn(caller.sourceIp, values);
    if (inside === undefined) return undefined;
    if (op === 'IpAddress') return inside;
    if (op === 'NotIpAddress') return !inside;
    return undefined;
  }
  if (k === 'aws:sourcevpce' && caller.sourceVpce !== undefined) {
    const equal = caller.sourceVpce !== null && values.includes(caller.sourceVpce);
    // A missing key fails StringEquals and satisfies StringNotEquals.
    if (op === 'StringEquals' || op === 'StringLike') return equal;
    if (op === 'StringNotEquals' || op === 'StringNotLike') return !equal;
    return undefined;
  }
  return undefined;
}

/** Whether a statement applies to the caller: every condition and the principal hold. Undefined when any cannot be told. */
export function appliesTo(statement: PolicyStatement, caller: CallerContext): Verdict {
  let verdict: Verdict = true;
  const principals = principalsOf(statement);
  if (principals.length > 0 && !principals.includes('*')) {
    if (caller.principal === undefined) verdict = undefined;
    else if (!principals.some((p) => principalCovers(p, caller.principal ?? ''))) return false;
  }
  for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
    for (const [key, value] of Object.entries(keys ?? {})) {
      const holds = conditionHolds(operator, key, list(value), caller);
      if (holds === false) return false;
      if (holds === undefined) verdict = undefined;
    }
  }
  return verdict;
}

/** The values a statement's conditions give for a key (any operator), e.g. the CIDRs of aws:SourceIp. */
export function conditionValues(statement: PolicyStatement, key: string): string[] {
  return Object.values(statement.Condition ?? {}).flatMap((keys) =>
    Object.entries(keys ?? {}).flatMap(([k, v]) => (k.toLowerCase() === key.toLowerCase() ? list(v) : [])),
  );
}

/** Does any statement filter on aws:SourceIp? Then the runner's public address explains a refusal. */
export function filtersOnSourceIp(policy: PolicyDocument | undefined): boolean {
  return (policy?.Statement ?? []).some((s) => conditionValues(s, 'aws:SourceIp').length > 0);
}

/** Text from the policy as an inline code span: no backtick can close it, no line break can split it. */
export function codeText(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\r\n|[\r\n\u2028\u2029]/g, ' ')}\``;
}

/** A statement as a one-line quote in a code span: Sid, Effect, Principal, Condition; long values cut. */
export function quoteStatement(statement: PolicyStatement): string {
  const parts: Record<string, unknown> = {};
  if (statement.Sid !== undefined) parts.Sid = statement.Sid;
  parts.Effect = statement.Effect;
  if (statement.Principal !== undefined && statement.Principal !== '*') parts.Principal = statement.Principal;
  if (statement.Condition !== undefined) parts.Condition = statement.Condition;
  const text = JSON.stringify(parts);
  return codeText(text.length > 300 ? `${text.slice(0, 297)}...` : text);
}
