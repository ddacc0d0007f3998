import type { Settings } from '../settings.ts';
import type { Finding, Manifest, ProbeResult, Severity, Snapshot } from '../types.ts';

/** What a stage-level finding rule sees: the whole run. */
export interface FindingContext {
  snapshot: Snapshot;
  settings: Settings;
  manifest: Manifest;
  probes: ProbeResult[];
  hasCredentials: boolean;
}

export interface FindingMeta {
  /** stable identifier, DESIGN.md §6 */
  code: string;
  title: string;
  /** default severity; stage-behind-latest takes its own from `deployment-check` */
  severity: Severity;
}

/** A finding before the engine adds its code and docs link. */
export type FindingDraft = Omit<Finding, 'code' | 'docs' | 'severity'> & { severity?: Severity };

export interface FindingRule {
  meta: FindingMeta;
  detect(ctx: FindingContext): FindingDraft | null;
}
