// A route that needs SigV4 went out unsigned (or not at all) because the action had no AWS
// credentials: the gateway's MAT is then about the runner, not the route. Reported on each
// such check, and once for the run with every route that needs signing, so the fix (a
// credentials step) is said once rather than on every check.
import type { ProbeResult } from '../../types.ts';
import { describeAnswer, gatewayAnswer } from '../answer.ts';
import { listForMessage } from '../paths.ts';
import { CREDENTIALS_FIX, needsSigV4 } from '../predicates.ts';
import type { Rule, RuleMatch } from '../rule.ts';

const byLine = (a: ProbeResult, b: ProbeResult) => a.route.source.line - b.route.source.line || a.route.route.localeCompare(b.route.route);

export default {
  meta: {
    code: 'credentials-missing',
    title: 'No AWS credentials to sign an AWS_IAM route',
    severity: 'error',
    scope: ['check', 'stage'],
    tier: 'auth',
    priority: 40,
    findingGroup: 'run-wide',
  },
  check(e): RuleMatch | null {
    const { check, answer } = e;
    if (!needsSigV4(check.auth)) return null;
    if (e.hasCredentials && check.sent.signed) return null;

    const why =
      check.authFrom === 'manifest'
        ? `the manifest declares \`auth: ${check.auth}\``
        : `its method is AWS_IAM (auth \`${check.auth}\` from the deployed stage)`;
    const what = e.hasCredentials
      ? 'AWS credentials were found but the request was not signed'
      : 'no AWS credentials were available to the action (no AWS_ACCESS_KEY_ID / role session in the environment)';
    const sent = answer.kind === 'not-sent' ? 'it was not sent' : `it went out unsigned and got ${describeAnswer(answer)}`;
    return {
      explanation: `${check.route.route} needs a SigV4 signature — ${why} — but ${what}, so ${sent}.`,
      fix: CREDENTIALS_FIX,
      evidence: {
        auth: check.auth,
        authFrom: check.authFrom,
        hasCredentials: e.hasCredentials,
        signed: check.sent.signed,
        ...(answer.kind === 'not-sent' ? { notSent: answer.reason } : {}),
        answer: gatewayAnswer(answer),
      },
    };
  },
  stage(run) {
    if (run.hasCredentials) return null;
    const unsigned = run.checks
      .map((e) => e.check)
      .filter((p) => needsSigV4(p.auth))
      .sort(byLine);
    const first = unsigned[0]?.route.source;
    if (!first) {
      // Nothing declared needs signing, but without credentials the control plane was not read
      // either: the deployed auth of each route is unknown and every diagnosis less certain.
      return {
        severity: 'warning',
        message:
          'No AWS credentials were available, so the deployed stage was not read: routes were sent unsigned unless the manifest says `auth: iam`, ' +
          `and the diagnoses rest on the gateway's answers alone. ${CREDENTIALS_FIX}`,
        evidence: { routes: [], count: 0 },
      };
    }
    const routes = unsigned.map((p) => p.route.route);
    const count = routes.length === 1 ? '1 route needs' : `${routes.length} routes need`;
    return {
      message:
        `${count} SigV4 signing (auth iam) but no AWS credentials were available, so ${routes.length === 1 ? 'it was' : 'they were'} not signed: ${listForMessage(routes)}. ` +
        `API Gateway answers an unsigned call to an AWS_IAM route with 403 "Missing Authentication Token". ${CREDENTIALS_FIX}`,
      evidence: { routes, count: routes.length },
      source: { file: first.file, line: first.line, column: first.column },
    };
  },
} satisfies Rule;
