/**
 * A small concurrency limiter: at most `concurrency` tasks run at once, the rest wait in FIFO
 * order. Collection puts every AWS API call through one shared limiter so that all regions and
 * services together never exceed the configured number of calls in flight.
 */
export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running now. */
  readonly active: number;
  /** Tasks waiting for a slot. */
  readonly pending: number;
  /** Highest number of tasks that ran at once so far. */
  readonly peak: number;
}

export function createLimiter(concurrency: number): Limiter {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error(`kenro: concurrency must be a whole number of at least 1 (got ${concurrency})`);
  }
  let active = 0;
  let peak = 0;
  const queue: (() => void)[] = [];

  const release = (): void => {
    active--;
    const next = queue.shift();
    if (next) next();
  };

  return {
    get active() {
      return active;
    },
    get pending() {
      return queue.length;
    },
    get peak() {
      return peak;
    },
    run<T>(task: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const start = (): void => {
          active++;
          if (active > peak) peak = active;
          let p: Promise<T>;
          try {
            p = task();
          } catch (e) {
            p = Promise.reject(e);
          }
          p.then(
            (v) => {
              release();
              resolve(v);
            },
            (e: unknown) => {
              release();
              reject(e);
            },
          );
        };
        if (active < concurrency) start();
        else queue.push(start);
      });
    },
  };
}
