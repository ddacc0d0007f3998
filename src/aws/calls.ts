// How management calls are made: each one counted by operation, paginated ones read to the end.

/** operation name ("GetResources") → calls made */
export type CallCounts = Record<string, number>;

export type Counted = <T>(operation: string, send: () => Promise<T>) => Promise<T>;

/** Wraps each send so `calls` records it, failed calls included (they count against throttling too). */
export function countCalls(calls: CallCounts): Counted {
  return (operation, send) => {
    calls[operation] = (calls[operation] ?? 0) + 1;
    return send();
  };
}

/** Call counts added up by operation: several reads of one run, or the shards of one API. */
export function sumCalls(...counts: readonly CallCounts[]): CallCounts {
  const sum: CallCounts = {};
  for (const c of counts) for (const [op, n] of Object.entries(c)) sum[op] = (sum[op] ?? 0) + n;
  return sum;
}

/** The shape of every paginated API Gateway answer: `item` on the wire, `items` in the SDK. */
export interface Page<T> {
  items?: T[] | undefined;
  position?: string | undefined;
}

/**
 * Reads every page: follows `position` until the service stops returning one.
 * A position seen before ends the loop, so a misbehaving endpoint cannot spin forever.
 */
export async function readAllPages<T>(readPage: (position: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  const seen = new Set<string>();
  let position: string | undefined;
  for (;;) {
    const page = await readPage(position);
    all.push(...(page.items ?? []));
    position = page.position;
    if (!position || seen.has(position)) return all;
    seen.add(position);
  }
}
