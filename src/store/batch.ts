/** Options of a batch writer. */
export interface BatchOptions {
  /** Most records written in one call of `write`. Default 200. */
  maxBatch: number;
  /** Most records held while the database cannot be written; beyond it the oldest are dropped. Default 10 000. */
  maxPending: number;
  /** Wait before writing again after a failure, ms. Default 1000. */
  retryMs: number;
}

/** The defaults of `BatchOptions`: batches of 200, at most 10 000 waiting, a retry every second. */
export const defaultBatchOptions: BatchOptions = { maxBatch: 200, maxPending: 10_000, retryMs: 1000 };

/** Records written in the background, in batches, in the order they came. */
export interface BatchWriter<T> {
  /** Queues a record; a write starts right after the current event-loop turn. Never throws. */
  push(item: T): void;
  /** Writes what is queued now; resolves when that write succeeded or failed. */
  flush(): Promise<void>;
  /** Removes the queued records `drop` picks (a conversation being forgotten). */
  discard(drop: (item: T) => boolean): void;
  /** How many records wait to be written. */
  readonly pending: number;
  /** Stops retrying and makes a last attempt to write what is queued. */
  close(): Promise<void>;
}

/**
 * A writer that keeps writes off the path of the request that made them: records pushed during one
 * turn of the event loop are written together right after it. A failed batch stays queued and is
 * retried every `retryMs`; `onFailure` hears of each failure, `onDrop` of records dropped because
 * more than `maxPending` were waiting.
 */
export function createBatchWriter<T>(
  write: (items: T[]) => Promise<void>,
  hooks: { onFailure: (error: unknown) => void; onDrop: (count: number) => void },
  options: Partial<BatchOptions> = {},
): BatchWriter<T> {
  const o = { ...defaultBatchOptions, ...options };
  let queue: T[] = [];
  let chain: Promise<void> = Promise.resolve();
  let soon = false;
  let retry: NodeJS.Timeout | null = null;
  let closed = false;

  const trim = () => {
    const over = queue.length - o.maxPending;
    if (over > 0) {
      queue.splice(0, over);
      hooks.onDrop(over);
    }
  };
  const writeAll = async () => {
    while (queue.length) {
      const batch = queue.splice(0, o.maxBatch);
      try {
        await write(batch);
      } catch (e) {
        queue = batch.concat(queue);
        trim();
        hooks.onFailure(e);
        if (!retry && !closed) {
          retry = setTimeout(() => {
            retry = null;
            void pass();
          }, o.retryMs);
          retry.unref();
        }
        return;
      }
    }
  };
  // passes run one after the other; each writes what is queued when it starts
  const pass = () => (chain = chain.then(writeAll));

  return {
    push(item) {
      queue.push(item);
      trim();
      if (soon) return;
      soon = true;
      setImmediate(() => {
        soon = false;
        void pass();
      });
    },
    flush: () => pass(),
    discard(drop) {
      queue = queue.filter((item) => !drop(item));
    },
    get pending() {
      return queue.length;
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      retry = null;
      await pass();
    },
  };
}
