// An operation's `responses` → `expect` (docs/openapi.md#expect).

import type { ExpectSpec } from '../../types.ts';
import { DEFAULT_EXPECT } from '../expect.ts';
import type { Item } from '../parse.ts';
import type { Doc } from './doc.ts';
import { entries } from './doc.ts';

/**
 * Every declared 2xx code passes (a `2XX` range, the whole class); with no 2xx but other codes
 * declared, the operation only ever fails or redirects, so reaching it is the proof
 * (`reachable`); with none but `default`, or no responses, `2xx`.
 */
export function expectOf(responses: Item | undefined, doc: Doc): ExpectSpec {
  const keys = entries(responses, doc).map((e) => e.key.trim().toUpperCase());
  const codes = [...new Set(keys.filter((k) => /^2\d\d$/.test(k)).map(Number))].sort((a, b) => a - b);
  const wholeClass = keys.includes('2XX');
  if (wholeClass) return DEFAULT_EXPECT;
  if (codes.length === 1) return { codes, classes: [], reachable: false, text: String(codes[0]) };
  if (codes.length > 1) return { codes, classes: [], reachable: false, text: `[${codes.join(', ')}]` };
  const declaresOthers = keys.some((k) => /^[1-5](\d\d|XX)$/.test(k));
  return declaresOthers ? { codes: [], classes: [], reachable: true, text: 'reachable' } : DEFAULT_EXPECT;
}
