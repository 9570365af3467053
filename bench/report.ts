/**
 * Pure statistics and markdown formatting for benchmark results (unit-tested in
 * test/bench/report.test.ts).
 */
import type { CaseTiming } from './harness.js';

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Half the min–max range of the rounds, as a percentage of their median: the `±` column. */
export function spreadPercent(values: readonly number[]): number {
  return ((Math.max(...values) - Math.min(...values)) / 2 / median(values)) * 100;
}

/** Formats a duration given in nanoseconds with three significant digits: `812 ns`, `4.56 µs`, `1.23 ms`. */
export function formatDuration(ns: number): string {
  const units: readonly [number, string][] = [
    [1e9, 's'],
    [1e6, 'ms'],
    [1e3, 'µs'],
  ];
  const [scale, unit] = units.find(([size]) => ns >= size) ?? [1, 'ns'];
  return `${(ns / scale).toPrecision(3)} ${unit}`;
}

/** Formats a rate: whole numbers with thousands separators from 100 up (`1,234,567`), else three digits (`2.50`). */
export function formatRate(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toPrecision(3);
}

/** Formats how a case compares with its group's baseline: `baseline`, `2.10× faster`, `1.35× slower`. */
export function formatRatio(ns: number, baselineNs: number): string {
  const speedup = baselineNs / ns;
  if (Math.abs(speedup - 1) < 0.005) return '1.00×';
  return speedup > 1 ? `${speedup.toFixed(2)}× faster` : `${(1 / speedup).toFixed(2)}× slower`;
}

/**
 * How much of the baseline's speed a case reaches, for interleaved groups: `0.47×` means 47% of
 * the baseline's throughput (the baseline's time divided by the case's).
 */
export function formatSpeed(ns: number, baselineNs: number): string {
  return `${(baselineNs / ns).toFixed(2)}×`;
}

/** How {@link renderGroup} summarises the rounds, and what every row ran on. */
export interface RenderOptions {
  /** `median` (default) of the rounds, or the `best` round (interleaved groups). */
  readonly statistic?: 'median' | 'best';
  /** The runtime and version every row ran on (`node v26.12.1`): a column when given. */
  readonly runtime?: string;
}

/**
 * Renders one group as a markdown table. MB/s (10⁶ bytes per second) appears when a case gives
 * `bytes`, a backend column when a case names its backend, a runtime column when `options`
 * names it. With `statistic: 'best'` each row shows its best round and its speed as a fraction
 * of the baseline's (`× baseline`); otherwise the median and `vs baseline` (faster / slower).
 */
export function renderGroup(
  title: string,
  timings: readonly CaseTiming[],
  note?: string,
  options: RenderOptions = {},
): string {
  const best = options.statistic === 'best';
  const summarise = (t: CaseTiming): number => (best ? Math.min(...t.roundsNs) : median(t.roundsNs));
  const withBytes = timings.some((t) => t.bytes !== undefined);
  const withBackend = timings.some((t) => t.backend !== undefined);
  const baseline = timings.find((t) => t.baseline === true);
  const baselineNs = baseline === undefined ? undefined : summarise(baseline);
  const header = [
    'case',
    ...(withBackend ? ['backend'] : []),
    ...(options.runtime === undefined ? [] : ['runtime']),
    best ? 'best' : 'median',
    '±',
    'ops/s',
    ...(withBytes ? ['MB/s'] : []),
    ...(baseline ? [best ? '× baseline' : 'vs baseline'] : []),
  ];
  const compare = (ns: number, t: CaseTiming, reference: number): string => {
    if (best) return formatSpeed(ns, reference);
    return t.baseline === true ? '' : formatRatio(ns, reference);
  };
  const rows = timings.map((t) => {
    const ns = summarise(t);
    const callsPerSecond = 1e9 / ns;
    const opsPerSecond = callsPerSecond * (t.ops ?? 1);
    return [
      t.baseline === true ? `${t.name} (baseline)` : t.name,
      ...(withBackend ? [t.backend ?? ''] : []),
      ...(options.runtime === undefined ? [] : [options.runtime]),
      formatDuration(ns),
      `${spreadPercent(t.roundsNs).toFixed(1)}%`,
      formatRate(opsPerSecond),
      ...(withBytes ? [t.bytes === undefined ? '' : formatRate((t.bytes * callsPerSecond) / 1e6)] : []),
      ...(baselineNs === undefined ? [] : [compare(ns, t, baselineNs)]),
    ];
  });
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  const align = header.map((name) => (['case', 'backend', 'runtime'].includes(name) ? ':--' : '--:'));
  const table = [line(header), line(align), ...rows.map(line)].join('\n');
  return `### ${title}\n\n${table}\n${note === undefined ? '' : `\n${note}\n`}`;
}
