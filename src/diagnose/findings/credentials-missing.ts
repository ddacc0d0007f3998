// Routes that need SigV4 in a run without AWS credentials: one finding that lists them all,
// so the fix (a credentials step) is said once rather than on every check.
import type { ProbeResult } from '../../types.ts';
import type { FindingRule } from '../finding-rule.ts';
import { listForMessage } from '../paths.ts';
import { needsSigV4 } from '../served.ts';
import { CREDENTIALS_FIX } from '../rules/credentials-missing.ts';

const byLine = (a: ProbeResult, b: ProbeResult) => a.route.source.line - b.route.source.line || a.route.route.localeCompare(b.route.route);

export default {
  meta: { code: 'credentials-missing', title: 'No AWS credentials for the AWS_IAM routes', severity: 'error' },
  detect(ctx) {
    if (ctx.hasCredentials) return null;
    const unsigned = ctx.probes.filter((p) => needsSigV4(p.auth)).sort(byLine);
    if (unsigned.length === 0) {
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
    const first = unsigned[0].route.source;
    const count = routes.length === 1 ? '1 route needs' : `${routes.length} routes need`;
    return {
      message:
        `${count} SigV4 signing (auth iam) but no AWS credentials were available, so ${routes.length === 1 ? 'it was' : 'they were'} not signed: ${listForMessage(routes)}. ` +
        `API Gateway answers an unsigned call to an AWS_IAM route with 403 "Missing Authentication Token". ${CREDENTIALS_FIX}`,
      evidence: { routes, count: routes.length },
      source: { file: first.file, line: first.line, column: first.column },
    };
  },
} satisfies FindingRule;
