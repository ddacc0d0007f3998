// "did you mean …?" for misspelt keys and values.

/**
 * Edit distance counting insertions, deletions, substitutions and swaps of two
 * neighbouring letters (`qurey` → `query` is one typo, not two).
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  // a cell outside the table is no path at all
  const cell = (row: readonly number[] | undefined, j: number) => row?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(cell(rows[i - 1], j) + 1, cell(row, j - 1) + 1, cell(rows[i - 1], j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(cell(row, j), cell(rows[i - 2], j - 2) + 1);
      }
    }
    rows.push(row);
  }
  return cell(rows[a.length], b.length);
}

/** Case, `_` versus `-` and camelCase are not worth a typo: `restApiId`, `REST_API_ID` → `rest-api-id`. */
function normalise(word: string): string {
  return word.toLowerCase().replace(/[_\s-]/g, '');
}

/**
 * The candidate nearest to `word`, or undefined when none is close enough to be a
 * plausible typo (at most a third of the word's letters off, and at least one).
 */
export function suggestKey(word: string, candidates: readonly string[]): string | undefined {
  const target = normalise(word);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(target, normalise(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const tolerance = Math.max(1, Math.floor(Math.max(target.length, 3) / 3));
  return bestDistance <= tolerance ? best : undefined;
}
