/**
 * The benchmark harness. A bench file (bench/<name>.bench.ts) default-exports an async
 * function returning groups of cases; bench/run.ts measures them and prints the tables.
 *
 * Method: each case is warmed up for `warmupMs`, then run for `rounds` rounds of a fixed
 * iteration count calibrated to take about `roundMs` each. A case's result is the median
 * time per call across rounds, with the spread of the rounds around it.
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
  /** Operations per call (a call that makes 400 reservations: 400); ops/s counts these. Default 1. */
  readonly ops?: number;
}

/** Cases measured and shown together, in one table. */
export interface BenchGroup {
  readonly title: string;
  readonly cases: readonly BenchCase[];
  /** A sentence printed under the table (what the goal is, what the baseline does). */
  readonly note?: string;
  /**
   * Measure the cases round by round in turn (A, B, A, B, …) instead of one after the other, so
   * a change in the machine's load during the run weighs on every case alike.
   */
  readonly interleave?: boolean;
  /** Releases what the cases hold (servers, processes) once the group is measured. */
  readonly close?: () => Promise<void>;
}

/** Time per call of every round of one case, in nanoseconds. */
export interface CaseTiming {
  readonly name: string;
  readonly roundsNs: readonly number[];
  readonly bytes?: number;
  readonly baseline?: boolean;
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

/** Warms `benchCase` up and returns how many calls take about `roundMs`. */
async function calibrate(benchCase: BenchCase, options: MeasureOptions, isAsync: boolean): Promise<number> {
  let calls = 0;
  let spentMs = 0;
  for (let batch = 1; spentMs < options.warmupMs; batch *= 2) {
    spentMs += await timeLoop(benchCase.run, batch, isAsync);
    calls += batch;
  }
  return Math.max(1, Math.round((calls / spentMs) * options.roundMs));
}

const timing = (benchCase: BenchCase, roundsNs: number[]): CaseTiming => {
  const { name, bytes, baseline, ops } = benchCase;
  return {
    name,
    roundsNs,
    ...(bytes === undefined ? {} : { bytes }),
    ...(baseline ? { baseline } : {}),
    ...(ops === undefined ? {} : { ops }),
  };
};

/**
 * Warms `benchCase` up, calibrates the iterations per round, and times every round. When the
 * process runs with `--expose-gc` (as `npm run bench` does), garbage is collected first, so a
 * case never pays for the garbage the cases before it left behind.
 */
export async function measureCase(
  benchCase: BenchCase,
  options: MeasureOptions = defaultMeasureOptions,
): Promise<CaseTiming> {
  return (await measureInterleaved([benchCase], options))[0] as CaseTiming;
}

/** Like {@link measureCase} for several cases at once, their rounds taken in turn. */
export async function measureInterleaved(
  cases: readonly BenchCase[],
  options: MeasureOptions = defaultMeasureOptions,
): Promise<CaseTiming[]> {
  const plans = [];
  for (const benchCase of cases) {
    (globalThis as { gc?: () => void }).gc?.();
    const isAsync = isPromiseLike(benchCase.run());
    plans.push({
      benchCase,
      isAsync,
      iterations: await calibrate(benchCase, options, isAsync),
      roundsNs: [] as number[],
    });
  }
  for (let round = 0; round < options.rounds; round++) {
    for (const plan of plans) {
      const ms = await timeLoop(plan.benchCase.run, plan.iterations, plan.isAsync);
      plan.roundsNs.push((ms * 1e6) / plan.iterations);
    }
  }
  return plans.map((plan) => timing(plan.benchCase, plan.roundsNs));
}
