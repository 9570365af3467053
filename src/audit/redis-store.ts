import type { RedisEval } from '../redis/eval.js';
import { AuditConflictError, AuditError } from './errors.js';
import { checkHead } from './fields.js';
import { formatAuditLine } from './jsonl.js';
import type { AuditStore } from './store.js';
import { AUDIT_GENESIS_HEAD, type AuditEntry, type AuditHead } from './types.js';

/**
 * Compare-and-append in one atomic script. KEYS: head, entries. ARGV: the head the entry
 * follows, the new head, the line, the entry's seq (the list's length before the push), the
 * empty log's head. Replies `{1, new head}` or `{0, current head}`; an error when the list's
 * length does not match the head (someone edited the keys by hand).
 */
const APPEND_SCRIPT = `local current = redis.call('GET', KEYS[1]) or ARGV[5]
if current ~= ARGV[1] then return {0, current} end
if redis.call('LLEN', KEYS[2]) ~= tonumber(ARGV[4]) then
  return redis.error_reply('mamlkit audit: the entry list does not match the head')
end
redis.call('RPUSH', KEYS[2], ARGV[3])
redis.call('SET', KEYS[1], ARGV[2])
return {1, ARGV[2]}`;

const HEAD_SCRIPT = `return redis.call('GET', KEYS[1])`;

const RANGE_SCRIPT = `return redis.call('LRANGE', KEYS[1], ARGV[1], ARGV[2])`;

/** Lines one `LRANGE` reads by default: 256. */
export const DEFAULT_AUDIT_PAGE_SIZE: number = 256;

/** Options of {@link createRedisAuditStore}. */
export interface RedisAuditStoreOptions {
  /** The log's name: keys are `mamlkit:audit:{NAME}:head` and `mamlkit:audit:{NAME}:entries` (one cluster slot). */
  readonly name: string;
  /** Lines per `LRANGE` when reading; default {@link DEFAULT_AUDIT_PAGE_SIZE}, at most 10 000. */
  readonly pageSize?: number;
}

const NAME = /^[\w.:-]{1,128}$/;

/** A head as stored in Redis: `SEQ:sha256:HEX`. */
function headText(head: AuditHead): string {
  return `${head.seq}:${head.hash}`;
}

function parseHeadText(value: unknown): AuditHead {
  const text = typeof value === 'string' ? value : '';
  const colon = text.indexOf(':');
  const seq = colon > 0 ? Number(text.slice(0, colon)) : Number.NaN;
  try {
    return checkHead({ seq, hash: text.slice(colon + 1) }, 'the stored head');
  } catch (error) {
    throw new AuditError('ERR_AUDIT_LOG_SYNTAX', `Redis holds no valid audit head: ${String(value)}`, {
      cause: error,
    });
  }
}

function checkOptions(options: RedisAuditStoreOptions): { keys: [string, string]; pageSize: number } {
  const name = (options as Partial<RedisAuditStoreOptions> | undefined)?.name;
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new AuditError(
      'ERR_INVALID_ARGUMENT',
      'name must be 1 to 128 letters, digits, "_", ".", ":" or "-"',
    );
  }
  const pageSize = options.pageSize ?? DEFAULT_AUDIT_PAGE_SIZE;
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > 10_000) {
    throw new AuditError('ERR_INVALID_ARGUMENT', 'pageSize must be an integer from 1 to 10000');
  }
  return { keys: [`mamlkit:audit:{${name}}:head`, `mamlkit:audit:{${name}}:entries`], pageSize };
}

function pageOfLines(reply: unknown): string[] {
  if (!Array.isArray(reply) || !reply.every((line) => typeof line === 'string')) {
    throw new AuditError(
      'ERR_INVALID_ARGUMENT',
      'the Redis client did not return a list of strings for LRANGE',
    );
  }
  return reply;
}

/**
 * An {@link AuditStore} on Redis or Valkey, through the one-function client interface
 * {@link RedisEval}: the head is a string key, the entries a list, and an append is one Lua
 * script that checks the head, pushes the line and moves the head atomically, so any number of
 * replicas can share one log. Reading pages through the list with `LRANGE`. An append is
 * acknowledged when the script returns: run Redis with `appendonly yes` and `appendfsync always`
 * for an acknowledged entry to survive a crash of the server (docs/guide/replicas.md).
 *
 * @throws {AuditError} `ERR_INVALID_ARGUMENT` for a bad name or page size.
 * @example
 * ```ts
 * import { createClient } from 'redis';
 * import { appendAudit, createRedisAuditStore, type RedisEval } from 'mamlkit/audit';
 * const client = await createClient({ url: 'redis://127.0.0.1:6379' }).connect();
 * const evalScript: RedisEval = (script, keys, args) =>
 *   client.eval(script, { keys: [...keys], arguments: [...args] });
 * const store = createRedisAuditStore(evalScript, { name: 'prod' });
 * await appendAudit(store, input, secretKey);
 * ```
 */
export function createRedisAuditStore(evalScript: RedisEval, options: RedisAuditStoreOptions): AuditStore {
  if (typeof evalScript !== 'function') {
    throw new AuditError('ERR_INVALID_ARGUMENT', 'evalScript must be a RedisEval function');
  }
  const { keys, pageSize } = checkOptions(options);
  const [headKey, entriesKey] = keys;
  const genesis = headText(AUDIT_GENESIS_HEAD);
  return {
    async head() {
      const value = await evalScript(HEAD_SCRIPT, [headKey], []);
      return value === null ? AUDIT_GENESIS_HEAD : parseHeadText(value);
    },
    async append(entry: AuditEntry) {
      const line = formatAuditLine(entry);
      const previous = headText({ seq: entry.seq - 1, hash: entry.prev });
      const next = headText(entry);
      const reply = await evalScript(APPEND_SCRIPT, keys, [previous, next, line, String(entry.seq), genesis]);
      const [done, head] = Array.isArray(reply) ? (reply as unknown[]) : [];
      if (done === 1 && head === next) return;
      if (done !== 0) {
        throw new AuditError(
          'ERR_INVALID_ARGUMENT',
          `unexpected reply from the append script: ${String(reply)}`,
        );
      }
      const current = parseHeadText(head);
      throw new AuditConflictError(
        current,
        `the log's head is seq ${current.seq}, not the entry's previous (seq ${entry.seq - 1}): another writer appended first`,
      );
    },
    async *lines() {
      for (let start = 0; ; start += pageSize) {
        const page = pageOfLines(
          await evalScript(RANGE_SCRIPT, [entriesKey], [String(start), String(start + pageSize - 1)]),
        );
        yield* page;
        if (page.length < pageSize) return;
      }
    },
  };
}
