// AccessDeniedException "User: <caller> is not authorized to perform: execute-api:Invoke":
// IAM said no — the caller's identity policy has no Allow for this route's ARN, or the API's
// resource policy does not allow (or explicitly denies) the caller. The fix names the exact
// ARN to allow; the caller is named by its ARN, never by anything secret.
import { partitionOf } from '../../aws/policy.ts';
import { briefAnswer, gatewayAnswer } from '../answer.ts';
import { redeployCommand } from '../gateway-miss.ts';
import type { Rule, RuleContext, RuleMatch } from '../rule.ts';
import { regionOfUrl } from '../served.ts';
import { isAuthorizerDeny } from './authorizer-unauthorized.ts';
import { refusedCredentials } from './credentials-invalid.ts';

/** The account in the message's resource ARN (when AWS did not mask it), else in the caller's ARN. */
function accountOf(message: string): string | undefined {
  return /on resource: arn:[\w-]+:execute-api:[\w-]+:(\d{12}):/.exec(message)?.[1] ?? /User: arn:[\w-]+:(?:sts|iam)::(\d{12}):/.exec(message)?.[1];
}

/**
 * arn:<partition>:execute-api:<region>:<account>:<api>/<stage>/<VERB>/<path>. `{param}` segments
 * become `*` so the statement covers every value; `concrete` keeps the path that was requested.
 */
export function invokeArn(ctx: RuleContext, account: string, concrete: boolean): string {
  const region = regionOfUrl(ctx.check.url) ?? ctx.settings.region;
  const route = ctx.check.route;
  const path = route.path
    .split('/')
    .filter(Boolean)
    .map((seg) => {
      const param = /^\{(.+?)\+?\}$/.exec(seg);
      if (!param) return seg;
      return concrete ? (route.params[param[1]] ?? '*') : '*';
    })
    .join('/');
  return `arn:${partitionOf(region)}:execute-api:${region}:${account}:${ctx.settings.restApiId}/${ctx.settings.stage}/${ctx.check.method}/${path}`;
}

export default {
  meta: {
    code: 'iam-access-denied',
    title: 'IAM denied execute-api:Invoke',
    severity: 'error',
    category: 'auth',
  },
  match(ctx): RuleMatch | null {
    const { check } = ctx;
    if (ctx.expectationMet || check.classification.errorType !== 'AccessDeniedException') return null;
    if (refusedCredentials(ctx) || isAuthorizerDeny(ctx)) return null;

    const message = check.classification.message ?? '';
    const caller = /User: (\S+) is not authorized/.exec(message)?.[1];
    const anonymous = caller === 'anonymous' || (!caller && !check.sent.signed);
    const explicitDeny = /explicit deny/i.test(message);
    const hasResourcePolicy = ctx.snapshot.api.hasResourcePolicy;
    const account = accountOf(message) ?? '*';
    const arn = invokeArn(ctx, account, false);
    const statement = `{"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "${arn}"}`;
    const redeploy = redeployCommand(ctx.snapshot);
    const policyCmd = `aws apigateway get-rest-api --rest-api-id ${ctx.settings.restApiId} --query policy`;

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
      explanation: `The gateway answered ${briefAnswer(check)}. ${why}`,
      fix,
      evidence: {
        ...(caller ? { caller } : {}),
        resource: arn,
        requested: invokeArn(ctx, account, true),
        explicitDeny,
        ...(hasResourcePolicy !== undefined ? { hasResourcePolicy } : {}),
        signed: check.sent.signed,
        answer: gatewayAnswer(check),
      },
    };
  },
} satisfies Rule;
