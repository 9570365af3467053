import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RedisServer } from '../support/redis-server.js';

// Load test for issue 18, "Load and fault tests": 8 processes × 2,000 shared reservations.

const PROCESSES = 8;
const RESERVATIONS = 2000;

let server: RedisServer;
let dir: string;
/** The worker bundled into one file, so that eight processes start in milliseconds, not seconds. */
let worker: string;
beforeAll(async () => {
  server = await startRedis({ appendfsync: 'everysec' });
  dir = await mkdtemp(join(tmpdir(), 'mamlkit-load-'));
  worker = join(dir, 'worker.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./shared-limiter-worker.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: worker,
    // node-redis is CommonJS and requires Node's built-ins.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'error',
  });
});
afterAll(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

/**
 * The largest amount admitted in any window [t_i, t_j] beyond `rate × (t_j - t_i)`: at most
 * the burst for a token bucket. With prefix sums P, the window's excess is
 * (P_j - rate × t_j) - (P_(i-1) - rate × t_i), so one pass keeping the least second term finds it.
 */
function largestExcess(sends: readonly (readonly [at: number, units: number])[], rate: number): number {
  const sorted = [...sends].sort((a, b) => a[0] - b[0]);
  let prefix = 0;
  let least = Number.POSITIVE_INFINITY;
  let largest = Number.NEGATIVE_INFINITY;
  for (const [at, units] of sorted) {
    least = Math.min(least, prefix - rate * at);
    prefix += units;
    largest = Math.max(largest, prefix - rate * at - least);
  }
  return largest;
}

describe('shared limiter under load', () => {
  it('issue 18, load: 8 processes × 2,000 reservations on one key all get an answer, and no window admits more than rate × window + burst', async () => {
    const started = Date.now();
    const outputs = await Promise.all(
      Array.from({ length: PROCESSES }, (_, w) =>
        promisify(execFile)(
          process.execPath,
          [worker, server.url, 'load:limiter', String(w), String(RESERVATIONS)],
          { timeout: 55_000, maxBuffer: 16 * 1024 * 1024 },
        ),
      ),
    );
    const elapsed = Date.now() - started;
    const sends = outputs.flatMap(
      ({ stdout }) => JSON.parse(stdout) as [sendAt: number, ok: boolean, inputTokens: number][],
    );
    expect(sends).toHaveLength(PROCESSES * RESERVATIONS);
    expect(sends.filter(([, ok]) => !ok)).toEqual([]);

    const requests = sends.map(([at]) => [at, 1] as const);
    const tokens = sends.map(([at, , inputTokens]) => [at, inputTokens] as const);
    // 60,000 requests a minute with a 1 s burst: at most 1,000 + 1 per ms × w in any window w.
    const requestExcess = largestExcess(requests, 1);
    expect(requestExcess).toBeLessThanOrEqual(1000 + 1e-6);
    // 600,000 tokens a minute with a 2 s burst: at most 20,000 + 10 per ms × w.
    const tokenExcess = largestExcess(tokens, 10);
    expect(tokenExcess).toBeLessThanOrEqual(20_000 + 1e-6);
    // And the pacing is not needlessly slow: one of the bounds is reached, give or take one cost.
    expect(Math.max(requestExcess - 1000 + 1, tokenExcess - 20_000 + 20)).toBeGreaterThanOrEqual(0);
    const totalTokens = tokens.reduce((sum, [, units]) => sum + units, 0);
    const first = Math.min(...sends.map(([at]) => at));
    const last = Math.max(...sends.map(([at]) => at));
    expect(last - first).toBeLessThanOrEqual(Math.max(sends.length / 1, totalTokens / 10) + elapsed);
  });
});
