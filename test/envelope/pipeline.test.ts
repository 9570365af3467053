import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Pipeline } from '../../src/envelope/pipeline.js';

/** A job that resolves (or rejects) after `ticks` turns of the event loop. */
function later<T>(ticks: number, value: T, fail = false): Promise<T> {
  return new Promise((resolve, reject) => {
    const step = (left: number): void => {
      if (left > 0)
        setTimeout(() => {
          step(left - 1);
        }, 0);
      else if (fail) reject(new Error(`job ${String(value)} failed`));
      else resolve(value);
    };
    step(ticks);
  });
}

describe('Pipeline', () => {
  it('emits results in the order jobs were added, with at most `limit` in flight (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 30 }),
        fc.integer({ min: 1, max: 6 }),
        async (delays, limit) => {
          const emitted: number[] = [];
          let running = 0;
          let most = 0;
          const pipeline = new Pipeline<number>(limit, (n) => emitted.push(n));
          for (const [i, delay] of delays.entries()) {
            running++;
            most = Math.max(most, running);
            await pipeline.add(later(delay, i).finally(() => running--));
          }
          await pipeline.drain();
          expect(emitted).toEqual(delays.map((_, i) => i));
          expect(most).toBeLessThanOrEqual(Math.max(1, limit));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('starts jobs without waiting until `limit` are in flight', async () => {
    const emitted: number[] = [];
    const pipeline = new Pipeline<number>(3, (n) => emitted.push(n));
    expect(pipeline.add(later(1, 0))).toBeUndefined();
    expect(pipeline.add(later(1, 1))).toBeUndefined();
    const full = pipeline.add(later(1, 2));
    expect(full).toBeInstanceOf(Promise);
    await full;
    expect(emitted).toEqual([0]);
    await pipeline.drain();
    expect(emitted).toEqual([0, 1, 2]);
  });

  it('throws the failure in its turn and emits nothing added after it, even when later jobs finish first', async () => {
    const emitted: string[] = [];
    const pipeline = new Pipeline<string>(4, (s) => emitted.push(s));
    await pipeline.add(later(0, 'a'));
    await pipeline.add(later(3, 'b', true));
    await pipeline.add(later(0, 'c'));
    await pipeline.add(later(0, 'd', true)); // fails too, unawaited: must not be an unhandled rejection
    await expect(pipeline.drain()).rejects.toThrow('job b failed');
    expect(emitted).toEqual(['a']);
    await later(5, undefined);
  });
});
