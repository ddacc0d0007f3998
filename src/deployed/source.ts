// `routes: deployed`: no manifest file; the routes are every method the stage's deployment
// serves (src/deployed/routes.ts). The API, stage and region then come from the inputs alone.
import { wholeNumberOrDefault, type RawInputs, type Workspace } from '../inputs.ts';
import type { ManifestResult } from '../manifest/index.ts';
import { MAX_ROUTES } from '../manifest/index.ts';
import type { InputProblem } from '../types.ts';
import { readDeployedStage } from './read.ts';
import { routesOfDeployment } from './routes.ts';

const OTHERWISE = 'or set the `routes` input to a routes manifest';

function missing(name: 'rest-api-id' | 'stage' | 'region'): InputProblem {
  const fix =
    name === 'region'
      ? 'set the `region` input, or run aws-actions/configure-aws-credentials before this step (it sets AWS_REGION)'
      : `set the \`${name}\` input of the step`;
  return { message: `\`routes: deployed\` needs the \`${name}\` input: there is no manifest to name it`, fix };
}

export async function loadDeployedRoutes(
  raw: RawInputs,
  ws: Workspace,
  signal?: AbortSignal,
): Promise<ManifestResult & { calls?: Record<string, number> }> {
  const restApiId = raw['rest-api-id'];
  const stage = raw.stage;
  const region = raw.region || ws.env.AWS_REGION || ws.env.AWS_DEFAULT_REGION || '';
  const problems: InputProblem[] = [];
  if (!restApiId) problems.push(missing('rest-api-id'));
  if (!stage) problems.push(missing('stage'));
  if (!region) problems.push(missing('region'));
  for (const [name, value] of [
    ['rest-api-id', restApiId],
    ['stage', stage],
    ['region', region],
  ] as const) {
    if (/[\p{Cc}\s]/u.test(value))
      problems.push({ message: `input \`${name}\` contains white space or a line break`, fix: `set \`${name}\` to a single word` });
  }
  if (problems.length) return { manifest: null, problems };

  const read = await readDeployedStage(
    { restApiId, stage, region },
    {
      timeoutMs: wholeNumberOrDefault('timeout', raw.timeout) * 1000,
      retries: wholeNumberOrDefault('retries', raw.retries),
      otherwise: OTHERWISE,
      wait: {
        seconds: wholeNumberOrDefault('wait-for-deployment', raw['wait-for-deployment']),
        expectedDeploymentId: raw['expected-deployment-id'],
        // end-to-end tests poll faster than the 5 s default, as src/main.ts does
        pollMs: Number(ws.env.APIGW_WAIT_POLL_MS) || 0,
      },
      ...(signal ? { signal } : {}),
    },
  );
  if (read.problem) return { manifest: null, problems: [read.problem] };
  const routes = routesOfDeployment(read.stage.deployed);
  if (routes.length > MAX_ROUTES) {
    return {
      manifest: null,
      problems: [
        {
          message: `stage ${stage} serves ${routes.length} methods; at most ${MAX_ROUTES} routes are checked in one run`,
          fix: 'check the stage with routes manifests, one per part of the API, and run the action once for each',
        },
      ],
    };
  }
  return {
    manifest: { file: `the methods deployed on stage ${stage}`, api: {}, apiSource: {}, routes },
    problems: [],
    calls: read.stage.calls,
  };
}
