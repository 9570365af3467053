/**
 * The one thing mamlkit needs from a Redis (or Valkey) client: run a Lua script atomically
 * with keys and arguments and return its reply. mamlkit brings the scripts and no transport;
 * the caller wraps whatever client it has in a line or two (see docs/guide/replicas.md):
 *
 * - node-redis: `(script, keys, args) => client.eval(script, { keys: [...keys], arguments: [...args] })`
 * - ioredis: `(script, keys, args) => redis.eval(script, keys.length, ...keys, ...args)`
 * - an HTTP Redis (Upstash-style REST): POST `["EVAL", script, keys.length, ...keys, ...args]`
 *
 * A client may cache scripts (EVALSHA with a fallback to EVAL on NOSCRIPT): the reply is the
 * same. Replies are Redis values as the client decodes them: integers as numbers, bulk strings
 * as strings, arrays as arrays, nil as `null`.
 *
 * @example
 * ```ts
 * import { createClient } from 'redis';
 * import type { RedisEval } from 'mamlkit/policy';
 * const client = await createClient({ url: 'redis://127.0.0.1:6379' }).connect();
 * const evalScript: RedisEval = (script, keys, args) =>
 *   client.eval(script, { keys: [...keys], arguments: [...args] });
 * ```
 */
export type RedisEval = (
  script: string,
  keys: readonly string[],
  args: readonly string[],
) => Promise<unknown>;
