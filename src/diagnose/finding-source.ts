// Where a stage-level finding is annotated: the manifest line of the `api` key it is about —
// but only when the value in effect came from that line (an input overrides the manifest).
import type { FindingContext } from './finding-rule.ts';
import type { Finding } from '../types.ts';

export function apiKeySource(ctx: FindingContext, key: 'restApiId' | 'stage'): Finding['source'] | undefined {
  const location = ctx.manifest.apiSource[key];
  if (!location || ctx.manifest.api[key] !== ctx.settings[key]) return undefined;
  return { file: location.file, line: location.line, column: location.column };
}
