// base-url is on a custom domain, and its base-path mappings (read from the control plane) say
// the request did not land on the verified API and stage as the route meant: no mapping matched
// (the gateway answers Forbidden for an unmapped base path), the mapping leads to another API or
// stage, or it leads to the stage and the path names the stage again. The mapping table is the
// evidence; the fix names the base URL that leads to the stage.
import type { Evidence, FrontDoor } from '../evidence.ts';
import { listForMessage } from '../paths.ts';
import type { Rule, RuleMatch } from '../rule.ts';
import { segments } from '../../routing.ts';
import type { DomainMapping } from '../../types.ts';

const describeMapping = (m: DomainMapping) => `${m.basePath} → ${m.restApiId}/${m.stage}`;

function createCommand(e: Evidence, door: FrontDoor): string {
  return `aws apigateway create-base-path-mapping --domain-name ${door.domainName} --rest-api-id ${e.settings.restApiId} --stage ${e.settings.stage} --base-path <base-path> --region ${e.settings.region}`;
}

/** The fix: the base URL that leads to the verified stage, or the mapping to create (and the direct URL meanwhile). */
function fixOf(e: Evidence, door: FrontDoor, lead: string): string {
  const right = door.rightBaseUrls[0];
  if (right)
    return `${lead}Set \`base-url: ${right}\`: ${door.domainName}'s mapping leads it to ${e.settings.restApiId}/${e.settings.stage}.`;
  return (
    `No mapping of ${door.domainName} leads to ${e.settings.restApiId}/${e.settings.stage}: create one (\`${createCommand(e, door)}\`), ` +
    `or verify the stage on its own URL: \`base-url: ${door.directBaseUrl}\`.`
  );
}

export default {
  meta: {
    code: 'base-path-mapping',
    title: 'The custom domain maps the path elsewhere',
    severity: 'error',
    scope: ['check'],
    tier: 'routing',
    priority: 25,
    // a route that passed on another stage or API proved nothing about the verified one
    onPassing: true,
  },
  check(e): RuleMatch | null {
    const door = e.frontDoor;
    if (!door || e.answer.kind !== 'answered') return null;
    const elsewhere = door.landed !== undefined && !door.onVerifiedStage;
    // Landed elsewhere, any answer is that API's or stage's; otherwise only the gateway's refusals are this rule's.
    if (!elsewhere && (e.expectationMet || !e.miss.noMatchOrForbidden)) return null;
    const { restApiId, stage } = e.settings;
    const notReady =
      door.domainNameStatus && door.domainNameStatus !== 'AVAILABLE'
        ? ` The domain's status is ${door.domainNameStatus}, not AVAILABLE.`
        : '';
    const table = `Mappings of ${door.domainName}: ${listForMessage(door.mappings.map(describeMapping))}.${notReady}`;
    const evidence = {
      domainName: door.domainName,
      mappings: door.mappings,
      ...(door.landed ? { landedOn: door.landed.mapping, pathAfterBasePath: door.landed.path } : { landedOn: null }),
      ...(door.rightBaseUrls[0] ? { suggestedBaseUrl: door.rightBaseUrls[0] } : {}),
      directBaseUrl: door.directBaseUrl,
      ...(door.domainNameStatus ? { domainNameStatus: door.domainNameStatus } : {}),
    };
    const requestPath = new URL(e.check.url).pathname;
    const landed = door.landed;

    if (!landed) {
      return {
        title: `No base-path mapping of ${door.domainName} matches ${requestPath}`,
        explanation:
          `No base-path mapping of ${door.domainName} matches the path ${requestPath}, so the gateway answered ${e.classification.errorType ?? e.status} ` +
          `(its answer for an unmapped base path). ${table}`,
        fix: fixOf(e, door, ''),
        evidence,
      };
    }
    const { mapping } = landed;
    if (door.onVerifiedStage) {
      // Landed on the verified stage: only the stage named again in the path is this rule's.
      const first = segments(landed.path)[0];
      if (first !== stage) return null;
      return {
        title: `The stage ${stage} is named twice: by the mapping and in the path`,
        explanation:
          `${door.domainName}/${mapping.basePath === '(none)' ? '' : mapping.basePath} already leads to stage ${stage} (mapping ${describeMapping(mapping)}), ` +
          `so the stage then received the path ${landed.path}, which names the stage again, and answered ${e.classification.errorType ?? e.status}. ` +
          `On a custom domain the stage is never in the path. ${table}`,
        fix: fixOf(e, door, `Remove /${stage} from base-url. `),
        evidence,
      };
    }
    const otherApi = mapping.restApiId !== restApiId;
    const deployments = door.stageDeployments;
    const ours = e.snapshot.stageInfo.deploymentId;
    const theirs = !otherApi ? deployments?.[mapping.stage] : undefined;
    const compare =
      theirs && ours
        ? theirs === ours
          ? ` Stage ${mapping.stage} serves the same deployment (${ours}) as ${stage}.`
          : ` Stage ${mapping.stage} serves deployment ${theirs}, ${stage} serves ${ours}: the answers came from another deployment than the one verified.`
        : '';
    return {
      title: otherApi
        ? `${door.domainName} leads the path to another API (${mapping.restApiId})`
        : `${door.domainName} leads the path to stage ${mapping.stage}, not ${stage}`,
      explanation:
        `The path ${requestPath} matched the mapping ${describeMapping(mapping)}, so it went to ${otherApi ? `API ${mapping.restApiId}` : `stage ${mapping.stage}`}, ` +
        `not to ${restApiId}/${stage}, which the control plane was read for — and answered ${e.classification.errorType ?? e.status}` +
        `${e.expectationMet ? `, which meets \`expect\` but says nothing about ${restApiId}/${stage}` : ''}.${compare} ${table}`,
      fix: fixOf(e, door, ''),
      ...(e.expectationMet ? { severity: 'warning' as const } : {}),
      evidence: { ...evidence, ...(theirs ? { landedDeploymentId: theirs } : {}), ...(ours ? { verifiedDeploymentId: ours } : {}) },
    };
  },
} satisfies Rule;
