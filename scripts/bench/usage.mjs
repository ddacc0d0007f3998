// Preloaded (`node --import`) into a benchmarked process: at exit, writes its peak RSS and CPU
// time to $BENCH_USAGE_FILE. Plain JS so it adds nothing to the process it measures.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const usage = process.resourceUsage();
  const file = process.env.BENCH_USAGE_FILE;
  if (file) writeFileSync(file, JSON.stringify({ maxRssKiB: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
});
