import { setFlagsFromString } from 'node:v8';
import { run } from './main.ts';

// V8 doubles the young generation each time as many bytes survived its scavenges as it holds,
// up to 2 × 64 MB on a runner with 16 GB. A run keeps every route's result (and parses the
// whole manifest), so at 10,000 routes it grew to its maximum: ~130 MB of the peak RSS held no
// live data. Factor 1 keeps it at its starting size; `npm run bench` measured the peak RSS at
// 10,000 routes fall by about half, with no CPU cost beyond the machine's noise. The flag is
// read by V8 each time it would grow the space, so setting it here, before any work, applies.
setFlagsFromString('--semi-space-growth-factor=1');

await run();
