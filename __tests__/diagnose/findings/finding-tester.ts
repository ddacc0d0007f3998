// Table tests for stage-level finding rules, in the style of rule-tester.ts: contexts a
// finding must stay silent on (valid) and contexts it must report (invalid).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunInput } from '../../../src/diagnose/evidence.ts';
import { runEvidenceOf } from '../../../src/diagnose/evidence.ts';
import type { FindingDraft, Rule } from '../../../src/diagnose/rule.ts';
import type { Settings } from '../../../src/settings.ts';
import type { Finding, Manifest, RouteSpec, Severity, Snapshot } from '../../../src/types.ts';
import { snapshot } from '../fixtures.ts';

export function settings(over: Partial<Settings> = {}): Settings {
  return {
    restApiId: 'a1b2c3d4e5',
    stage: 'prod',
    region: 'us-east-1',
    baseUrl: 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod',
    baseUrlIsDefault: true,
    apiKey: '',
    authorizerToken: '',
    expectedDeploymentId: '',
    deploymentCheck: 'warning',
    waitForDeploymentSeconds: 0,
    concurrency: 8,
    timeoutMs: 10_000,
    retries: 2,
    failOn: 'error',
    reportFile: 'apigw-route-verify.json',
    summary: true,
    comment: 'off',
    githubToken: '',
    connectTo: [],
    ...over,
  };
}

/** A manifest whose api block declares the default API id (line 3) and stage (line 4). */
export function manifest(routes: RouteSpec[] = [], over: Partial<Manifest> = {}): Manifest {
  const file = '.github/apigw-routes.yml';
  return {
    file,
    api: { restApiId: 'a1b2c3d4e5', stage: 'prod' },
    apiSource: { restApiId: { file, line: 3, column: 16 }, stage: { file, line: 4, column: 10 } },
    routes,
    ...over,
  };
}

export function findingContext(over: { snapshot?: Snapshot; settings?: Partial<Settings>; manifest?: Manifest } = {}): RunInput {
  return {
    snapshot: over.snapshot ?? snapshot(),
    settings: settings(over.settings),
    manifest: over.manifest ?? manifest(),
    probes: [],
    hasCredentials: true,
  };
}

export interface FindingCase {
  name: string;
  ctx: RunInput;
  /** fragments the message must contain */
  says?: (string | RegExp)[];
  /** fragments the message must not contain */
  doesNotSay?: string[];
  evidence?: Record<string, unknown>;
  severity?: Severity;
  /** the annotation target; null: none */
  source?: Finding['source'] | null;
}

/** A stage rule over the run's evidence. */
export function detect(rule: Rule, ctx: RunInput): FindingDraft | null {
  assert.ok(rule.stage, `${rule.meta.code} reports findings`);
  return rule.stage(runEvidenceOf(ctx));
}

export function findingTester(rule: Rule, cases: { valid: { name: string; ctx: RunInput }[]; invalid: FindingCase[] }): void {
  describe(`finding ${rule.meta.code}`, () => {
    test('has its metadata', () => {
      assert.match(rule.meta.code, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(rule.meta.title.length > 0);
    });
    for (const c of cases.valid) {
      test(`valid: ${c.name}`, () => assert.equal(detect(rule, c.ctx), null));
    }
    for (const c of cases.invalid) {
      test(`invalid: ${c.name}`, () => {
        const draft = detect(rule, c.ctx);
        assert.ok(draft, 'the finding should be reported');
        for (const f of c.says ?? []) {
          if (typeof f === 'string') assert.ok(draft.message.includes(f), `message should contain ${JSON.stringify(f)}:\n${draft.message}`);
          else assert.match(draft.message, f);
        }
        for (const f of c.doesNotSay ?? [])
          assert.ok(!draft.message.includes(f), `message should not contain ${JSON.stringify(f)}:\n${draft.message}`);
        for (const [k, v] of Object.entries(c.evidence ?? {})) assert.deepEqual(draft.evidence[k], v, `evidence.${k}`);
        if (c.severity) assert.equal(draft.severity ?? rule.meta.severity, c.severity);
        if (c.source !== undefined) assert.deepEqual(draft.source, c.source ?? undefined);
      });
    }
  });
}
