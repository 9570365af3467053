import { describe, expect, it } from 'vitest';
import { measureInterleaved } from '../../bench/harness.js';

describe('interleaved measurement', () => {
  it('warms every case up, then runs their rounds in turn, and keeps each case’s label and backend', async () => {
    const calls: string[] = [];
    const cases = ['a', 'b'].map((name) => ({
      name,
      run: () => calls.push(name),
      backend: name === 'a' ? 'node:crypto' : 'noble',
      ...(name === 'a' ? { baseline: true } : {}),
    }));
    const timings = await measureInterleaved(cases, { warmupMs: 1, rounds: 3, roundMs: 1 });
    const blocks = calls.filter((name, i) => name !== calls[i - 1]);
    // Warm-up of a, warm-up of b, then rounds a b, a b, a b.
    expect(blocks).toEqual(['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b']);
    expect(timings.map((t) => [t.name, t.backend, t.baseline, t.roundsNs.length])).toEqual([
      ['a', 'node:crypto', true, 3],
      ['b', 'noble', undefined, 3],
    ]);
  });
});
