// The old generation's headroom in a large run (the young generation is bounded at the entry,
// src/index.ts). After each full collection V8 lets the old generation grow to up to 4 × what
// is live before the next one; a run whose small young generation promotes early then carried
// ~50 MB of garbage into its peak RSS at 10,000 routes, on some runs and not others. A large run
// gets at most 1.5 × (a few more full collections; their marking is concurrent). A small run
// keeps V8's default: there the extra collections cost time and save nothing (`npm run bench`).
import { setFlagsFromString } from 'node:v8';

/** From this many routes on, a run bounds its old generation's headroom. */
export const LARGE_RUN_ROUTES = 2000;

export function boundOldGeneration(routes: number): void {
  // read by V8 each time it sets the next collection's limit, so it applies from here on
  if (routes >= LARGE_RUN_ROUTES) setFlagsFromString('--heap-growing-percent=50');
}
