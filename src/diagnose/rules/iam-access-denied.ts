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

/** The account in the message's resource ARN (when AWS did not mask it), else in the caller's ARN. */
function accountOf(message: string): string | undefined {
  return /on resource: arn:[\w-]+:execute-api:[\w-]+:(\d{12}):/.exec(message)?.[1] ?? /User: arn:[\w-]+:(?:sts|iam)::(\d{12}):/.exec(message)?.[1];
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
    if (anonymous) {
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
        answer: gatewayAnswer(e.answer),
      },
    };
  },
} satisfies Rule;
