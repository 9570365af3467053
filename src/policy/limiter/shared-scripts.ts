/**
 * The shared limiter's Lua scripts: the GCRA of `reserve` and the correction of `syncLimiter`,
 * run atomically inside Redis on one hash per limiter. The state and the argument layout are
 * specified in docs/spec/shared-limiter.md; shared-limiter.ts encodes the arguments and decodes
 * the replies. Every number is stored and returned as `%.17g`, which a double survives
 * exactly, so the script computes what the pure functions compute, bit for bit.
 */

/**
 * The part both scripts share: arguments 1 to 9 (the period, then limit and burst per
 * dimension, empty when the dimension is not limited), the clock, reading the state hash,
 * checking that every caller of the key configured the same limits, and writing the state back
 * with an expiry one period after its last booking.
 */
const PRELUDE = `
local key = KEYS[1]
local DIMS = {'requests', 'tokens', 'inputTokens', 'outputTokens'}
local function f(x) return string.format('%.17g', x) end
local function arg(i)
  local v = tonumber(ARGV[i])
  if v == nil or v ~= v or v == math.huge or v == -math.huge then
    error('mamlkit shared limiter: argument ' .. i .. ' is not a finite number')
  end
  return v
end
local period = arg(1)
local config = table.concat(ARGV, ',', 1, 9)
local function clock(hook)
  if ARGV[hook] ~= nil then return arg(hook) end
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
end
local stored = redis.call('HMGET', key, 'limits', 'blocked', 'requests.tat', 'requests.limit',
  'tokens.tat', 'tokens.limit', 'inputTokens.tat', 'inputTokens.limit', 'outputTokens.tat', 'outputTokens.limit')
if stored[1] and stored[1] ~= config then return {'mismatch', stored[1]} end
local blocked = tonumber(stored[2] or '0')
local cells = {}
for d = 1, 4 do
  if ARGV[2 * d] ~= '' then
    cells[d] = {
      limit = stored[2 + 2 * d] and tonumber(stored[2 + 2 * d]) or arg(2 * d),
      burst = arg(2 * d + 1),
      tat = tonumber(stored[1 + 2 * d] or '0'),
    }
  end
end
local function save(now, reported)
  local out = {'limits', config, 'blocked', f(blocked)}
  local horizon = math.max(blocked, now)
  for d = 1, 4 do
    local c = cells[d]
    if c then
      out[#out + 1] = DIMS[d] .. '.tat'
      out[#out + 1] = f(c.tat)
      if reported[d] then
        out[#out + 1] = DIMS[d] .. '.limit'
        out[#out + 1] = f(c.limit)
      end
      horizon = math.max(horizon, c.tat)
    end
  end
  redis.call('HSET', key, unpack(out))
  redis.call('PEXPIRE', key, math.ceil(horizon - now + period))
end
local function state(status, now, delay)
  local out = {status, f(now), f(delay), f(blocked)}
  for d = 1, 4 do
    local c = cells[d]
    out[#out + 1] = c and f(c.tat) or ''
    out[#out + 1] = c and f(c.limit) or ''
  end
  return out
end
`;

/**
 * The Lua script of `reserveShared`: the GCRA of `reserve` on the state hash `KEYS[1]`, with
 * the Redis server's clock (`TIME`). Exported so a client can `SCRIPT LOAD` it and call it by
 * its SHA; its arguments and reply are specified in docs/spec/shared-limiter.md.
 *
 * @example
 * ```ts
 * import { RESERVE_SHARED_SCRIPT } from 'mamlkit/policy';
 * const sha = await client.scriptLoad(RESERVE_SHARED_SCRIPT); // node-redis
 * ```
 */
export const RESERVE_SHARED_SCRIPT: string = `${PRELUDE}
local maxWait = arg(10)
local now = clock(15)
local start = math.max(now, blocked)
for d = 1, 4 do
  local c = cells[d]
  if c then
    local units = arg(10 + d)
    local capacity = math.max((c.limit * c.burst) / period, 1)
    if units > capacity then return {'over', DIMS[d], f(units), f(capacity), f(c.limit)} end
    local window = math.max(c.burst, period / c.limit)
    start = math.max(start, math.max(c.tat, now) + units * (period / c.limit) - window)
  end
end
local delay = start - now
if delay > maxWait then return state('refused', now, delay) end
for d = 1, 4 do
  local c = cells[d]
  if c then c.tat = math.max(c.tat, start) + (arg(10 + d) * period) / c.limit end
end
save(now, {})
return state('reserved', now, delay)
`;

/**
 * The Lua script of `syncShared`: the correction of `syncLimiter` (server-reported limits,
 * lower `remaining`, `retry-after` capped at `maxBlockMs`) on the state hash `KEYS[1]`, with
 * the Redis server's clock. Arguments and reply: docs/spec/shared-limiter.md.
 *
 * @example
 * ```ts
 * import { SYNC_SHARED_SCRIPT } from 'mamlkit/policy';
 * const sha = await redis.script('LOAD', SYNC_SHARED_SCRIPT); // ioredis
 * ```
 */
export const SYNC_SHARED_SCRIPT: string = `${PRELUDE}
local maxBlock = arg(10)
local now = clock(20)
local reported = {}
for d = 1, 4 do
  local c = cells[d]
  if c then
    if ARGV[10 + 2 * d] ~= '' then
      local limit = arg(10 + 2 * d)
      if limit >= 1 then
        c.limit = limit
        reported[d] = true
      end
    end
    if ARGV[11 + 2 * d] ~= '' then
      local ahead = math.max(c.burst, period / c.limit) - (arg(11 + 2 * d) * period) / c.limit
      c.tat = math.max(c.tat, now + math.max(0, ahead))
    end
  end
end
if ARGV[11] ~= '' then blocked = math.max(blocked, now + math.min(arg(11), maxBlock)) end
save(now, reported)
return state('synced', now, 0)
`;
