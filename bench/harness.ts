/**
 * The benchmark harness. A bench file (bench/<name>.bench.ts) default-exports an async
 * function returning groups of cases; bench/run.ts measures them and prints the tables.
 *
 * Method: each case is warmed up for `warmupMs`, then run for `rounds` rounds of a fixed
 * iteration count calibrated to take about `roundMs` each. A case's result is the median
 * time per call across rounds, with the spread of the rounds around it. An `interleaved`
 * group instead runs round 1 of every case, then round 2 of every case, and so on, and
 * reports each case's best round: a baseline and the cases compared with it then share the
 * machine's good and bad moments.
 */

/** One measured function. */
export interface BenchCase {
  readonly name: string;
  /** The work to measure; may return a promise, which is awaited. */
  readonly run: () => unknown;
  /** Bytes processed per call: the table then shows MB/s. */
  readonly bytes?: number;
  /** The case the other rows of its group are compared to. */
  readonly baseline?: boolean;
  /** Which implementation ran (`noble`, `webcrypto`, `node:crypto`): a column of its own. */
  readonly backend?: string;
  /** Operations per call (a call that makes 400 reservations: 400); ops/s counts these. Default 1. */
  readonly ops?: number;
}

/** Cases measured and shown together, in one table. */
export interface BenchGroup {
  readonly title: string;
  readonly cases: readonly BenchCase[];
  /** A sentence printed under the table (what the goal is, what the baseline does). */
  readonly note?: string;
  /** Measure the cases round by round in turn and report each one's best round ({@link measureInterleaved}). */
  readonly interleaved?: boolean;
  /**
   * Round settings other than the defaults: `{ roundMs: 0, rounds: 31 }` times one call per
   * round, with garbage collected before each, so no call pays for the garbage of the others.
   */
  readonly measure?: Partial<MeasureOptions>;
  /** Releases what the cases hold (servers, processes) once the group is measured. */
  readonly close?: () => Promise<void>;
}

/** Time per call of every round of one case, in nanoseconds. */
export interface CaseTiming {
  readonly name: string;
  readonly roundsNs: readonly number[];
  readonly bytes?: number;
  readonly baseline?: boolean;
  readonly backend?: string;
  readonly ops?: number;
}

/** How long to measure. */
export interface MeasureOptions {
  readonly warmupMs: number;
  readonly rounds: number;
  readonly roundMs: number;
}

/** The defaults: 200 ms of warm-up, then 9 rounds of about 300 ms. */
export const defaultMeasureOptions: MeasureOptions = { warmupMs: 200, rounds: 9, roundMs: 300 };

/** Interleaved groups: 200 ms of warm-up per case, then 7 rounds of about 300 ms per case. */
export const interleavedMeasureOptions: MeasureOptions = { warmupMs: 200, rounds: 7, roundMs: 300 };

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as { then?: unknown } | null)?.then === 'function';

/** Runs `fn` `iterations` times and returns the elapsed milliseconds. */
async function timeLoop(fn: () => unknown, iterations: number, isAsync: boolean): Promise<number> {
  const start = performance.now();
  if (isAsync) {
    for (let i = 0; i < iterations; i++) await fn();
  } else {
    for (let i = 0; i < iterations; i++) fn();
  }
  return performance.now() - start;
}

/** Collects garbage when the process runs with `--expose-gc` (as `npm run bench` does). */
const collectGarbage = (): void => (globalThis as { gc?: () => void }).gc?.();

/** A warmed-up case with its calibrated iterations per round. */
interface WarmCase {
  readonly benchCase: BenchCase;
  readonly isAsync: boolean;
  readonly iterations: number;
}

/** Warms `benchCase` up in doubling batches and calibrates the iterations of a `roundMs` round. */
async function warmUp(benchCase: BenchCase, options: MeasureOptions): Promise<WarmCase> {
  collectGarbage();
  const isAsync = isPromiseLike(benchCase.run());
  let calls = 0;
  let spentMs = 0;
  for (let batch = 1; spentMs < options.warmupMs; batch *= 2) {
    spentMs += await timeLoop(benchCase.run, batch, isAsync);
    calls += batch;
  }
  return { benchCase, isAsync, iterations: Math.max(1, Math.round((calls / spentMs) * options.roundMs)) };
}

/** Times one round of a warm case: nanoseconds per call. */
async function timeRound({ benchCase, isAsync, iterations }: WarmCase): Promise<number> {
  return ((await timeLoop(benchCase.run, iterations, isAsync)) * 1e6) / iterations;
}

const timing = (
  { name, bytes, baseline, backend, ops }: BenchCase,
  roundsNs: readonly number[],
): CaseTiming => ({
  name,
  roundsNs,
  ...(bytes === undefined ? {} : { bytes }),
  ...(baseline ? { baseline } : {}),
  ...(backend === undefined ? {} : { backend }),
  ...(ops === undefined ? {} : { ops }),
});

/**
 * Warms `benchCase` up, calibrates the iterations per round, and times every round. When the
 * process runs with `--expose-gc` (as `npm run bench` does), garbage is collected first, so a
 * case never pays for the garbage the cases before it left behind.
 */
export async function measureCase(
  benchCase: BenchCase,
  options: MeasureOptions = defaultMeasureOptions,
): Promise<CaseTiming> {
  const warm = await warmUp(benchCase, options);
  const roundsNs: number[] = [];
  for (let round = 0; round < options.rounds; round++) roundsNs.push(await timeRound(warm));
  return timing(benchCase, roundsNs);
}

/**
 * Warms every case up, then times round 1 of each case in turn, then round 2, and so on, with
 * garbage collected before each round: slow moments of a shared machine fall on every case
 * alike, so the best rounds compare fairly. Reported with the best round (`renderGroup`'s
 * `statistic: 'best'`).
 */
export async function measureInterleaved(
  cases: readonly BenchCase[],
  options: MeasureOptions = interleavedMeasureOptions,
  onCase: (benchCase: BenchCase) => void = () => undefined,
): Promise<CaseTiming[]> {
  const warm: WarmCase[] = [];
  for (const benchCase of cases) {
    onCase(benchCase);
    warm.push(await warmUp(benchCase, options));
  }
  const rounds = cases.map((): number[] => []);
  for (let round = 0; round < options.rounds; round++) {
    for (const [index, warmCase] of warm.entries()) {
      collectGarbage();
      rounds[index]?.push(await timeRound(warmCase));
    }
  }
  return cases.map((benchCase, index) => timing(benchCase, rounds[index] ?? []));
}

/** Measures a group's cases one after another, or interleaved when the group asks for it; `onCase` hears of each. */
export async function measureGroup(
  group: BenchGroup,
  onCase: (benchCase: BenchCase) => void = () => undefined,
): Promise<CaseTiming[]> {
  if (group.interleaved === true) {
    return measureInterleaved(group.cases, { ...interleavedMeasureOptions, ...group.measure }, onCase);
  }
  const options = { ...defaultMeasureOptions, ...group.measure };
  const timings = [];
  for (const benchCase of group.cases) {
    onCase(benchCase);
    timings.push(await measureCase(benchCase, options));
  }
  return timings;
}
