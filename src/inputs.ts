// Turns the action's raw inputs and the manifest's `api` block into Settings.
// Precedence (DESIGN.md §3): input > manifest `api` > AWS_REGION > AWS_DEFAULT_REGION.
// Pure: src/main.ts reads the inputs; this only validates and merges them.
import path from 'node:path';
import { parseConnectTo } from './probe/connect-to.ts';
import type { CommentMode, DeploymentCheck, FailOn, Settings } from './settings.ts';
import type { InputProblem, Manifest } from './types.ts';

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

function oneOf<T extends string>(name: InputName, value: string, allowed: readonly T[], problems: InputProblem[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  problems.push({
    message: `input \`${name}\` is \`${value}\``,
    fix: `set \`${name}\` to one of: ${allowed.join(', ')}`,
  });
  return allowed[0];
}

function wholeNumber(name: InputName, value: string, min: number, max: number, problems: InputProblem[]): number {
  const n = Number(value);
  if (/^\d+$/.test(value) && n >= min && n <= max) return n;
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

export function resolveSettings(raw: RawInputs, manifest: Manifest, ws: Workspace): { settings: Settings; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const api = manifest.api;
  const file = manifest.file;

  const restApiId = raw['rest-api-id'] || api.restApiId || '';
  const stage = raw.stage || api.stage || '';
  const region = raw.region || api.region || ws.env.AWS_REGION || ws.env.AWS_DEFAULT_REGION || '';
  if (!restApiId) {
    problems.push({ message: 'no REST API id', fix: `set the \`rest-api-id\` input, or \`api: { rest-api-id: … }\` in ${file}` });
  }
  if (!stage) {
    problems.push({ message: 'no stage', fix: `set the \`stage\` input, or \`api: { stage: … }\` in ${file}` });
  }
  if (!region) {
    problems.push({
      message: 'no AWS region',
      fix: `set the \`region\` input or \`api: { region: … }\` in ${file}, or run aws-actions/configure-aws-credentials before this step (it sets AWS_REGION)`,
    });
  }

  const givenBaseUrl = raw['base-url'] || api.baseUrl || '';
  let baseUrl = givenBaseUrl || `https://${restApiId}.execute-api.${region}.amazonaws.com/${stage}`;
  if (givenBaseUrl) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(givenBaseUrl);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.search || parsed.hash) {
      problems.push({
        message: `\`base-url\` \`${givenBaseUrl}\` is not an http(s) URL without query or fragment`,
        fix: 'set `base-url` to e.g. https://api.example.com/v1',
        source: raw['base-url'] ? undefined : manifest.apiSource.baseUrl,
      });
    }
  }
  baseUrl = baseUrl.replace(/\/+$/, '');

  let connectTo: Settings['connectTo'] = [];
  try {
    connectTo = parseConnectTo(raw['connect-to']);
  } catch (err) {
    problems.push({ message: `input \`connect-to\`: ${(err as Error).message}`, fix: 'write one HOST1:PORT1:HOST2:PORT2 per line' });
  }

  const reportFile = path.resolve(ws.cwd, raw['report-file'] || path.join(ws.env.RUNNER_TEMP || ws.cwd, 'apigw-route-verify.json'));

  const settings: Settings = {
    routesFile: file,
    restApiId,
    stage,
    region,
    baseUrl,
    baseUrlIsDefault: !givenBaseUrl,
    apiKey: raw['api-key'],
    authorizerToken: raw['authorizer-token'],
    expectedDeploymentId: raw['expected-deployment-id'],
    deploymentCheck: oneOf<DeploymentCheck>('deployment-check', raw['deployment-check'], ['warning', 'error', 'off'], problems),
    waitForDeploymentSeconds: wholeNumber('wait-for-deployment', raw['wait-for-deployment'], 0, 3600, problems),
    concurrency: wholeNumber('concurrency', raw.concurrency, 1, 64, problems),
    timeoutMs: wholeNumber('timeout', raw.timeout, 1, 300, problems) * 1000,
    retries: wholeNumber('retries', raw.retries, 0, 10, problems),
    failOn: oneOf<FailOn>('fail-on', raw['fail-on'], ['error', 'warning', 'never'], problems),
    reportFile,
    summary: bool('summary', raw.summary, problems),
    comment: oneOf<CommentMode>('comment', raw.comment, ['off', 'on-failure', 'always'], problems),
    githubToken: raw['github-token'],
    connectTo,
  };
  return { settings, problems };
}
