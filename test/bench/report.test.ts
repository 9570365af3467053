import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  formatRate,
  formatRatio,
  formatSpeed,
  median,
  renderGroup,
  spreadPercent,
} from '../../bench/report.js';

describe('bench statistics', () => {
  it('median takes the middle value, or the mean of the two middle values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(() => median([])).toThrow(RangeError);
  });

  it('spreadPercent is half the min–max range relative to the median', () => {
    expect(spreadPercent([90, 100, 110])).toBeCloseTo(10);
    expect(spreadPercent([100, 100, 100])).toBe(0);
    expect(spreadPercent([100, 100, 150])).toBeCloseTo(25);
  });
});

describe('bench formatting', () => {
  it('formatDuration picks a unit and keeps three significant digits', () => {
    expect(formatDuration(812)).toBe('812 ns');
    expect(formatDuration(4_561)).toBe('4.56 µs');
    expect(formatDuration(1_234_000)).toBe('1.23 ms');
    expect(formatDuration(2_500_000_000)).toBe('2.50 s');
    expect(formatDuration(0.5)).toBe('0.500 ns');
  });

  it('formatRate groups thousands from 100 up and keeps three digits below', () => {
    expect(formatRate(1_234_567.8)).toBe('1,234,568');
    expect(formatRate(100)).toBe('100');
    expect(formatRate(2.5)).toBe('2.50');
  });

  it('formatRatio says how much faster or slower than the baseline a case is', () => {
    expect(formatRatio(50, 100)).toBe('2.00× faster');
    expect(formatRatio(135, 100)).toBe('1.35× slower');
    expect(formatRatio(100.2, 100)).toBe('1.00×');
  });

  it('renderGroup prints a markdown table with MB/s and baseline columns when they apply', () => {
    const table = renderGroup(
      'Copy 1 MB',
      [
        { name: 'copy', roundsNs: [1e6, 1e6, 1e6], bytes: 1e6, baseline: true },
        { name: 'encode', roundsNs: [1.8e6, 2e6, 2.2e6], bytes: 1e6 },
      ],
      'A note.',
    );
    expect(table).toBe(
      [
        '### Copy 1 MB',
        '',
        '| case | median | ± | ops/s | MB/s | vs baseline |',
        '| :-- | --: | --: | --: | --: | --: |',
        '| copy (baseline) | 1.00 ms | 0.0% | 1,000 | 1,000 |  |',
        '| encode | 2.00 ms | 10.0% | 500 | 500 | 2.00× slower |',
        '',
        'A note.',
        '',
      ].join('\n'),
    );
  });

  it('renderGroup leaves out the MB/s and baseline columns when no case needs them', () => {
    const table = renderGroup('Parse', [{ name: 'parse', roundsNs: [250, 250, 250] }]);
    expect(table.split('\n').slice(2, 5)).toEqual([
      '| case | median | ± | ops/s |',
      '| :-- | --: | --: | --: |',
      '| parse | 250 ns | 0.0% | 4,000,000 |',
    ]);
  });
});

describe('interleaved groups', () => {
  it('formatSpeed gives the fraction of the baseline speed', () => {
    expect(formatSpeed(200, 100)).toBe('0.50×');
    expect(formatSpeed(50, 100)).toBe('2.00×');
  });

  it("statistic 'best' shows each row's best round, its backend, the runtime and the speed against the baseline", () => {
    const table = renderGroup(
      'Seal 16 MiB',
      [
        { name: 'limit', roundsNs: [5e6, 4e6, 6e6], bytes: 4e6, baseline: true, backend: 'node:crypto' },
        { name: 'seal', roundsNs: [9e6, 8e6, 20e6], bytes: 4e6, backend: 'webcrypto' },
      ],
      undefined,
      { statistic: 'best', runtime: 'node v26.12.1' },
    );
    expect(table.split('\n').slice(2)).toEqual([
      '| case | backend | runtime | best | ± | ops/s | MB/s | × baseline |',
      '| :-- | :-- | :-- | --: | --: | --: | --: | --: |',
      '| limit (baseline) | node:crypto | node v26.12.1 | 4.00 ms | 20.0% | 250 | 1,000 | 1.00× |',
      '| seal | webcrypto | node v26.12.1 | 8.00 ms | 66.7% | 125 | 500 | 0.50× |',
      '',
    ]);
  });
});
