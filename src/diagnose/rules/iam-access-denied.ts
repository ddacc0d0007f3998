// AccessDeniedException "User: <caller> is not authorized to perform: execute-api:Invoke":
// IAM said no — the caller's identity policy has no Allow for this route's ARN, or the API's
// resource policy does not allow (or explicitly denies) the caller. The fix names the exact
// ARN to allow; the caller is named by its ARN, never by anything secret.
import { partitionOf } from '../../aws/policy.ts';
import { GatewayError } from '../../gateway-errors.ts';
import { briefAnswer, gatewayAnswer } from '../answer.ts';
import type { Evidence } from '../evidence.ts';
import { isAuthorizerDeny, redeployCommand, refusedCredentials, regionOfUrl } from '../predicates.ts';
import type { Rule, RuleMatch } from '../rule.ts';
import { appliesTo, codeText, conditionValues, principalsOf, quoteStatement, statementsCovering } from '../../resource-policy.ts';
import type { CallerContext } from '../../resource-policy.ts';
import type { PolicyStatement } from '../../types.ts';

/** The account in the message's resource ARN (when AWS did not mask it), else in the caller's ARN. */
function accountOf(message: string): string | undefined {
  return (
    /on resource: arn:[\w-]+:execute-api:[\w-]+:(\d{12}):/.exec(message)?.[1] ??
    /User: arn:[\w-]+:(?:sts|iam)::(\d{12}):/.exec(message)?.[1]
  );
}

/**
 * arn:<partition>:execute-api:<region>:<account>:<api>/<stage>/<VERB>/<path>. `{param}` segments
 * become `*` so the statement covers every value; `concrete` keeps the path that was requested.
 */
function invokeArn(e: Evidence, account: string, concrete: boolean): string {
  const region = regionOfUrl(e.check.url) ?? e.settings.region;
  const route = e.check.route;
  const path = route.path
    .split('/')
    .filter(Boolean)
    .map((seg) => {
      const param = /^\{(.+?)\+?\}$/.exec(seg);
      if (param?.[1] === undefined) return seg;
      return concrete ? (route.params[param[1]] ?? '*') : '*';
    })
    .join('/');
  return `arn:${partitionOf(region)}:execute-api:${region}:${account}:${e.settings.restApiId}/${e.settings.stage}/${e.check.method}/${path}`;
}

interface PolicyReading {
  why: string;
  fix: string;
  evidence: Record<string, unknown>;
}

/** What a statement asks of a caller that this one may not have: source addresses, VPC endpoints, principals. */
function requirements(statement: PolicyStatement): string[] {
  const needs: string[] = [];
  const ips = conditionValues(statement, 'aws:SourceIp');
  if (ips.length > 0) needs.push(`aws:SourceIp ${codeText(ips.join(', '))}`);
  const vpces = conditionValues(statement, 'aws:SourceVpce');
  if (vpces.length > 0) needs.push(`aws:SourceVpce ${codeText(vpces.join(', '))}`);
  const vpcs = conditionValues(statement, 'aws:SourceVpc');
  if (vpcs.length > 0) needs.push(`aws:SourceVpc ${codeText(vpcs.join(', '))}`);
  const principals = principalsOf(statement).filter((p) => p !== '*');
  if (principals.length > 0) needs.push(`principal ${codeText(principals.join(', '))}`);
  return needs;
}

/**
 * The resource policy's reading of the refusal: the Deny that matched (explicit deny), or the
 * Allow statements that leave the caller out (implicit deny). Undefined without a parsed policy.
 */
function readPolicy(
  e: Evidence,
  caller: string,
  arn: string,
  explicitDeny: boolean,
  redeploy: string,
  identityAllow: string | undefined,
): PolicyReading | undefined {
  const policy = e.snapshot.api.policy;
  if (!policy) return undefined;
  const request = { restApiId: e.settings.restApiId, stage: e.settings.stage, verb: e.request.verb, path: e.request.path };
  let viaVpce = false;
  try {
    viaVpce = new URL(e.check.url).hostname.endsWith('.vpce.amazonaws.com');
  } catch {
    // an unparsable URL tells nothing about the endpoint
  }
  const context: CallerContext = {
    principal: caller,
    ...(e.runnerIp ? { sourceIp: e.runnerIp } : {}),
    ...(viaVpce ? {} : { sourceVpce: null }),
  };
  const covering = statementsCovering(policy, request);
  const runner = e.runnerIp ? ` The runner's public address is ${e.runnerIp}.` : '';
  const redeployNote = `A policy change takes effect only when the stage is deployed again (\`${redeploy}\`).`;
  const evidence: Record<string, unknown> = { ...(e.runnerIp ? { runnerIp: e.runnerIp } : {}) };

  if (explicitDeny) {
    const denies = covering.filter((s) => s.Effect === 'Deny' && appliesTo(s, context) !== false);
    if (denies.length === 0) return undefined;
    const quoted = denies.slice(0, 3).map(quoteStatement);
    evidence.denyStatements = quoted;
    const onIp = denies.some((s) => conditionValues(s, 'aws:SourceIp').length > 0);
    const onVpce = denies.some((s) => conditionValues(s, 'aws:SourceVpce').length > 0);
    return {
      why: `The API's resource policy denies ${caller} on ${arn} explicitly: ${quoted.join('; ')}.${onIp ? runner : ''}${onVpce && !viaVpce ? ' The request came over the internet, not through a VPC endpoint.' : ''}`,
      fix: `${onVpce ? 'Send the request through the VPC endpoint the statement names (a runner inside that VPC), or exempt' : 'Exempt'} the runner in that Deny statement (an explicit Deny beats any Allow), or \`expect: 403\` if the route must stay locked. ${redeployNote}`,
      evidence,
    };
  }
  const allows = covering.filter((s) => s.Effect === 'Allow');
  const allowQuotes = allows.slice(0, 3).map(quoteStatement);
  evidence.allowStatements = allowQuotes;
  if (allows.length === 0) {
    return {
      why: `No Allow statement of the API's resource policy covers ${arn}, so the gateway denies it implicitly ("not authorized", without "explicit deny").`,
      fix: `Add an Allow for execute-api:Invoke on ${arn} to the resource policy (\`aws apigateway get-rest-api --rest-api-id ${e.settings.restApiId} --query policy\`). ${redeployNote}`,
      evidence,
    };
  }
  const needs = allows.flatMap(requirements);
  const leftOut =
    needs.length > 0
      ? `its Allow for ${arn} requires ${[...new Set(needs)].join('; ')}`
      : `its Allow statements for ${arn} do not apply to ${caller}`;
  return {
    why: `The API's resource policy allows only some callers and the request is not one of them: ${leftOut} (${allowQuotes.join('; ')}). The denial is implicit ("not authorized", without "explicit deny").${runner}`,
    fix:
      `Send the request from where the Allow permits (e.g. a self-hosted runner in that network or VPC), or add the runner to the Allow statement` +
      `${identityAllow ? `, or (same account) give ${caller} an identity-policy Allow: ${identityAllow}` : ''}, or \`expect: 403\` if the route must stay locked. ${redeployNote}`,
    evidence,
  };
}

export default {
  meta: {
    code: 'iam-access-denied',
    title: 'IAM denied execute-api:Invoke',
    severity: 'error',
    scope: ['check'],
    tier: 'auth',
    priority: 90,
  },
  check(e): RuleMatch | null {
    const { check } = e;
    if (e.classification.errorType !== GatewayError.AccessDenied) return null;
    if (refusedCredentials(e) || isAuthorizerDeny(e)) return null;

    const message = e.classification.message ?? '';
    const caller = /User: (\S+) is not authorized/.exec(message)?.[1];
    const anonymous = caller === 'anonymous' || (!caller && !check.sent.signed);
    const explicitDeny = /explicit deny/i.test(message);
    const hasResourcePolicy = e.snapshot.api.hasResourcePolicy;
    const account = accountOf(message) ?? '*';
    const arn = invokeArn(e, account, false);
    const statement = `{"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "${arn}"}`;
    const redeploy = redeployCommand(e.snapshot);
    const policyCmd = `aws apigateway get-rest-api --rest-api-id ${e.settings.restApiId} --query policy`;

    let why: string;
    let fix: string;
    const reading = readPolicy(
      e,
      anonymous ? 'anonymous' : (caller ?? 'the caller'),
      arn,
      explicitDeny,
      redeploy,
      anonymous ? undefined : statement,
    );
    if (reading) {
      why = reading.why;
      fix = reading.fix;
    } else if (anonymous) {
      why = `The request was unsigned and the API's resource policy does not allow anonymous callers on ${arn}${explicitDeny ? ' (it explicitly denies them)' : ''}.`;
      fix = `Sign the request (\`auth: iam\` with AWS credentials), or allow the caller in the resource policy (\`${policyCmd}\`) and redeploy the stage (\`${redeploy}\`): resource policy changes take effect on deployment.`;
    } else if (explicitDeny) {
      why = `An explicit Deny applies to ${caller ?? 'the caller'} on ${arn}: ${hasResourcePolicy ? "most likely the API's resource policy" : 'a permissions boundary or an SCP (the API has no resource policy)'}.`;
      fix = hasResourcePolicy
        ? `Find the Deny statement in the resource policy (\`${policyCmd}\`), exempt this caller, and redeploy (\`${redeploy}\`).`
        : "Find the Deny in the role's permissions boundary or the organization's SCPs; an explicit Deny beats any Allow.";
    } else {
      why =
        `${caller ?? 'The caller'} has no Allow for execute-api:Invoke on ${arn}` +
        (hasResourcePolicy ? ", or the API's resource policy does not grant it." : '.');
      fix = `Add to the role's identity policy: ${statement}${hasResourcePolicy ? `; and check the resource policy (\`${policyCmd}\`), redeploying after a change` : ''}.`;
    }
    return {
      explanation: `The gateway answered ${briefAnswer(e.answer)}. ${why}`,
      fix,
      evidence: {
        ...(caller ? { caller } : {}),
        resource: arn,
        requested: invokeArn(e, account, true),
        explicitDeny,
        ...(hasResourcePolicy !== undefined ? { hasResourcePolicy } : {}),
        signed: check.sent.signed,
        ...(reading ? reading.evidence : {}),
        answer: gatewayAnswer(e.answer),
      },
    };
  },
} satisfies Rule;
