/**
 * The reservations the shared-limiter bench compares, on one ioredis connection each:
 * mamlkit's `reserveShared` through the documented EVAL one-liner and through EVALSHA with the
 * script loaded once, and rate-limiter-flexible's `RateLimiterRedis.consume` (which runs its
 * own Lua script by EVALSHA). The limits are far above what the bench can reach, so nothing
 * waits or is refused: the cost measured is the reservation round trip.
 */
import { Redis } from 'ioredis';
import { RESERVE_SHARED_SCRIPT, reserveShared, type RedisEval } from 'mamlkit/policy';
import { RateLimiterRedis } from 'rate-limiter-flexible';

export const CASE_NAMES = [
  'mamlkit reserveShared (EVAL)',
  'mamlkit reserveShared (EVALSHA)',
  'rate-limiter-flexible RateLimiterRedis',
] as const;

const LIMITS = { requestsPerMinute: 1e9, tokensPerMinute: 1e12 };
const COST = { inputTokens: 1200, outputTokens: 300 };

/** The cases on one connection, and how many commands that connection has sent so far. */
export async function reservationCases(url: string): Promise<{
  reserve: Record<string, () => Promise<unknown>>;
  commandsSent: () => number;
  close: () => void;
}> {
  const redis = new Redis(url);
  let sent = 0;
  const send = redis.sendCommand.bind(redis);
  redis.sendCommand = (...args) => {
    sent++;
    return send(...args);
  };
  const sha = (await redis.script('LOAD', RESERVE_SHARED_SCRIPT)) as string;
  const viaEval: RedisEval = (script, keys, args) => redis.eval(script, keys.length, ...keys, ...args);
  const viaEvalSha: RedisEval = (_script, keys, args) => redis.evalsha(sha, keys.length, ...keys, ...args);
  const flexible = new RateLimiterRedis({
    storeClient: redis,
    points: 1e12,
    duration: 60,
    keyPrefix: 'bench-rlf',
  });
  return {
    reserve: {
      [CASE_NAMES[0]]: () => reserveShared(viaEval, 'bench:eval', LIMITS, COST),
      [CASE_NAMES[1]]: () => reserveShared(viaEvalSha, 'bench:evalsha', LIMITS, COST),
      [CASE_NAMES[2]]: () => flexible.consume('shared', 1),
    },
    commandsSent: () => sent,
    close: () => {
      redis.disconnect();
    },
  };
}
