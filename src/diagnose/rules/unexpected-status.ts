// The fallback, last in precedence: every failed check gets an explanation, even when no
// specific cause fits. For a "Missing Authentication Token" that nothing explained it says
// what MAT can mean and what would tell the causes apart.
import { partitionOf } from '../../aws/policy.ts';
import { GatewayError } from '../../gateway-errors.ts';
import { describeAnswer, gatewayAnswer } from '../answer.ts';
import type { Evidence } from '../evidence.ts';
import { methodName } from '../predicates.ts';
import type { Rule, RuleMatch } from '../rule.ts';

function matNote(e: Evidence): { explanation: string; fix: string } {
  const { restApiId, region } = e.settings;
  if (!e.hasMethodTable) {
    const grant = !e.hasCredentials
      ? 'No AWS credentials were available: add aws-actions/configure-aws-credentials before this step (with `id-token: write`), with a role allowed ' +
        `\`apigateway:GET\` on the API, so the action can read the deployed stage, sign AWS_IAM routes and name the cause.`
      : `Grant the workflow's role \`apigateway:GET\` on \`arn:${partitionOf(region)}:apigateway:${region}::/restapis/${restApiId}\` and \`…/${restApiId}/*\` ` +
        'so the action can read the deployed stage and name the cause.';
    if (e.signedRetry?.errorType === GatewayError.MissingAuthenticationToken) {
      return {
        explanation:
          'The same URL, sent again SigV4-signed, got Missing Authentication Token too: signing did not help, so no deployed resource and method matched the request ' +
          '(most likely a wrong path or stage, or a route not deployed yet). With `apigateway:GET` the action would name the cause.',
        fix: `${grant} Meanwhile, compare the URL with the stage's resources and the \`stage\` input.`,
      };
    }
    if (e.check.sent.signed) {
      return {
        explanation:
          'The request was signed, so this is not an unsigned call to an AWS_IAM route: most likely no deployed resource and method matched it (wrong path, verb or stage, or a route not deployed yet).',
        fix: grant,
      };
    }
    return {
      explanation:
        'Missing Authentication Token means either that no deployed resource and method matched the request, or that the route is AWS_IAM and the request was unsigned; ' +
        'without reading the stage the two cannot be told apart.',
      fix: `${grant} Meanwhile, compare the URL with the stage's resources, or declare \`auth: iam\` if the route is AWS_IAM.`,
    };
  }
  const { served } = e;
  const direct = directNote(e);
  if (served && direct) return direct;
  if (!served) {
    return {
      explanation: 'No deployed method serves this verb and path.',
      fix: `Compare the URL with the stage's resources: \`aws apigateway get-resources --rest-api-id ${restApiId} --embed methods\`.`,
    };
  }
  return {
    explanation: `The stage serves it (${methodName(served)}), yet the gateway matched nothing for the path it received: something in front may change the path (a custom domain base path mapping, a CloudFront origin path).`,
    fix: 'Call the execute-api URL of the stage directly (leave `base-url` unset) to see whether the path reaches the gateway as sent.',
  };
}

/** What the follow-up request to the stage's direct execute-api URL showed (src/follow-up.ts). */
function directNote(e: Evidence): { explanation: string; fix: string } | undefined {
  const { direct } = e;
  if (!direct) return undefined;
  const base = direct.url.replace(/^(https?:\/\/[^/]+\/[^/]+).*$/, '$1');
  if (direct.met) {
    return {
      explanation:
        `The same route answers ${direct.status} on the direct URL ${direct.url}: the front door (${new URL(e.settings.baseUrl).host}) changes the path ` +
        '(a base-path mapping, a proxy or a CloudFront origin path) before it reaches the stage.',
      fix: `Verify the stage on its own URL (\`base-url: ${base}\`), or correct what the front door does to the path so it reaches the stage as sent.`,
    };
  }
  const got =
    direct.status !== undefined
      ? `${direct.status}${direct.errorType ? ` ${direct.errorType}` : ''}`
      : `no answer (${direct.error ?? 'unknown'})`;
  return {
    explanation: `On the direct URL ${direct.url} the same route got ${got} too: the cause is not the front door alone.`,
    fix: `Follow the route on the stage itself (\`base-url: ${base}\`): its diagnosis there names the cause.`,
  };
}

export default {
  meta: {
    code: 'unexpected-status',
    title: 'Unexpected answer',
    severity: 'error',
    scope: ['check'],
    tier: 'other',
    priority: 1000,
  },
  check(e): RuleMatch | null {
    const { check, answer } = e;
    const expect = check.route.expect.text;
    const evidence = { expect, ...gatewayAnswer(answer), ...(answer.kind === 'not-sent' ? { notSent: answer.reason } : {}) };

    if (answer.kind !== 'answered') {
      return {
        explanation: `${check.route.route} got ${describeAnswer(answer)}, so \`expect: ${expect}\` could not be met.`,
        fix:
          answer.kind === 'not-sent'
            ? 'Resolve what kept the request from being sent (see the reason above).'
            : 'Check that the runner can reach the API.',
        evidence,
      };
    }
    if (e.miss.mat) {
      const note = matNote(e);
      return {
        explanation: `${check.route.route} got ${describeAnswer(answer)}, not \`${expect}\`. ${note.explanation}`,
        fix: note.fix,
        evidence: {
          ...evidence,
          ...(e.direct ? { direct: e.direct } : {}),
          ...(e.signedRetry ? { signedRetry: e.signedRetry } : {}),
        },
      };
    }
    const direct = e.served ? directNote(e) : undefined;
    if (direct) {
      return {
        explanation: `${check.route.route} got ${describeAnswer(answer)}, not \`${expect}\`. ${direct.explanation}`,
        fix: direct.fix,
        evidence: { ...evidence, direct: e.direct },
      };
    }
    const who = answer.classification.errorType
      ? `The gateway (or something in front of it) answered ${describeAnswer(answer)}`
      : `The route answered ${describeAnswer(answer)} from its backend`;
    return {
      explanation: `${who}, outside \`expect: ${expect}\`.`,
      fix:
        `If ${answer.status} is a right answer to this smoke request, add it to \`expect\` (e.g. \`expect: [${answer.status}]\` or \`reachable\`); ` +
        'otherwise fix the request (params, query, body, headers) or the backend.',
      evidence,
    };
  },
} satisfies Rule;
