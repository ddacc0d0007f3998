// A custom domain name as the control plane describes it: does it exist, and where does each of
// its base-path mappings lead. Two uses: the credential host rule (may a manifest `base-url` on a
// custom domain receive credentials? only when a mapping names this API), and the routing
// diagnoses (where did a request through the domain land?). Read once per run and domain —
// the reads are shared per client — and constant in the number of routes.
import { type APIGatewayClient, GetBasePathMappingsCommand, GetDomainNameCommand, GetStagesCommand } from '@aws-sdk/client-api-gateway';
import type { DomainMapping, DomainReadout } from '../types.ts';
import { type CallCounts, countCalls, readAllPages } from './calls.ts';
import { describeAwsError } from './errors.ts';

/** the whole lookup, retries included */
const DEADLINE_MS = 15_000;

export type DomainAnswer = { maps: true } | { maps: false; why: string };

/** One read per client and domain name: the credential host rule and the diagnoses share it. */
const reads = new WeakMap<APIGatewayClient, Map<string, Promise<DomainReadout>>>();

/** Every page of GetBasePathMappings, and GetDomainName beside it. Never throws: failures are in `status`. */
export function readDomainMappings(client: APIGatewayClient, domainName: string, signal?: AbortSignal): Promise<DomainReadout> {
  const key = domainName.toLowerCase();
  let byName = reads.get(client);
  if (!byName) reads.set(client, (byName = new Map()));
  const known = byName.get(key);
  if (known) return known;
  const read = readOnce(client, key, signal);
  byName.set(key, read);
  return read;
}

async function readOnce(client: APIGatewayClient, domainName: string, signal?: AbortSignal): Promise<DomainReadout> {
  const deadline = AbortSignal.timeout(DEADLINE_MS);
  const abortSignal = signal ? AbortSignal.any([signal, deadline]) : deadline;
  const calls: CallCounts = {};
  const counted = countCalls(calls);
  // The mappings decide; GetDomainName (asked at the same time) adds the domain's status only.
  const described = counted('GetDomainName', () => client.send(new GetDomainNameCommand({ domainName }), { abortSignal })).catch(
    () => undefined,
  );
  try {
    const items = await readAllPages((position) =>
      counted('GetBasePathMappings', () =>
        client.send(new GetBasePathMappingsCommand({ domainName, limit: 500, ...(position ? { position } : {}) }), { abortSignal }),
      ),
    );
    const mappings: DomainMapping[] = items.flatMap((item) =>
      item.restApiId ? [{ basePath: item.basePath || '(none)', restApiId: item.restApiId, stage: item.stage ?? '' }] : [],
    );
    const status = (await described)?.domainNameStatus;
    return { status: 'ok', domainName, mappings, ...(status ? { domainNameStatus: status } : {}), calls };
  } catch (error) {
    await described;
    const failure = describeAwsError(error);
    return { status: failure.status, domainName, mappings: [], error: failure.message, calls };
  }
}

/**
 * The domain as the diagnoses need it: its mappings, and — when a mapping leads to another
 * stage of this API — the deployment each stage serves (one GetStages), so a mapping to another
 * stage can be compared with the one verified.
 */
export async function readDomain(
  client: APIGatewayClient,
  domainName: string,
  target: { restApiId: string; stage: string },
  signal?: AbortSignal,
): Promise<DomainReadout> {
  const shared = await readDomainMappings(client, domainName, signal);
  const readout: DomainReadout = { ...shared, mappings: [...shared.mappings], calls: { ...shared.calls } };
  const otherStage = readout.mappings.some((m) => m.restApiId === target.restApiId && m.stage !== target.stage);
  if (!otherStage) return readout;
  const deadline = AbortSignal.timeout(DEADLINE_MS);
  const abortSignal = signal ? AbortSignal.any([signal, deadline]) : deadline;
  try {
    readout.calls.GetStages = (readout.calls.GetStages ?? 0) + 1;
    const stages = await client.send(new GetStagesCommand({ restApiId: target.restApiId }), { abortSignal });
    readout.stageDeployments = Object.fromEntries(
      (stages.item ?? []).flatMap((s) => (s.stageName && s.deploymentId ? [[s.stageName, s.deploymentId]] : [])),
    );
  } catch {
    // the comparison is a detail: the mapping table alone still explains where requests land
  }
  return readout;
}

/** Does the custom domain lead to this REST API? Asked of the control plane, never of the manifest. */
export async function domainMapsToApi(client: APIGatewayClient, domainName: string, restApiId: string): Promise<DomainAnswer> {
  const domain = await readDomainMappings(client, domainName);
  if (domain.status === 'not-found') return { maps: false, why: 'the account has no custom domain of that name' };
  if (domain.status !== 'ok') return { maps: false, why: `its base-path mappings could not be read: ${domain.error ?? domain.status}` };
  if (domain.mappings.some((m) => m.restApiId === restApiId)) return { maps: true };
  return { maps: false, why: domain.mappings.length ? 'its base-path mappings lead to other APIs' : 'it has no base-path mapping' };
}
