// Turns the action's raw inputs and the manifest's `api` block into Settings.
// Precedence (docs/manifest.md): input > manifest `api` > AWS_REGION > AWS_DEFAULT_REGION.
// Pure: src/main.ts reads the inputs; this only validates and merges them.
import path from 'node:path';
import { checkBaseUrl, isTrustedHost, normalizeHost, parseTrustedHosts } from './base-url.ts';
import { parseConnectTo } from './probe/connect-to.ts';
import type { CommentMode, DeploymentCheck, FailOn, MergeSettings, Settings } from './settings.ts';
import { parseShard } from './shard.ts';
import type { InputProblem, Manifest, SourceLocation } from './types.ts';

export const INPUT_NAMES = [
  'routes',
  'rest-api-id',
  'stage',
  'region',
  'base-url',
  'api-key',
  'authorizer-token',
  'expected-deployment-id',
  'deployment-check',
  'wait-for-deployment',
  'concurrency',
  'timeout',
  'retries',
  'fail-on',
  'report-file',
  'summary',
  'comment',
  'github-token',
  'connect-to',
  'trusted-hosts',
  'shard',
  'merge-reports',
  'negative-probes',
] as const;

export type InputName = (typeof INPUT_NAMES)[number];
export type RawInputs = Record<InputName, string>;

export const DEFAULT_ROUTES_FILE = '.github/apigw-routes.yml';

const DEFAULTS: Partial<RawInputs> = {
  routes: DEFAULT_ROUTES_FILE,
  'deployment-check': 'warning',
  'wait-for-deployment': '0',
  concurrency: '8',
  timeout: '10',
  retries: '2',
  'fail-on': 'error',
  summary: 'true',
  comment: 'off',
  'negative-probes': 'true',
};

/** Raw inputs with action.yml's defaults filled in where the runner gave an empty string. */
export function withDefaults(raw: Partial<RawInputs>): RawInputs {
  const out = {} as RawInputs;
  for (const name of INPUT_NAMES) out[name] = (raw[name] ?? '').trim() || DEFAULTS[name] || '';
  return out;
}

export interface Workspace {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** The routes file as an absolute path and as shown to users (relative to the workspace). */
export function routesPath(raw: RawInputs, ws: Workspace): { absolute: string; display: string } {
  const absolute = path.resolve(ws.cwd, raw.routes);
  const relative = path.relative(ws.cwd, absolute);
  const display = relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : absolute;
  return { absolute, display };
}

function oneOf<T extends string>(name: InputName, value: string, allowed: readonly [T, ...T[]], problems: InputProblem[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  problems.push({
    message: `input \`${name}\` is \`${value}\``,
    fix: `set \`${name}\` to one of: ${allowed.join(', ')}`,
  });
  return allowed[0];
}

/** The whole-number inputs and the range each may take. */
const WHOLE_NUMBER_RANGE = {
  'wait-for-deployment': [0, 3600],
  concurrency: [1, 64],
  timeout: [1, 300],
  retries: [0, 10],
} as const satisfies Partial<Record<InputName, readonly [number, number]>>;
type WholeNumberInput = keyof typeof WHOLE_NUMBER_RANGE;

function inRange(name: WholeNumberInput, value: string): number | undefined {
  const [min, max] = WHOLE_NUMBER_RANGE[name];
  const n = Number(value);
  return /^\d+$/.test(value) && n >= min && n <= max ? n : undefined;
}

/**
 * A whole-number input as the settings will read it, before they are resolved (`routes: deployed`
 * reads the control plane first); out of range: action.yml's default (the settings then report it).
 */
export function wholeNumberOrDefault(name: WholeNumberInput, value: string): number {
  return inRange(name, value) ?? Number(DEFAULTS[name]);
}

function wholeNumber(name: WholeNumberInput, value: string, problems: InputProblem[]): number {
  const [min, max] = WHOLE_NUMBER_RANGE[name];
  const n = inRange(name, value);
  if (n !== undefined) return n;
  problems.push({
    message: `input \`${name}\` is \`${value}\``,
    fix: `set \`${name}\` to a whole number from ${min} to ${max}`,
  });
  return min;
}

function bool(name: InputName, value: string, problems: InputProblem[]): boolean {
  // The YAML 1.2 core schema booleans, as @actions/core's getBooleanInput accepts them.
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  problems.push({ message: `input \`${name}\` is \`${value}\``, fix: `set \`${name}\` to true or false` });
  return true;
}

/** A manifest-only `base-url` host that is not trusted yet: a custom domain of this API, or refused. */
export interface HostToVerify {
  host: string;
  source?: SourceLocation;
}

/** Why a manifest `base-url` host may not receive the workflow's credentials, and what to do. */
export function untrustedHostProblem(target: HostToVerify, file: string, why: string): InputProblem {
  return {
    message: `\`api.base-url\` in ${file} points at \`${target.host}\`, which is not this API's execute-api host nor a custom domain mapped to it (${why}): no request was sent, so no credential can leave for it`,
    fix: 'pass `base-url` as an action input (the workflow chooses it, not the pull request), or list the host in the `trusted-hosts` input',
    ...(target.source ? { source: target.source } : {}),
  };
}

export function resolveSettings(
  raw: RawInputs,
  manifest: Manifest,
  ws: Workspace,
): { settings: Settings; problems: InputProblem[]; hostToVerify?: HostToVerify } {
  const problems: InputProblem[] = [];
  const api = manifest.api;
  const file = manifest.file;

  const restApiId = raw['rest-api-id'] || api.restApiId || '';
  const stage = raw.stage || api.stage || '';
  const region = raw.region || api.region || ws.env.AWS_REGION || ws.env.AWS_DEFAULT_REGION || '';
  // an OpenAPI document has no `api` block: only the inputs can say where it is deployed
  const orInFile = (key: string) =>
    manifest.openApi ? ` (${file} is an OpenAPI document: it cannot name it)` : `, or \`api: { ${key}: … }\` in ${file}`;
  if (!restApiId) {
    problems.push({ message: 'no REST API id', fix: `set the \`rest-api-id\` input${orInFile('rest-api-id')}` });
  }
  if (!stage) {
    problems.push({ message: 'no stage', fix: `set the \`stage\` input${orInFile('stage')}` });
  }
  if (!region) {
    problems.push({
      message: 'no AWS region',
      fix: `set the \`region\` input${orInFile('region')}, or run aws-actions/configure-aws-credentials before this step (it sets AWS_REGION)`,
    });
  }

  // Workflow inputs cannot be edited by a pull request; the manifest can. Refuse what could
  // inject workflow commands (a line break) before anything quotes it.
  for (const [name, value] of [
    ['rest-api-id', raw['rest-api-id']],
    ['stage', raw.stage],
    ['region', raw.region],
  ] as const) {
    if (/[\p{Cc}\s]/u.test(value)) {
      problems.push({ message: `input \`${name}\` contains white space or a line break`, fix: `set \`${name}\` to a single word` });
    }
  }

  const trusted = parseTrustedHosts(raw['trusted-hosts']);
  for (const bad of trusted.problems) {
    problems.push({
      message: `input \`trusted-hosts\` has \`${bad}\`, not a host name`,
      fix: 'list bare host names such as `api.example.com`, separated by commas or lines',
    });
  }

  const fromInput = raw['base-url'] !== '';
  const givenBaseUrl = raw['base-url'] || api.baseUrl || '';
  const source = fromInput ? undefined : manifest.apiSource.baseUrl;
  let baseUrl = givenBaseUrl || `https://${restApiId}.execute-api.${region}.amazonaws.com/${stage}`;
  let hostToVerify: HostToVerify | undefined;
  let inputHost: string | undefined;
  if (givenBaseUrl) {
    const checked = checkBaseUrl(givenBaseUrl, fromInput ? 'input `base-url`' : `\`api.base-url\` in ${file}`);
    if ('problem' in checked) {
      problems.push({ ...checked.problem, ...(source ? { source } : {}) });
      baseUrl = '';
    } else {
      const host = normalizeHost(checked.url.hostname);
      if (fromInput) inputHost = host;
      else if (!isTrustedHost(host, { restApiId, trustedHosts: trusted.hosts })) hostToVerify = { host, ...(source ? { source } : {}) };
    }
  }
  baseUrl = baseUrl.replace(/\/+$/, '');
  const credentialHosts = [...trusted.hosts, ...(inputHost !== undefined ? [inputHost] : [])];

  let connectTo: Settings['connectTo'] = [];
  try {
    connectTo = parseConnectTo(raw['connect-to']);
  } catch (err) {
    problems.push({ message: `input \`connect-to\`: ${(err as Error).message}`, fix: 'write one HOST1:PORT1:HOST2:PORT2 per line' });
  }

  const reportFile = reportFileOf(raw, ws);

  const shard = parseShard(raw.shard);
  if (shard.problem) problems.push(shard.problem);

  const settings: Settings = {
    restApiId,
    stage,
    region,
    baseUrl,
    baseUrlIsDefault: !givenBaseUrl,
    apiKey: raw['api-key'],
    authorizerToken: raw['authorizer-token'],
    expectedDeploymentId: raw['expected-deployment-id'],
    deploymentCheck: oneOf<DeploymentCheck>('deployment-check', raw['deployment-check'], ['warning', 'error', 'off'], problems),
    waitForDeploymentSeconds: wholeNumber('wait-for-deployment', raw['wait-for-deployment'], problems),
    concurrency: wholeNumber('concurrency', raw.concurrency, problems),
    timeoutMs: wholeNumber('timeout', raw.timeout, problems) * 1000,
    retries: wholeNumber('retries', raw.retries, problems),
    failOn: oneOf<FailOn>('fail-on', raw['fail-on'], ['error', 'warning', 'never'], problems),
    reportFile,
    summary: bool('summary', raw.summary, problems),
    comment: oneOf<CommentMode>('comment', raw.comment, ['off', 'on-failure', 'always'], problems),
    githubToken: raw['github-token'],
    connectTo,
    credentialHosts,
    ...(shard.shard ? { shard: shard.shard } : {}),
    negativeProbes: bool('negative-probes', raw['negative-probes'], problems),
  };
  return { settings, problems, ...(hostToVerify ? { hostToVerify } : {}) };
}

function reportFileOf(raw: RawInputs, ws: Workspace): string {
  return path.resolve(ws.cwd, raw['report-file'] || path.join(ws.env.RUNNER_TEMP || ws.cwd, 'apigw-route-verify.json'));
}

/** The `merge-reports` lines: one glob or path each; blank lines and surrounding spaces ignored. */
export function mergePatterns(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** Settings of the merge mode: the inputs that decide what is published, and how the step ends. */
export function resolveMergeSettings(raw: RawInputs, ws: Workspace): { settings: MergeSettings; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  if (raw.shard) {
    problems.push({
      message: 'inputs `merge-reports` and `shard` are both set',
      fix: 'set `shard` on the matrix jobs that verify, and `merge-reports` (without `shard`) on the job that merges their reports',
    });
  }
  const settings: MergeSettings = {
    patterns: mergePatterns(raw['merge-reports']),
    failOn: oneOf<FailOn>('fail-on', raw['fail-on'], ['error', 'warning', 'never'], problems),
    reportFile: reportFileOf(raw, ws),
    summary: bool('summary', raw.summary, problems),
    comment: oneOf<CommentMode>('comment', raw.comment, ['off', 'on-failure', 'always'], problems),
    githubToken: raw['github-token'],
    timeoutMs: wholeNumber('timeout', raw.timeout, problems) * 1000,
  };
  return { settings, problems };
}
