// The summary's negative-probes line: counts apart from the checks, what got through, and when
// the probes could only follow the manifest, that.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { negativeLine, renderSummary } from '../../src/report/summary.ts';
import { passed, report } from './builders.ts';

const totals = (over = {}) => ({ sent: 3, refused: 3, notEnforced: 0, inconclusive: 0, basis: 'deployed' as const, ...over });

test('all refused', () => {
  assert.equal(
    negativeLine({ negativeProbes: totals() }),
    '**Negative probes:** 3 negative probes (requests without credentials), all refused.',
  );
});

test('what got through, and what proved nothing', () => {
  const line = negativeLine({ negativeProbes: totals({ sent: 4, refused: 2, notEnforced: 1, inconclusive: 1 }) });
  assert.match(line, /4 negative probes .*❌ 1 got through without credentials \(`auth-not-enforced`\), 2 refused, 1 inconclusive/);
});

test('without the control plane it says the probes followed the manifest only', () => {
  assert.match(negativeLine({ negativeProbes: totals({ basis: 'manifest' }) }), /followed the manifest's declared `auth` only/);
  assert.match(
    negativeLine({ negativeProbes: totals({ sent: 0, refused: 0, basis: 'manifest' }) }),
    /none sent — no route is protected by an explicit `auth`/,
  );
});

test('off: no line; on: the line is in the summary, the heading still counts smoke checks', () => {
  assert.equal(negativeLine({}), '');
  const r = report([passed('GET /reports', 3)], [], { negativeProbes: totals({ sent: 1, refused: 1 }) });
  const summary = renderSummary(r);
  assert.match(summary, /^## ✅ 1 route passed · /);
  assert.match(summary, /^\*\*1 passed\*\* · \*\*0 failed\*\*$/m, 'the counts are of smoke checks, not negative probes');
  assert.match(summary, /\*\*Negative probes:\*\* 1 negative probe \(requests without credentials\), all refused\./);
  assert.doesNotMatch(renderSummary(report([passed('GET /reports', 3)])), /Negative probes/);
});
