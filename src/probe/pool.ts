// At most `concurrency` tasks in flight; results in input order, whatever order they finish in.
export async function runPool<T, R>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  const pending = items.entries();
  let failed = false;
  const worker = async (): Promise<void> => {
    // Stop taking new items once one failed; the caller gets that first error.
    while (!failed) {
      const taken = pending.next();
      if (taken.done) return;
      const [index, item] = taken.value;
      try {
        results[index] = await task(item, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const width = Math.max(1, Math.min(Math.floor(concurrency) || 1, items.length));
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}
