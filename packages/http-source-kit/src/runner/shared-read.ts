/**
 * One read consumed by several readers, each at its own pace: every item the source yields goes to every reader
 * still attached. The source is pulled only while no attached reader has `limit` items waiting, so memory stays
 * bounded by readers x limit items whatever their speeds. A reader that stops (returns, or is detached) no longer
 * holds the others back; when every reader has stopped, the source is stopped too. A failure of the source reaches
 * each reader after the items it had already been given.
 */
export interface SharedReader<T> extends AsyncIterable<T> {
  /** Stops this reader (safe to call more than once, or after it ended). */
  detach(): void;
}

export function shareRead<T>(source: AsyncIterable<T>, readers: number, limit: number): SharedReader<T>[] {
  const iterator = source[Symbol.asyncIterator]();
  const queues: T[][] = Array.from({ length: readers }, () => []);
  const attached = queues.map(() => true);
  let ended = false;
  let failure: { error: unknown } | undefined;
  let pulling: Promise<void> | undefined;
  let spaceWaiter: (() => void) | undefined;

  const full = (): boolean => queues.some((queue, i) => attached[i] === true && queue.length >= limit);
  const wakeForSpace = (): void => {
    const wake = spaceWaiter;
    spaceWaiter = undefined;
    wake?.();
  };
  const pullOnce = async (): Promise<void> => {
    while (full()) await new Promise<void>((resolve) => (spaceWaiter = resolve));
    if (!attached.includes(true)) return;
    try {
      const next = await iterator.next();
      if (next.done === true) ended = true;
      else queues.forEach((queue, i) => attached[i] === true && queue.push(next.value));
    } catch (error) {
      failure = { error };
      ended = true;
    }
  };
  const pull = (): Promise<void> => {
    pulling ??= pullOnce().finally(() => (pulling = undefined));
    return pulling;
  };
  const detach = (i: number): void => {
    if (attached[i] !== true) return;
    attached[i] = false;
    queues[i] = [];
    wakeForSpace();
    if (!attached.includes(true) && !ended) {
      ended = true;
      void iterator.return?.().catch(() => undefined);
    }
  };

  return queues.map((_, i): SharedReader<T> => {
    let thrown = false;
    const next = async (): Promise<IteratorResult<T, undefined>> => {
      for (;;) {
        const queue = queues[i] ?? [];
        if (queue.length > 0) {
          const value = queue.shift() as T;
          wakeForSpace();
          return { done: false, value };
        }
        if (attached[i] !== true || (ended && pulling === undefined)) {
          if (failure !== undefined && attached[i] === true && !thrown) {
            thrown = true;
            throw failure.error;
          }
          detach(i);
          return { done: true, value: undefined };
        }
        await pull();
      }
    };
    const stop = (): Promise<IteratorResult<T, undefined>> => {
      detach(i);
      return Promise.resolve({ done: true, value: undefined });
    };
    return {
      detach: () => {
        detach(i);
      },
      [Symbol.asyncIterator]: () => ({ next, return: stop }),
    };
  });
}
