import { describe, expect, it } from 'vitest';
import { measureGroup, measureInterleaved, type BenchGroup } from '../../bench/harness.js';

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

  it('a group’s own round settings apply: roundMs 0 times one call per round', async () => {
    let calls = 0;
    // Two milliseconds a call: the 1 ms warm-up is the probe call and one batch of one.
    const run = (): void => {
      calls++;
      const until = performance.now() + 2;
      while (performance.now() < until);
    };
    const group = (roundMs: number): BenchGroup => ({
      title: `rounds of ${roundMs} ms`,
      interleaved: true,
      measure: { warmupMs: 1, rounds: 5, roundMs },
      cases: [{ name: 'a', run }],
    });
    const timings = await measureGroup(group(0));
    expect(timings[0]?.roundsNs).toHaveLength(5);
    expect(calls).toBe(2 + 5);
    calls = 0;
    await measureGroup(group(10));
    expect(calls).toBeGreaterThan(2 + 5);
  });
});
