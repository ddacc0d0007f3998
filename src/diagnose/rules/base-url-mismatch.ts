// base-url's execute-api host names another API id or region than `rest-api-id`/`region`: the
// requests go to one API while the control plane describes another, so no routing or auth fact
// read from the control plane applies to the answers. Reported once for the run (at the
// base-url line), and as the diagnosis of every failed check, before any auth or other cause.
import type { BaseUrlMismatch } from '../evidence.ts';
import { baseUrlMismatchOf } from '../evidence.ts';
import { executeApiBaseUrl } from '../paths.ts';
import type { Rule } from '../rule.ts';
import type { Finding, Manifest } from '../../types.ts';

function what(m: BaseUrlMismatch): string {
  const other = [
    m.urlApiId !== m.restApiId.toLowerCase() ? `API ${m.urlApiId}` : '',
    m.urlRegion !== m.region.toLowerCase() ? `region ${m.urlRegion}` : '',
  ]
    .filter(Boolean)
    .join(' in ');
  return (
    `base-url ${m.baseUrl} names ${other || `API ${m.urlApiId} in ${m.urlRegion}`}, but rest-api-id and region are ${m.restApiId} in ${m.region}: ` +
    'the requests went to another API than the one the control plane read'
  );
}

/** "`rest-api-id: x`" and/or "`region: y`": the inputs to change if the URL names the API to verify. */
function inputsFor(m: BaseUrlMismatch): string {
  const set = [
    m.urlApiId !== m.restApiId.toLowerCase() ? `\`rest-api-id: ${m.urlApiId}\`` : '',
    m.urlRegion !== m.region.toLowerCase() ? `\`region: ${m.urlRegion}\`` : '',
  ];
  return set.filter(Boolean).join(' and ');
}

function rightUrl(m: BaseUrlMismatch, stage: string): string {
  return executeApiBaseUrl({ restApiId: m.restApiId, region: m.region, stage }, m.baseUrl);
}

/**
 * Which side to change: when the control plane read the configured API, base-url is the odd one
 * out; when it could not (not found, denied — as a signature for the wrong region is), the URL
 * may well name the API to verify, and the inputs come first.
 */
function fixOf(m: BaseUrlMismatch, stage: string, apiRead: boolean): string {
  const pointUrl = `\`base-url: ${rightUrl(m, stage)}\` (or leave base-url unset)`;
  return apiRead
    ? `Point base-url at the API the workflow verifies — ${pointUrl} — or, if ${m.urlApiId} in ${m.urlRegion} is the API to verify, set ${inputsFor(m)}.`
    : `The control plane could not read ${m.restApiId} in ${m.region}: if ${m.urlApiId} in ${m.urlRegion} is the API to verify, set ${inputsFor(m)}; otherwise point base-url at it — ${pointUrl}.`;
}

/** The manifest's base-url line, when the base-url in effect came from it. */
function baseUrlSource(manifest: Manifest, baseUrl: string): Finding['source'] | undefined {
  const location = manifest.apiSource.baseUrl;
  if (!location || manifest.api.baseUrl?.replace(/\/+$/, '') !== baseUrl) return undefined;
  return { file: location.file, line: location.line, column: location.column };
}

export default {
  meta: {
    code: 'base-url-mismatch',
    title: 'base-url names another API',
    severity: 'error',
    scope: ['check', 'stage'],
    tier: 'routing',
    priority: 5,
    findingGroup: 'run-wide',
  },
  check(e) {
    const m = e.baseUrlMismatch;
    if (!m) return null;
    const answered =
      e.status === undefined ? 'got no answer' : `got ${e.status}${e.classification.errorType ? ` ${e.classification.errorType}` : ''}`;
    return {
      explanation: `${what(m)}. ${e.check.route.route} ${answered} from ${m.urlApiId} (${m.urlRegion}); nothing read about ${m.restApiId} explains it.`,
      fix: fixOf(m, e.settings.stage, e.snapshot.api.status === 'ok'),
      evidence: { ...m, suggestedBaseUrl: rightUrl(m, e.settings.stage) },
    };
  },
  stage(run) {
    const m = baseUrlMismatchOf(run.settings);
    if (!m) return null;
    const source = baseUrlSource(run.manifest, run.settings.baseUrl);
    return {
      message: `${what(m)}. ${fixOf(m, run.settings.stage, run.snapshot.api.status === 'ok')}`,
      evidence: { ...m, suggestedBaseUrl: rightUrl(m, run.settings.stage) },
      ...(source ? { source } : {}),
    };
  },
} satisfies Rule;
