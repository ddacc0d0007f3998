// The registry on its own: one rule module per code, each documented, precedence and report
// order from explicit meta (never from list order), and rule modules that depend on no other.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { byPrecedence, diagnoseCheck, findingsOf, inReportOrder } from '../../src/diagnose/engine.ts';
import type { CheckInput } from '../../src/diagnose/evidence.ts';
import { evidenceOf, runEvidenceOf } from '../../src/diagnose/evidence.ts';
import { registry } from '../../src/diagnose/registry.ts';
import type { Rule } from '../../src/diagnose/rule.ts';
import { ROOT } from '../../emulator/run-action.ts';
import { blindSnapshot, context, probe, route, snapshot, table } from './fixtures.ts';
import {
  FORBIDDEN_ANSWER,
  OK,
  SIGNED,
  UNAUTHORIZED,
  WITH_KEY,
  answer,
  findingContext,
  fullSnapshot,
  on,
  passing,
} from './auth-fixtures.ts';
import { IAM, apiMissing, methods, served, stageMissing, viaBaseUrl } from './routing-fixtures.ts';
import { API, DOMAIN, UNMAPPED, domain, throughDomain } from './front-door-fixtures.ts';

const HOST = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com';
const code = (rule: Rule) => rule.meta.code;

/** Deterministic shuffles (a small LCG), so a failure can be reproduced. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Checks whose diagnoses span every tier, where several rules could fit. */
const CHECKS: [string, CheckInput][] = [
  ['unknown API', context(probe('GET /users'), { snapshot: apiMissing() })],
  ['unknown stage', context(probe('GET /users'), { snapshot: stageMissing(['production']) })],
  ['no stage in the base URL', viaBaseUrl('GET /user', HOST)],
  ['base-url names another API', viaBaseUrl('GET /reports', 'https://zz9yy8xx7w.execute-api.us-east-1.amazonaws.com/prod')],
  [
    'custom domain, unmapped base path',
    throughDomain('GET /users', `https://${DOMAIN}`, domain([{ basePath: 'v1', restApiId: API, stage: 'prod' }]), UNMAPPED),
  ],
  [
    'defined, not deployed',
    context(probe('GET /admin'), { snapshot: snapshot({ deployed: table(), defined: { ...table(), ...methods('GET /admin') } }) }),
  ],
  ['preflight', context(probe(route('OPTIONS /orders', { cors: { origin: 'https://app.example.com', method: 'POST', headers: [] } })))],
  ['root behind a proxy', served(probe('GET /'), methods('ANY /{proxy+}'))],
  ['verb missing', served(probe('GET /bookings'), methods('POST /bookings', 'GET /bookings/{id}'))],
  ['prefix of a {param}', served(probe('GET /users'), methods('GET /users/{id}'))],
  ['plural typo', context(probe('GET /user'))],
  ['unsigned IAM', context(probe('GET /reports'))],
  ['declared none on IAM', on(route('GET /reports', { auth: 'none' }), { authFrom: 'manifest' })],
  [
    'declared iam on an open route, passed',
    passing(on(route('GET /health', { auth: 'iam' }), { ...OK, auth: 'iam', authFrom: 'manifest', sent: SIGNED })),
  ],
  ['no credentials', on('GET /reports', { auth: 'iam', authFrom: 'deployed' }, { hasCredentials: false })],
  ['key missing', on('POST /users', FORBIDDEN_ANSWER)],
  ['key refused', on('POST /users', { ...FORBIDDEN_ANSWER, sent: WITH_KEY })],
  ['private API', on('GET /health', FORBIDDEN_ANSWER, { snapshot: fullSnapshot({ api: { status: 'ok', endpointTypes: ['PRIVATE'] } }) })],
  ['authorizer', on('POST /orders', UNAUTHORIZED)],
  ['backend failure', on('GET /health', answer(502, 'InternalServerErrorException', 'Internal server error'))],
  ['throttled', on('GET /health', answer(429, 'TooManyRequestsException', 'Too Many Requests'))],
  [
    'no answer',
    on('GET /health', { status: undefined, networkError: 'ECONNRESET', attempts: [{ networkError: 'ECONNRESET', durationMs: 5 }] }),
  ],
  [
    'flaky',
    passing(
      on('GET /health', {
        ...OK,
        attempts: [
          { status: 503, durationMs: 20 },
          { status: 200, durationMs: 20 },
        ],
      }),
    ),
  ],
  ['passed', passing(on('GET /health', OK))],
  ['MAT, blind', context(probe('GET /reports', { authFrom: 'default' }), { snapshot: blindSnapshot() })],
  [
    'proxy served a guarded path',
    served(
      probe('GET /admin', answer(500, 'InternalServerErrorException', 'Internal server error')),
      methods(['POST /admin', IAM], 'ANY /{proxy+}'),
    ),
  ],
];

describe('the registry', () => {
  test('one rule module per code, each code once', async () => {
    const files = (await readdir(path.join(ROOT, 'src/diagnose/rules')))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.replace(/\.ts$/, ''));
    const codes = registry.map(code);
    assert.equal(new Set(codes).size, codes.length, 'codes are unique');
    assert.deepEqual([...codes].sort(), [...files].sort(), 'every file under src/diagnose/rules is registered under its own name');
  });

  test('every code has its section in docs/diagnoses.md', async () => {
    const docs = await readFile(path.join(ROOT, 'docs/diagnoses.md'), 'utf8');
    const sections = new Set([...docs.matchAll(/^## ([a-z0-9-]+)$/gm)].map((m) => m[1]));
    for (const rule of registry) assert.ok(sections.has(code(rule)), `docs section for ${code(rule)}`);
  });

  test('meta says what each rule does: scope matches its functions; stage rules have a report group', () => {
    for (const rule of registry) {
      const scope = [...(rule.check ? ['check'] : []), ...(rule.stage ? ['stage'] : [])];
      assert.deepEqual([...rule.meta.scope].sort(), scope, `${code(rule)} scope`);
      assert.equal(rule.stage !== undefined, rule.meta.findingGroup !== undefined, `${code(rule)} findingGroup`);
      assert.ok(Number.isInteger(rule.meta.priority), `${code(rule)} priority`);
    }
  });

  test('precedence is a total order: no two check rules share a tier and priority', () => {
    const keys = registry.filter((r) => r.check).map((r) => `${r.meta.tier}/${r.meta.priority}`);
    assert.equal(new Set(keys).size, keys.length, keys.join(', '));
    const findingKeys = registry.filter((r) => r.stage).map((r) => `${r.meta.findingGroup}/${r.meta.tier}/${r.meta.priority}`);
    assert.equal(new Set(findingKeys).size, findingKeys.length, findingKeys.join(', '));
  });

  test('precedence order: routing, then auth, then the rest, most specific first, unexpected-status last', () => {
    assert.deepEqual(byPrecedence(registry).map(code), [
      'base-url-mismatch',
      'default-endpoint-disabled',
      'api-not-found',
      'stage-not-found',
      'base-path-mapping',
      'cloudfront-path',
      'stage-missing-in-url',
      'canary-active',
      'route-not-deployed',
      'cors-preflight-missing',
      'root-has-no-method',
      'method-not-defined',
      'path-parameter-missing',
      'resource-not-found',
      'private-api',
      'waf-blocked',
      'auth-mismatch',
      'auth-not-enforced',
      'credentials-missing',
      'iam-signature-required',
      'authorization-header-not-sigv4',
      'signature-invalid',
      'credentials-invalid',
      'iam-access-denied',
      'api-key-missing',
      'api-key-rejected',
      'authorizer-unauthorized',
      'integration-error',
      'throttled',
      'network-error',
      'flaky',
      'unexpected-status',
    ]);
  });

  test('finding order: the findings that explain every failed check, then the deployment state, then notices', () => {
    assert.deepEqual(inReportOrder(registry).map(code), [
      'base-url-mismatch',
      'default-endpoint-disabled',
      'api-not-found',
      'stage-not-found',
      'private-api',
      'credentials-missing',
      'control-plane-denied',
      'control-plane-unavailable',
      'run-cancelled',
      'canary-active',
      'deployment-mismatch',
      'stage-behind-latest',
      'auth-bypass-via-proxy',
      'undeclared-routes',
    ]);
  });

  test('a shuffled registry gives the same diagnoses', () => {
    const evidence = CHECKS.map(([name, ctx]) => [name, evidenceOf(ctx)] as const);
    const expected = evidence.map(([, e]) => diagnoseCheck(e));
    // The cases really reach different rules: the test would notice a precedence change.
    assert.ok(new Set(expected.map((d) => d.diagnosis?.code)).size >= 22);
    for (const seed of [1, 2, 3, 42, 1234]) {
      const rules = shuffled(registry, seed);
      evidence.forEach(([name, e], i) => assert.deepEqual(diagnoseCheck(e, rules), expected[i], `${name}, seed ${seed}`));
    }
  });

  test('a shuffled registry gives the same findings, in the same order', () => {
    const run = runEvidenceOf(
      findingContext({
        snapshot: fullSnapshot({
          api: { status: 'ok', endpointTypes: ['PRIVATE'] },
          stageInfo: { status: 'ok', deploymentId: 'dep111', existingStages: ['prod'] },
          latestDeployment: { id: 'dep222' },
        }),
        probes: [probe('GET /reports', { ...FORBIDDEN_ANSWER, auth: 'iam' })],
        hasCredentials: false,
      }),
    );
    const expected = findingsOf(run);
    assert.ok(expected.length >= 4, expected.map((f) => f.code).join(', '));
    for (const seed of [1, 2, 3, 42, 1234]) assert.deepEqual(findingsOf(run, shuffled(registry, seed)), expected, `seed ${seed}`);
  });
});

describe('layering', () => {
  const importsOf = async (dir: string): Promise<[string, string[]][]> => {
    const files = (await readdir(path.join(ROOT, dir), { recursive: true })).filter((f) => f.endsWith('.ts'));
    return Promise.all(
      files.map(async (f): Promise<[string, string[]]> => {
        const text = await readFile(path.join(ROOT, dir, f), 'utf8');
        return [f, [...text.matchAll(/^import [^;]*? from '([^']+)';/gms)].map((m) => m[1] ?? '')];
      }),
    );
  };

  test('a rule module imports no other rule module and nothing of the probe', async () => {
    for (const [file, imports] of await importsOf('src/diagnose/rules')) {
      for (const target of imports) {
        assert.ok(!target.startsWith('./'), `${file} imports the rule ${target}`);
        assert.ok(!target.includes('/probe/'), `${file} imports ${target}`);
      }
    }
  });

  test('diagnose does not import probe, and probe does not import diagnose', async () => {
    for (const [file, imports] of await importsOf('src/diagnose'))
      for (const t of imports) assert.ok(!t.includes('probe/'), `${file} imports ${t}`);
    for (const [file, imports] of await importsOf('src/probe'))
      for (const t of imports) assert.ok(!t.includes('diagnose/'), `${file} imports ${t}`);
  });
});
