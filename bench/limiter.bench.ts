/**
 * Shared-limiter benchmarks: `npm run bench -- limiter`. Reservations per second against a
 * local redis-server (started here, or `REDIS_URL`), from 1 process and from 8 processes, for
 * mamlkit's `reserveShared` and rate-limiter-flexible's `RateLimiterRedis` on the same client
 * library (ioredis), their rounds interleaved. The note under the first table gives the
 * commands the client sent per reservation: its round trips.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startRedis } from '../test/support/redis-server.js';
import type { BenchCase, BenchGroup } from './harness.js';
import { CASE_NAMES, reservationCases } from './limiter-cases.js';

const PROCESSES = 8;
/** Reservations each process makes per measured call of the 8-process cases. */
const PER_CALL = 50;

/** Commands the client sent per reservation of each case, over 1,000 reservations: its round trips. */
async function roundTrips(cases: Awaited<ReturnType<typeof reservationCases>>): Promise<string> {
  const counts = [];
  for (const name of CASE_NAMES) {
    const run = cases.reserve[name] as () => Promise<unknown>;
    await run();
    const before = cases.commandsSent();
    for (let i = 0; i < 1000; i++) await run();
    counts.push(`${name} ${(cases.commandsSent() - before) / 1000}`);
  }
  return `Commands sent per reservation (round trips): ${counts.join('; ')}.`;
}

/** `PROCESSES` forked workers of one case; a call asks each for `PER_CALL` reservations. */
async function processes(
  url: string,
  name: string,
): Promise<{ run: () => Promise<void>; close: () => Promise<void> }> {
  const worker = fileURLToPath(new URL('./limiter-worker.ts', import.meta.url));
  const children: ChildProcess[] = [];
  for (let i = 0; i < PROCESSES; i++) {
    const child = fork(worker, [url, name], { execArgv: ['--import', 'tsx'] });
    await new Promise((resolve) => child.once('message', resolve));
    children.push(child);
  }
  const ask = (child: ChildProcess): Promise<unknown> =>
    new Promise((resolve) => {
      child.once('message', resolve);
      child.send({ n: PER_CALL });
    });
  // Calls run one after another even when the harness does not await one (its first probe
  // call), so that every answer belongs to the call waiting for it.
  let previous: Promise<unknown> = Promise.resolve();
  return {
    run: () => {
      const call = previous.then(() => Promise.all(children.map(ask)));
      previous = call;
      return call.then(() => undefined);
    },
    close: async () => {
      await Promise.all(
        children.map(async (child) => {
          const exited = new Promise((resolve) => child.once('exit', resolve));
          child.kill();
          await exited;
        }),
      );
    },
  };
}

export default async function limiterBench(): Promise<BenchGroup[]> {
  const server =
    process.env.REDIS_URL === undefined ? await startRedis({ appendfsync: 'everysec' }) : undefined;
  const url = process.env.REDIS_URL ?? server?.url ?? '';
  const single = await reservationCases(url);
  const note = await roundTrips(single);
  const pools: { name: string; run: () => Promise<void>; close: () => Promise<void> }[] = [];
  for (const name of CASE_NAMES) pools.push({ name, ...(await processes(url, name)) });
  const singleCases: BenchCase[] = CASE_NAMES.map((name, i) => ({
    name,
    run: single.reserve[name] as () => Promise<unknown>,
    ...(i === 2 ? { baseline: true } : {}),
  }));
  const pooledCases: BenchCase[] = pools.map(({ name, run }, i) => ({
    name,
    run,
    ops: PROCESSES * PER_CALL,
    ...(i === 2 ? { baseline: true } : {}),
  }));
  return [
    {
      title: 'Shared reservations, 1 process (ops/s = reservations per second)',
      cases: singleCases,
      interleaved: true,
      note: `${note} Goal: at least rate-limiter-flexible's throughput.`,
    },
    {
      title: `Shared reservations, ${PROCESSES} processes on one key (ops/s = reservations per second, all processes)`,
      cases: pooledCases,
      interleaved: true,
      note: `Each call: ${PROCESSES} processes × ${PER_CALL} reservations in parallel.`,
      close: async () => {
        for (const pool of pools) await pool.close();
        single.close();
        await server?.stop();
      },
    },
  ];
}
