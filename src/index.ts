import { setFlagsFromString } from 'node:v8';
import { run } from './main.ts';

// Peak memory, bounded (`npm run bench`: 10,000 routes). V8 doubles the young generation each
// time as many bytes survived its scavenges as it holds, up to 2 × 64 MB on a runner with 16 GB;
// a run keeps every route's result and parses the whole manifest, so at 10,000 routes it grew
// to that maximum and held ~130 MB of RSS for nothing. Growth factor 1 keeps it at its starting
// size. V8 reads the flag each time it would grow the space, so setting it here, before any
// work, applies. (A large run bounds its old generation too: src/heap.ts.)
setFlagsFromString('--semi-space-growth-factor=1');

await run();
