/**
 * Chunk jobs kept in flight: up to `limit` started jobs (WebCrypto runs them in parallel), whose
 * results leave through `emit` in the order the jobs were added. A failed job surfaces when its
 * turn comes; no job added after it is ever emitted.
 */
export class Pipeline<T> {
  private readonly pending: Promise<T>[] = [];

  constructor(
    private readonly limit: number,
    private readonly emit: (result: T) => void,
  ) {}

  /**
   * Tracks a started job. While fewer than `limit` jobs are in flight it returns nothing, so a
   * caller can start the next job at once without yielding; at `limit` it returns a promise that
   * waits for the oldest job and emits it.
   */
  add(job: Promise<T>): Promise<void> | undefined {
    // The failure is thrown in turn by `next`; until then it must not count as unhandled.
    job.catch(() => undefined);
    this.pending.push(job);
    return this.pending.length >= this.limit ? this.next() : undefined;
  }

  /** Waits for every job still in flight and emits their results in order. */
  async drain(): Promise<void> {
    while (this.pending.length > 0) await this.next();
  }

  private async next(): Promise<void> {
    const job = this.pending.shift();
    if (job !== undefined) this.emit(await job);
  }
}
