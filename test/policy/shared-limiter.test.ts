import { createServer, type Server } from 'node:http';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  RateLimitSnapshot,
  RateLimitWindow,
} from '../../src/policy/headers/parse-rate-limit-headers.js';
import {
  createLimiter,
  reserve,
  syncLimiter,
  type LimiterCost,
  type LimiterLimits,
  type LimiterState,
} from '../../src/policy/limiter/limiter.js';
import { reserveShared, syncShared } from '../../src/policy/limiter/shared-limiter.js';
import { RESERVE_SHARED_SCRIPT } from '../../src/policy/limiter/shared-scripts.js';
import type { RedisEval } from '../../src/redis/eval.js';
import { startRedis, type RedisServer } from '../support/redis-server.js';

// Regression tests for issue 18, "Shared limiter": the GCRA of `reserve` as a Redis script.

const connect = (url: string) => createClient({ url }).connect();

let server: RedisServer;
let client: Awaited<ReturnType<typeof connect>>;
let ioredis: Redis;
/** The node-redis adapter, as documented. */
let nodeRedisEval: RedisEval;
/** The ioredis adapter, as documented. */
let ioredisEval: RedisEval;

beforeAll(async () => {
  server = await startRedis({ appendfsync: 'everysec' });
  client = await connect(server.url);
  ioredis = new Redis(server.url);
  nodeRedisEval = (script, keys, args) => client.eval(script, { keys: [...keys], arguments: [...args] });
  ioredisEval = (script, keys, args) => ioredis.eval(script, keys.length, ...keys, ...args);
});

afterAll(async () => {
  client.destroy();
  ioredis.disconnect();
  await server.stop();
});

/**
 * The scripts' testing hook: an argument after the fixed ones is taken as the clock instead of
 * the server's `TIME`, so a random sequence of times replays exactly.
 */
const at =
  (evalScript: () => RedisEval, now: number): RedisEval =>
  (script, keys, args) =>
    evalScript()(script, keys, [...args, String(now)]);

let keys = 0;
const freshKey = (): string => `test:shared-limiter:${++keys}`;

type Outcome =
  { ok: boolean; delayMs: number; state: LimiterState; reason?: string } | { code: string; message: string };

function outcome(run: () => { ok: boolean; delayMs: number; state: LimiterState; reason?: string }): Outcome {
  try {
    const { ok, delayMs, state, reason } = run();
    return reason === undefined ? { ok, delayMs, state } : { ok, delayMs, state, reason };
  } catch (error) {
    return { code: (error as { code: string }).code, message: (error as Error).message };
  }
}

async function sharedOutcome(
  run: () => Promise<{ ok: boolean; delayMs: number; state: LimiterState; reason?: string }>,
): Promise<Outcome> {
  try {
    const { ok, delayMs, state, reason } = await run();
    return reason === undefined ? { ok, delayMs, state } : { ok, delayMs, state, reason };
  } catch (error) {
    return { code: (error as { code: string }).code, message: (error as Error).message };
  }
}

const PERIODS = [10_000, 60_000, 3_600_000];
const limitsArb: fc.Arbitrary<LimiterLimits> = fc
  .record(
    {
      periodMs: fc.constantFrom(...PERIODS),
      requestsPerMinute: fc.integer({ min: 1, max: 10_000 }),
      tokensPerMinute: fc.integer({ min: 1_000, max: 2_000_000 }),
      inputTokensPerMinute: fc.double({ min: 1_000, max: 1e6, noNaN: true }),
      outputTokensPerMinute: fc.integer({ min: 300, max: 100_000 }),
      burstFraction: fc.double({ min: 0.001, max: 1, noNaN: true }),
    },
    { requiredKeys: ['periodMs'] },
  )
  .map(({ burstFraction, ...limits }) =>
    burstFraction === undefined
      ? limits
      : {
          ...limits,
          burstMs: {
            requests: burstFraction * limits.periodMs,
            outputTokens: burstFraction * limits.periodMs,
          },
        },
  );

const windowArb: fc.Arbitrary<RateLimitWindow> = fc.record(
  {
    limit: fc.integer({ min: 0, max: 100_000 }),
    remaining: fc.double({ min: 0, max: 100_000, noNaN: true }),
  },
  { requiredKeys: [] },
);

type Step =
  | { kind: 'reserve'; dt: number; cost: LimiterCost; maxWaitMs: number }
  | { kind: 'sync'; dt: number; snapshot: Omit<RateLimitSnapshot, 'at'>; maxBlockMs: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('reserve' as const),
      dt: fc.double({ min: 0, max: 20_000, noNaN: true }),
      cost: fc.record(
        {
          requests: fc.integer({ min: 0, max: 4 }),
          inputTokens: fc.double({ min: 0, max: 1_500, noNaN: true }),
          outputTokens: fc.double({ min: 0, max: 400, noNaN: true }),
        },
        { requiredKeys: [] },
      ),
      maxWaitMs: fc.integer({ min: 0, max: 120_000 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('sync' as const),
      dt: fc.double({ min: 0, max: 20_000, noNaN: true }),
      snapshot: fc.record(
        {
          requests: windowArb,
          tokens: windowArb,
          inputTokens: windowArb,
          outputTokens: windowArb,
          retryAfterMs: fc.integer({ min: 0, max: 200_000 }),
        },
        { requiredKeys: ['requests', 'tokens', 'inputTokens', 'outputTokens'] },
      ),
      maxBlockMs: fc.integer({ min: 0, max: 120_000 }),
    }),
  },
);

describe('shared limiter', () => {
  it('issue 18, shared limiter: the script and reserve/syncLimiter give the same decisions for the same costs, times and syncs', async () => {
    await fc.assert(
      fc.asyncProperty(
        limitsArb,
        // Epoch times, and small ones where rounding differences are not absorbed by the sum.
        fc.oneof(
          fc.double({ min: 1.7e12, max: 1.8e12, noNaN: true }),
          fc.double({ min: 0, max: 1e4, noNaN: true }),
        ),
        fc.array(stepArb, { minLength: 1, maxLength: 30 }),
        async (limits, start, steps) => {
          const key = freshKey();
          let state = createLimiter(limits);
          let now = start;
          for (const step of steps) {
            now += step.dt;
            const evalAt = at(() => nodeRedisEval, now);
            if (step.kind === 'reserve') {
              const options = { maxWaitMs: step.maxWaitMs };
              const pure = outcome(() => reserve(state, step.cost, now, options));
              const shared = await sharedOutcome(() =>
                reserveShared(evalAt, key, limits, step.cost, options),
              );
              expect(shared).toEqual(pure);
              if ('state' in pure) state = pure.state;
            } else {
              const snapshot = { ...step.snapshot, at: now };
              const options = { maxBlockMs: step.maxBlockMs };
              const pure = syncLimiter(state, snapshot, now, options);
              expect(await syncShared(evalAt, key, limits, snapshot, options)).toEqual(pure);
              state = pure;
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('issue 18, shared limiter: replicas on node-redis and ioredis share one bucket on the server clock', async () => {
    const key = freshKey();
    const limits = { requestsPerMinute: 60 };
    const before = Date.now();
    const first = await reserveShared(nodeRedisEval, key, limits, {});
    const second = await reserveShared(ioredisEval, key, limits, {});
    const third = await reserveShared(nodeRedisEval, key, limits, {});
    expect([first.ok, second.ok, third.ok]).toEqual([true, true, true]);
    expect(first.delayMs).toBe(0);
    // 60 RPM with a 1 s burst: one request a second, whoever sends it.
    expect(second.at + second.delayMs - (first.at + first.delayMs)).toBeCloseTo(1000, 6);
    expect(third.at + third.delayMs - (first.at + first.delayMs)).toBeCloseTo(2000, 6);
    // The clock is the server's (TIME), here the same machine's.
    expect(first.at).toBeGreaterThanOrEqual(before - 1000);
    expect(first.at).toBeLessThanOrEqual(Date.now() + 1000);
    expect(third.state.cells.requests?.tat).toBeCloseTo(first.at + 3000, 0);
  });

  it('issue 18, shared limiter: the HTTP adapter (Upstash-style REST) works through a local HTTP-to-Redis shim', async () => {
    // The shim: POST a command as a JSON array, get `{ result }` or `{ error }` back, as Upstash does.
    const shim: Server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const command = (JSON.parse(body) as unknown[]).map(String);
        client.sendCommand(command).then(
          (result) => response.end(JSON.stringify({ result })),
          (error: unknown) => response.end(JSON.stringify({ error: String(error) })),
        );
      });
    });
    await new Promise<void>((resolve) => shim.listen(0, '127.0.0.1', resolve));
    const { port } = shim.address() as { port: number };
    try {
      // The adapter of docs/guide/replicas.md.
      const viaHttp: RedisEval = async (script, keys, args) => {
        const response = await fetch(`http://127.0.0.1:${port}`, {
          method: 'POST',
          headers: { authorization: 'Bearer test-token' },
          body: JSON.stringify(['EVAL', script, keys.length, ...keys, ...args]),
        });
        const body = (await response.json()) as { result?: unknown; error?: string };
        if (body.error !== undefined) throw new Error(body.error);
        return body.result;
      };
      const key = freshKey();
      const limits = { requestsPerMinute: 60 };
      const first = await reserveShared(viaHttp, key, limits, {});
      const second = await reserveShared(nodeRedisEval, key, limits, {});
      expect(second.at + second.delayMs - (first.at + first.delayMs)).toBeCloseTo(1000, 6);
      await expect(reserveShared(viaHttp, key, { requestsPerMinute: 1 }, {})).rejects.toMatchObject({
        code: 'ERR_POLICY_SHARED_LIMITS_MISMATCH',
      });
    } finally {
      await new Promise((resolve) => shim.close(resolve));
    }
  });

  it('issue 18, shared limiter: the key expires one period after its last booking', async () => {
    const key = freshKey();
    const reservation = await reserveShared(
      nodeRedisEval,
      key,
      { requestsPerMinute: 60, periodMs: 10_000 },
      {},
    );
    const ttl = await client.pTTL(key);
    const tat = reservation.state.cells.requests?.tat ?? 0;
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(Math.ceil(tat - reservation.at + 10_000));
    expect(ttl).toBeGreaterThan(tat - reservation.at + 10_000 - 1000);
  });

  it('issue 18, shared limiter: a refusal books nothing and says why', async () => {
    const key = freshKey();
    const limits = { requestsPerMinute: 60 };
    await reserveShared(nodeRedisEval, key, limits, {});
    const refused = await reserveShared(nodeRedisEval, key, limits, {}, { maxWaitMs: 500 });
    expect(refused.ok).toBe(false);
    expect(refused).toMatchObject({ reason: expect.stringContaining('exceeds maxWaitMs 500') as string });
    const next = await reserveShared(nodeRedisEval, key, limits, {});
    expect(next.at + next.delayMs - refused.at).toBeLessThan(1000 + 50);
  });

  it('issue 18, shared limiter: a retry-after synced by one replica blocks the others, for at most maxBlockMs', async () => {
    const key = freshKey();
    const limits = { requestsPerMinute: 6000 };
    const window: RateLimitWindow = {};
    const snapshot = {
      at: 0,
      requests: window,
      tokens: window,
      inputTokens: window,
      outputTokens: window,
      retryAfterMs: 31_536_000_000,
    };
    const synced = await syncShared(ioredisEval, key, limits, snapshot, { maxBlockMs: 5_000 });
    const blocked = await reserveShared(nodeRedisEval, key, limits, {});
    expect(blocked.delayMs).toBeGreaterThan(4_900);
    expect(blocked.delayMs).toBeLessThanOrEqual(5_000);
    expect(synced.blockedUntil).toBe(blocked.state.blockedUntil);
  });

  it('issue 18, shared limiter: callers with different limits on one key are an error, not a silent mix', async () => {
    const key = freshKey();
    await reserveShared(nodeRedisEval, key, { requestsPerMinute: 60 }, {});
    await expect(reserveShared(nodeRedisEval, key, { requestsPerMinute: 120 }, {})).rejects.toMatchObject({
      code: 'ERR_POLICY_SHARED_LIMITS_MISMATCH',
      message: expect.stringContaining('60000,60,1000') as string,
    });
  });

  it('issue 18, shared limiter: a cost over the burst is ERR_POLICY_COST_OVER_CAPACITY, as with reserve', async () => {
    const limits = { requestsPerMinute: 60, inputTokensPerMinute: 1000 };
    const cost = { inputTokens: 1001 };
    const pure = outcome(() => reserve(createLimiter(limits), cost, 0));
    expect(pure).toMatchObject({ code: 'ERR_POLICY_COST_OVER_CAPACITY' });
    expect(await sharedOutcome(() => reserveShared(nodeRedisEval, freshKey(), limits, cost))).toEqual(pure);
  });

  it('issue 18, shared limiter: a bad reply from the client is ERR_POLICY_SHARED_REPLY with the reply in the message', async () => {
    const replies: unknown[] = [
      null,
      42,
      ['reserved', 1, 2],
      ['reserved', 'x', '0', '0', '', '', '', '', '', '', '', ''],
      ['ok'],
    ];
    for (const reply of replies) {
      const evalScript: RedisEval = () => Promise.resolve(reply);
      const error = await reserveShared(evalScript, 'k', { requestsPerMinute: 60 }, {}).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'ERR_POLICY_SHARED_REPLY' });
      expect((error as Error).message).toContain(JSON.stringify(reply));
    }
    const failing: RedisEval = () => Promise.reject(new Error('ECONNREFUSED 127.0.0.1:1'));
    await expect(reserveShared(failing, 'k', { requestsPerMinute: 60 }, {})).rejects.toMatchObject({
      code: 'ERR_POLICY_SHARED_EVAL',
      message: expect.stringContaining('ECONNREFUSED') as string,
    });
  });

  it('issue 18, shared limiter: inputs are bounded before anything reaches Redis', async () => {
    const never: RedisEval = () => Promise.reject(new Error('must not be called'));
    const limits = { requestsPerMinute: 60 };
    const cases: [() => Promise<unknown>, string][] = [
      [() => reserveShared(never, '', limits, {}), 'ERR_INVALID_ARGUMENT'],
      [() => reserveShared(never, 'k'.repeat(1025), limits, {}), 'ERR_LIMIT_EXCEEDED'],
      [() => reserveShared(never, 'k', limits, {}, { maxWaitMs: 86_400_001 }), 'ERR_LIMIT_EXCEEDED'],
      [() => reserveShared(never, 'k', { ...limits, periodMs: 2 * 86_400_000 }, {}), 'ERR_LIMIT_EXCEEDED'],
      [() => reserveShared(never, 'k', limits, { inputTokens: Number.NaN }), 'ERR_INVALID_ARGUMENT'],
      [() => reserveShared(never, 'k', { requestsPerMinute: 0 }, {}), 'ERR_INVALID_ARGUMENT'],
    ];
    for (const [run, code] of cases) await expect(run()).rejects.toMatchObject({ code });
  });

  it('issue 18, shared limiter: the script itself refuses arguments that are not numbers', async () => {
    const args = ['60000', 'x', '1000', '', '', '', '', '', '', '60000', '1', '0', '0', '0'];
    await expect(nodeRedisEval(RESERVE_SHARED_SCRIPT, [freshKey()], args)).rejects.toThrow(
      /not a finite number/,
    );
  });
});
