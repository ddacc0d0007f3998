// Hand-built reports for the reporting tests: realistic defaults, overridable piece by piece.
import type { Check, Diagnosis, Finding, Report } from '../../src/types.ts';

export const MANIFEST = '.github/apigw-routes.yml';
export const MAT = 'MissingAuthenticationTokenException';
const DOCS = 'https://github.com/apigw-route-verify/apigw-route-verify/blob/v1/docs/diagnoses.md';

export function diagnosis(code: string, over: Partial<Diagnosis> = {}): Diagnosis {
  return {
    code,
    severity: 'error',
    title: `Title of ${code}`,
    explanation: `Explanation of ${code}: stage prod serves deployment dep111.`,
    fix: `Run \`aws apigateway create-deployment --rest-api-id a1b2c3d4e5 --stage-name prod\`.`,
    evidence: { stage: 'prod', deploymentId: 'dep111' },
    reproduce: "curl -i -X GET 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/users/42'",
    docs: `${DOCS}#${code}`,
    ...over,
  };
}

export function passed(route: string, line: number, over: Partial<Check> = {}): Check {
  const [method, path] = route.split(' ');
  if (method === undefined || path === undefined) throw new Error(`passed(): "${route}" is not "METHOD /path"`);
  return {
    route,
    method,
    url: `https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod${path}`,
    auth: 'none',
    status: 200,
    errorType: null,
    outcome: 'passed',
    durationMs: 40,
    attempts: 1,
    source: { file: MANIFEST, line, column: 5 },
    diagnosis: null,
    ...over,
  };
}

/**
 * A fix of its own for the route on `line`: checks built apart are separate causes unless a test
 * gives them one fix (src/report/grouping.ts groups same code + same fix).
 */
export function fixFor(line: number): string {
  return `Run \`aws apigateway create-deployment --rest-api-id a1b2c3d4e5 --stage-name prod\` for the route on line ${line}.`;
}

/** A failed check, answered MAT unless told otherwise. */
export function failed(route: string, line: number, code = 'route-not-deployed', over: Partial<Check> = {}): Check {
  return passed(route, line, {
    status: 403,
    errorType: MAT,
    outcome: 'failed',
    diagnosis: diagnosis(code, { fix: fixFor(line) }),
    ...over,
  });
}

export function warned(route: string, line: number, code = 'flaky', over: Partial<Check> = {}): Check {
  return passed(route, line, {
    outcome: 'warning',
    attempts: 2,
    diagnosis: diagnosis(code, { severity: 'warning', fix: fixFor(line) }),
    ...over,
  });
}

export function finding(code: string, severity: Finding['severity'], over: Partial<Finding> = {}): Finding {
  return { code, severity, message: `Message of ${code}.`, evidence: {}, docs: `${DOCS}#${code}`, ...over };
}

export function report(checks: Check[], findings: Finding[] = [], over: Partial<Report> = {}): Report {
  return {
    version: 1,
    result: 'passed',
    api: {
      restApiId: 'a1b2c3d4e5',
      stage: 'prod',
      region: 'us-east-1',
      baseUrl: 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod',
      stageDeploymentId: 'dep111',
      latestDeploymentId: 'dep111',
    },
    findings,
    checks,
    // deliberately wrong: the report functions must count from the checks themselves
    totals: { total: -1, passed: -1, failed: -1, skipped: -1, missingAuthenticationToken: -1 },
    controlPlaneCalls: { GetStage: 1, GetResources: 1 },
    durationMs: 1234,
    ...over,
  };
}
