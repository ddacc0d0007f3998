// The fault matrix: the bundled action against the emulator (and loopback stand-ins for DNS,
// TLS and the GitHub API) under every fault the network and the services can throw at it.
// Each case asserts the verdict or diagnosis AND that the run ended within a generous bound:
// nothing a server does (or does not do) may hold the job. Small `timeout` inputs keep it fast.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { rm } from 'node:fs/promises';
import { type Emulator, startEmulator } from '../../emulator/index.ts';
import type { EmulatorModel, FaultModel, IdentityModel, ResourcesModel } from '../../emulator/model.ts';
import { type ActionRun, annotationsOf, type RunOptions, runAction, TEST_CREDENTIALS } from '../../emulator/run-action.ts';
import type { Check, Finding, Report } from '../../src/types.ts';
import { manifestFor } from './support-routing.ts';

const API = 'faults0e2e';
const STAGE = 'prod';
const ROUTES_FILE = '.github/apigw-routes.yml';
const IDENTITY: IdentityModel = { ...TEST_CREDENTIALS, arn: 'arn:aws:sts::123456789012:assumed-role/deploy/ci' };

/** Bounds are generous (a shared, noisy machine): they prove the run ends, not that it is fast. */
const SLACK_MS = 15_000;

const RESOURCES: ResourcesModel = Object.fromEntries(
  [
    '/ok',
    '/reset',
    '/midbody',
    '/hang',
    '/bad-gateway',
    '/unavailable',
    '/gateway-timeout',
    '/once',
    '/redirect',
    '/huge',
    '/endless',
    '/expect500',
    '/reachable',
    '/throttled',
    '/throttled-bare',
    '/slow',
  ].map((path) => [path, { GET: {} }]),
);

function model(identities: IdentityModel[] = [IDENTITY]): EmulatorModel {
  return {
    region: 'us-east-1',
    apis: [
      {
        id: API,
        name: 'faults',
        endpointType: 'REGIONAL',
        resources: RESOURCES,
        deployments: [{ id: 'd1', createdDate: '2026-01-01T00:00:00.000Z', resources: RESOURCES }],
        stages: [{ name: STAGE, deploymentId: 'd1' }],
      },
    ],
    identities,
  };
}

const MANY = 1000;

/** Runs the action and removes its workspace afterwards; keeps the numbers for the matrix. */
async function run(
  emulator: Emulator | undefined,
  routes: string,
  options: { inputs?: Record<string, string> } & Omit<RunOptions, 'inputs' | 'emulator'> = {},
): Promise<ActionRun> {
  const { inputs, files, ...rest } = options;
  const result = await runAction({
    ...(emulator ? { emulator } : {}),
    inputs: {
      ...(emulator ? { 'base-url': emulator.invokeUrl(API, STAGE), 'connect-to': emulator.connectTo } : {}),
      timeout: '1',
      retries: '1',
      ...inputs,
    },
    files: { [ROUTES_FILE]: manifestFor(API, STAGE, routes), ...files },
    ...rest,
  });
  await rm(result.workspace, { recursive: true, force: true });
  return result;
}

const reportOf = (r: ActionRun): Report => {
  assert.ok(r.report, `no JSON report; exit ${r.exitCode}\n${r.stdout}\n${r.stderr}`);
  return r.report as unknown as Report;
};
const checkOf = (r: ActionRun, route: string): Check => {
  const check = reportOf(r).checks.find((c) => c.route === route);
  assert.ok(check, `no check ${route}`);
  return check;
};
const findingCodes = (r: ActionRun): string[] => reportOf(r).findings.map((f: Finding) => f.code);
const finding = (r: ActionRun, code: string): Finding => {
  const f = reportOf(r).findings.find((x) => x.code === code);
  assert.ok(f, `no ${code} finding; findings: ${findingCodes(r).join(', ')}`);
  return f;
};

/** fault → verdict and duration, printed at the end: the matrix the report quotes. */
const matrix: string[] = [];
function record(fault: string, verdict: string, ms: number): void {
  matrix.push(`${fault.padEnd(44)} ${verdict.padEnd(58)} ${Math.round(ms).toString().padStart(6)} ms`);
}
after(() => {
  if (process.env.FAULT_MATRIX) console.log(`\n${matrix.join('\n')}`);
});

function closedPort(): Promise<number> {
  const server = http.createServer();
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    }),
  );
}

// ─── data plane ──────────────────────────────────────────────────────────────

describe('data-plane faults (timeout 1 s, retries 1)', () => {
  let emulator: Emulator;
  let result: ActionRun;
  const fault = (target: string, f: Omit<FaultModel, 'target' | 'count'>, count = MANY) => emulator.addFault({ target, count, ...f });

  before(async () => {
    emulator = await startEmulator(model());
    fault('GET /reset', { kind: 'reset' });
    fault('GET /midbody', { kind: 'reset-mid-body' });
    fault('GET /hang', { kind: 'hang' });
    fault('GET /bad-gateway', { kind: 'status', status: 502 });
    fault('GET /unavailable', { kind: 'status', status: 503 });
    fault('GET /gateway-timeout', { kind: 'status', status: 504 });
    fault('GET /once', { kind: 'server-error' }, 1);
    fault('GET /redirect', { kind: 'redirect', location: 'http://elsewhere.invalid/steal' });
    fault('GET /huge', { kind: 'huge-body', bytes: 100 * 1024 * 1024 });
    fault('GET /endless', { kind: 'endless-body' });
    fault('GET /expect500', { kind: 'server-error' });
    fault('GET /reachable', { kind: 'status', status: 503 });
    // Retry-After far beyond the timeout: the wait is capped at `timeout`.
    fault('GET /throttled', { kind: 'throttle', retryAfter: 3600 });
    fault('GET /throttled-bare', { kind: 'throttle', retryAfter: null });
    const routes = [...Object.keys(RESOURCES)]
      .filter((p) => p !== '/slow')
      .map((p) =>
        p === '/expect500'
          ? `  - route: GET ${p}\n    expect: [500]`
          : p === '/reachable'
            ? `  - route: GET ${p}\n    expect: reachable`
            : `  - GET ${p}`,
      )
      .join('\n');
    result = await run(emulator, `${routes}\n`, { inputs: { concurrency: '16' } });
  });
  after(() => emulator.close());

  /** A route's time is bounded by (2·retries + 1) × timeout (docs/limits.md): 3 s here. */
  const ROUTE_BOUND_MS = 3 * 1000 + 1500;

  test('the whole run ends, and no route takes longer than its bound', () => {
    record('(all data-plane faults, one run)', `exit ${result.exitCode}, result ${result.outputs.result}`, result.durationMs);
    assert.ok(result.durationMs < ROUTE_BOUND_MS + SLACK_MS, `${result.durationMs} ms`);
    for (const c of reportOf(result).checks) assert.ok(c.durationMs < ROUTE_BOUND_MS, `${c.route}: ${c.durationMs} ms`);
    assert.equal(result.exitCode, 1);
    assert.equal(result.outputs.result, 'failed');
  });

  const cases: Array<[string, string, (c: Check) => void]> = [
    [
      'reset before the answer',
      'GET /reset',
      (c) => {
        assert.equal(c.diagnosis?.code, 'network-error');
        assert.equal(c.diagnosis?.evidence.kind, 'reset');
        assert.equal(c.attempts, 2);
      },
    ],
    [
      'reset in the middle of the body',
      'GET /midbody',
      (c) => {
        assert.equal(c.diagnosis?.code, 'network-error');
        assert.equal(c.diagnosis?.evidence.kind, 'reset', String(c.diagnosis?.evidence.networkError));
        assert.doesNotMatch(c.diagnosis?.fix ?? '', /timeout/);
      },
    ],
    [
      'hang (no answer at all)',
      'GET /hang',
      (c) => {
        assert.equal(c.diagnosis?.code, 'network-error');
        assert.equal(c.diagnosis?.evidence.kind, 'timeout');
        assert.equal(c.attempts, 2);
      },
    ],
    [
      'bare 502',
      'GET /bad-gateway',
      (c) => {
        assert.equal(c.status, 502);
        assert.equal(c.diagnosis?.code, 'integration-error');
      },
    ],
    [
      'bare 503',
      'GET /unavailable',
      (c) => {
        assert.equal(c.status, 503);
        assert.equal(c.outcome, 'failed');
        assert.equal(c.attempts, 2);
      },
    ],
    [
      'bare 504',
      'GET /gateway-timeout',
      (c) => {
        assert.equal(c.status, 504);
        assert.equal(c.diagnosis?.code, 'integration-error');
      },
    ],
    [
      '500 once, then 200',
      'GET /once',
      (c) => {
        assert.equal(c.outcome, 'warning');
        assert.equal(c.diagnosis?.code, 'flaky');
        assert.equal(c.attempts, 2);
      },
    ],
    [
      'redirect to another host (never followed)',
      'GET /redirect',
      (c) => {
        assert.equal(c.status, 302);
        assert.equal(c.attempts, 1);
        assert.equal(c.diagnosis?.code, 'unexpected-status');
      },
    ],
    [
      '100 MB body',
      'GET /huge',
      (c) => {
        assert.equal(c.status, 200);
        assert.equal(c.outcome, 'passed');
        // The action stopped reading after its bounded prefix: the server could not push it all.
        assert.ok(
          (emulator.state.streamedBytes['GET /huge'] ?? 0) < 32 * 1024 * 1024,
          `${emulator.state.streamedBytes['GET /huge']} bytes written`,
        );
      },
    ],
    [
      'endless body',
      'GET /endless',
      (c) => {
        assert.equal(c.status, 200);
        assert.equal(c.outcome, 'passed');
      },
    ],
    [
      '500 that meets expect: [500]',
      'GET /expect500',
      (c) => {
        assert.equal(c.status, 500);
        assert.equal(c.outcome, 'passed');
        assert.equal(c.attempts, 1, 'an expected answer is not retried');
        assert.equal(c.diagnosis, null, 'and never called flaky');
      },
    ],
    [
      '503 under expect: reachable',
      'GET /reachable',
      (c) => {
        assert.equal(c.status, 503);
        assert.equal(c.outcome, 'passed');
        assert.equal(c.attempts, 1);
        assert.equal(c.diagnosis, null);
      },
    ],
    [
      '429 with Retry-After: 3600',
      'GET /throttled',
      (c) => {
        assert.equal(c.diagnosis?.code, 'throttled');
        assert.equal(c.attempts, 2);
        assert.ok(c.durationMs < 3000, `waited ${c.durationMs} ms: Retry-After is capped at timeout`);
      },
    ],
    [
      '429 without Retry-After',
      'GET /throttled-bare',
      (c) => {
        assert.equal(c.diagnosis?.code, 'throttled');
        assert.equal(c.attempts, 2);
      },
    ],
  ];
  for (const [name, route, check] of cases) {
    test(name, () => {
      const c = checkOf(result, route);
      record(
        `data plane: ${name}`,
        `${c.outcome} ${c.status ?? 'no answer'} ${c.diagnosis?.code ?? ''} (${c.attempts} attempts)`,
        c.durationMs,
      );
      check(c);
    });
  }

  test('the redirect target was never contacted, and the emulator saw one request per attempt', () => {
    assert.equal(emulator.state.dataCalls['GET /redirect'], 1);
    assert.equal(emulator.state.dataCalls['GET /hang'], 2);
  });
});

describe('base-url faults (timeout 1 s, retries 1)', () => {
  test('DNS failure: a host that does not resolve', async () => {
    const r = await run(undefined, '  - GET /ok\n', {
      inputs: { 'base-url': `https://${API}.does-not-exist.invalid/${STAGE}` },
      credentials: false,
    });
    const c = checkOf(r, 'GET /ok');
    record('DNS failure (.invalid host)', `${c.diagnosis?.code} ${String(c.diagnosis?.evidence.kind)}`, r.durationMs);
    assert.equal(c.diagnosis?.code, 'network-error');
    assert.equal(c.diagnosis?.evidence.kind, 'dns');
    assert.equal(r.exitCode, 1);
    assert.ok(r.durationMs < 3000 + SLACK_MS, `${r.durationMs} ms`);
  });

  test('TLS failure: https to a plain-http port', async () => {
    const emulator = await startEmulator(model());
    try {
      const r = await run(emulator, '  - GET /ok\n', {
        inputs: { 'base-url': `https://${API}.execute-api.us-east-1.amazonaws.com/${STAGE}` },
      });
      const c = checkOf(r, 'GET /ok');
      record('TLS failure (https to plain http)', `${c.diagnosis?.code} ${String(c.diagnosis?.evidence.kind)}`, r.durationMs);
      assert.equal(c.diagnosis?.code, 'network-error');
      assert.equal(c.diagnosis?.evidence.kind, 'tls', String(c.diagnosis?.evidence.networkError));
      assert.ok(r.durationMs < 3000 + SLACK_MS, `${r.durationMs} ms`);
    } finally {
      await emulator.close();
    }
  });

  test('connection refused', async () => {
    const port = await closedPort();
    const r = await run(undefined, '  - GET /ok\n', { inputs: { 'base-url': `http://127.0.0.1:${port}/${STAGE}` }, credentials: false });
    const c = checkOf(r, 'GET /ok');
    record('connection refused', `${c.diagnosis?.code} ${String(c.diagnosis?.evidence.kind)}`, r.durationMs);
    assert.equal(c.diagnosis?.evidence.kind, 'refused');
    assert.ok(r.durationMs < 3000 + SLACK_MS, `${r.durationMs} ms`);
  });
});

// ─── control plane ───────────────────────────────────────────────────────────

describe('control-plane faults: the routes still pass, the failed read is a finding', { concurrency: 3 }, () => {
  const ROUTES = '  - GET /ok\n';
  /** (retries+1) attempts of timeout per call, the SDK's backoff between them, a few calls in a row */
  const CONTROL_BOUND_MS = 12_000;

  const cases: Array<[string, FaultModel | 'denied', string | null]> = [
    [
      'throttled with Retry-After (GetDeployments)',
      { target: 'GetDeployments', count: MANY, kind: 'throttle', retryAfter: 1 },
      'control-plane-unavailable',
    ],
    // An all-green run never reads the definition, so a GetResources fault changes nothing.
    [
      'throttled GetResources, not needed when every route passes',
      { target: 'GetResources', count: MANY, kind: 'throttle', retryAfter: 1 },
      null,
    ],
    [
      'throttled without Retry-After (GetAuthorizers)',
      { target: 'GetAuthorizers', count: MANY, kind: 'throttle', retryAfter: null },
      'control-plane-unavailable',
    ],
    ['throttled once, then answered (GetStages)', { target: 'GetStages', count: 1, kind: 'throttle', retryAfter: 0 }, null],
    ['5xx (GetStages)', { target: 'GetStages', count: MANY, kind: 'server-error', retryAfter: 0 }, 'control-plane-unavailable'],
    ['hang (GetRestApi)', { target: 'GetRestApi', count: MANY, kind: 'hang' }, 'control-plane-unavailable'],
    ['malformed JSON (GetDeployments)', { target: 'GetDeployments', count: MANY, kind: 'malformed-json' }, 'control-plane-unavailable'],
    ['reset (GetDeployment)', { target: 'GetDeployment', count: MANY, kind: 'reset' }, 'control-plane-unavailable'],
    ['denied (apigateway:GET)', 'denied', 'control-plane-denied'],
  ];

  for (const [name, fault, code] of cases) {
    test(name, async () => {
      const emulator = await startEmulator(model(fault === 'denied' ? [{ ...IDENTITY, controlPlane: false }] : [IDENTITY]));
      try {
        if (fault !== 'denied') emulator.addFault(fault);
        const r = await run(emulator, ROUTES);
        const codes = findingCodes(r);
        record(`control plane: ${name}`, `${r.outputs.result}, findings: ${codes.join(', ') || 'none'}`, r.durationMs);
        assert.equal(checkOf(r, 'GET /ok').outcome, 'passed');
        assert.equal(r.outputs.result, 'passed');
        assert.equal(r.exitCode, 0, r.stdout);
        if (code) {
          const f = finding(r, code);
          assert.equal(f.severity, 'warning');
          if (fault !== 'denied') {
            const op = fault.target;
            assert.ok(f.message.includes(op), f.message);
          }
        } else {
          assert.deepEqual(
            codes.filter((c) => c.startsWith('control-plane')),
            [],
          );
        }
        assert.ok(r.durationMs < CONTROL_BOUND_MS + SLACK_MS, `${r.durationMs} ms`);
      } finally {
        await emulator.close();
      }
    });
  }
});

// ─── GitHub API ──────────────────────────────────────────────────────────────

describe('GitHub API faults: the comment fails alone, within its deadline', () => {
  let emulator: Emulator;
  let server: http.Server;
  let apiUrl = '';
  let mode: 'hang' | 'forbidden' = 'hang';
  before(async () => {
    emulator = await startEmulator(model());
    server = http.createServer((req, res) => {
      req.resume();
      if (mode === 'hang') return; // accepted, never answered
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Resource not accessible by integration' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await Promise.all([new Promise((resolve) => server.close(resolve)), emulator.close()]);
  });

  const comment = () =>
    run(emulator, '  - GET /ok\n', {
      inputs: { comment: 'always', 'github-token': 'ghs_fakeTokenForTheFaultMatrix0123456789' },
      files: { '_event.json': JSON.stringify({ pull_request: { number: 7 } }) },
      env: { GITHUB_API_URL: apiUrl, GITHUB_REPOSITORY: 'octo/shop', GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: '_event.json' },
    });

  for (const m of ['hang', 'forbidden'] as const) {
    test(`GitHub API ${m === 'hang' ? 'hang' : '403'}`, async () => {
      mode = m;
      const r = await comment();
      record(
        `GitHub API ${m === 'hang' ? 'hang' : '403'} (PR comment)`,
        `exit ${r.exitCode}, result ${r.outputs.result}, comment warning`,
        r.durationMs,
      );
      assert.equal(r.exitCode, 0, r.stdout);
      assert.equal(r.outputs.result, 'passed');
      const [warning] = annotationsOf(r.stdout).filter((a) => a.title === 'apigw-route-verify: comment');
      assert.ok(warning, r.stdout);
      assert.match(warning.message, m === 'hang' ? /did not answer in time \(3 s for the whole comment\)/ : /pull-requests: write/);
      assert.ok(r.summary.includes('GET /ok'), 'the summary was written');
      // The comment's deadline is 3 × timeout (1 s).
      assert.ok(r.durationMs < 3000 + SLACK_MS, `${r.durationMs} ms`);
    });
  }
});

// ─── writers ─────────────────────────────────────────────────────────────────

describe('each writer fails alone', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator(model());
  });
  after(() => emulator.close());

  test('an unwritable report-file: a warning, and the summary and outputs are still written', async () => {
    const r = await run(emulator, '  - GET /ok\n', { inputs: { 'report-file': '/dev/null/report.json' } });
    record('unwritable report-file', `exit ${r.exitCode}, result ${r.outputs.result}, report warning`, r.durationMs);
    const [warning] = annotationsOf(r.stdout).filter((a) => a.title === 'apigw-route-verify: JSON report');
    assert.ok(warning, r.stdout);
    assert.match(
      warning.message,
      /^Could not write the JSON report to \/dev\/null\/report.json: .*Set the report-file input to a writable path/,
    );
    assert.equal(r.outputs.result, 'passed');
    assert.equal(r.outputs.total, '1');
    assert.equal(r.outputs['report-file'], '', 'no report file to point at');
    assert.match(r.summary, /GET \/ok/);
    assert.equal(r.exitCode, 0);
  });

  test('no GITHUB_STEP_SUMMARY: not fatal, the report and outputs are written', async () => {
    const r = await run(emulator, '  - GET /ok\n', { env: { GITHUB_STEP_SUMMARY: undefined } });
    record('no GITHUB_STEP_SUMMARY', `exit ${r.exitCode}, result ${r.outputs.result}`, r.durationMs);
    assert.equal(r.exitCode, 0, r.stdout);
    assert.equal(r.outputs.result, 'passed');
    assert.equal(reportOf(r).checks.length, 1);
    assert.match(r.stdout, /No job summary: GITHUB_STEP_SUMMARY is not set/);
  });
});

// ─── cancellation ────────────────────────────────────────────────────────────

describe('a cancelled job (SIGTERM mid-run)', () => {
  test('writes the summary, report and outputs with the unchecked routes skipped, and exits non-zero within 2 s', async () => {
    const emulator = await startEmulator(model());
    try {
      // The first route passes, the second hangs (timeout 30 s): the signal comes while it is in flight.
      emulator.addFault({ target: 'GET /hang', count: MANY, kind: 'hang' });
      let signalledAt = 0;
      const r = await run(emulator, '  - GET /ok\n  - GET /hang\n  - GET /slow\n  - GET /reset\n', {
        inputs: { concurrency: '1', timeout: '30' },
        onSpawn: (child) => {
          const poll = setInterval(() => {
            if (emulator.state.dataCalls['GET /hang']) {
              clearInterval(poll);
              signalledAt = performance.now();
              child.kill('SIGTERM');
            }
          }, 20);
          child.on('exit', () => clearInterval(poll));
        },
      });
      const afterSignal = performance.now() - signalledAt;
      record(
        'SIGTERM mid-run',
        `exit ${r.exitCode}, result ${r.outputs.result}, ${reportOf(r).totals.skipped} skipped; ${Math.round(afterSignal)} ms after the signal`,
        r.durationMs,
      );
      assert.ok(signalledAt > 0, 'the signal was sent');
      assert.notEqual(r.exitCode, 0);
      assert.ok(afterSignal < 2000 + 1500, `exited ${afterSignal} ms after SIGTERM`);
      const report = reportOf(r);
      assert.equal(checkOf(r, 'GET /ok').outcome, 'passed');
      for (const route of ['GET /hang', 'GET /slow', 'GET /reset']) {
        const c = checkOf(r, route);
        assert.equal(c.outcome, 'skipped', route);
        assert.equal(c.reason, 'cancelled before it was checked');
      }
      assert.equal(report.totals.skipped, 3);
      assert.equal(emulator.state.dataCalls['GET /slow'], undefined, 'no request after the signal');
      assert.equal(r.outputs.result, 'failed');
      assert.equal(r.outputs.total, '4');
      assert.match(r.summary, /The run was cancelled/);
      assert.match(r.stdout, /Received SIGTERM/);
    } finally {
      await emulator.close();
    }
  });

  test('SIGINT while the control plane hangs: every route skipped, exits non-zero within 2 s', async () => {
    const emulator = await startEmulator(model());
    try {
      emulator.addFault({ target: 'GetRestApi', count: MANY, kind: 'hang' });
      let signalledAt = 0;
      const r = await run(emulator, '  - GET /ok\n  - GET /slow\n', {
        inputs: { timeout: '30' },
        onSpawn: (child) => {
          const poll = setInterval(() => {
            if (emulator.state.controlCalls.GetRestApi) {
              clearInterval(poll);
              signalledAt = performance.now();
              child.kill('SIGINT');
            }
          }, 20);
          child.on('exit', () => clearInterval(poll));
        },
      });
      const afterSignal = performance.now() - signalledAt;
      const report = reportOf(r);
      record(
        'SIGINT while GetRestApi hangs',
        `exit ${r.exitCode}, result ${r.outputs.result}, ${report.totals.skipped} skipped; ${Math.round(afterSignal)} ms after the signal`,
        r.durationMs,
      );
      assert.ok(signalledAt > 0, 'the signal was sent');
      assert.notEqual(r.exitCode, 0);
      assert.ok(afterSignal < 2000 + 1500, `exited ${afterSignal} ms after SIGINT`);
      assert.deepEqual(
        report.checks.map((c) => c.outcome),
        ['skipped', 'skipped'],
      );
      assert.deepEqual(emulator.state.dataCalls, {}, 'no smoke request after the signal');
      assert.equal(r.outputs.total, '2');
      assert.match(r.summary, /The run was cancelled/);
    } finally {
      await emulator.close();
    }
  });
});
