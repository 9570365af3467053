/**
 * The Redis store against a real redis-server (started by the test, never skipped), through the
 * node-redis and ioredis one-line adapters of docs/guide/replicas.md.
 */
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appendAudit,
  AuditConflictError,
  auditHead,
  createAuditEntry,
  createRedisAuditStore,
  formatAuditLine,
  verifyAudit,
  type RedisEval,
} from '../../src/audit/index.js';
import { createTrustStore } from '../../src/sign/index.js';
import { startRedis, type RedisServer } from '../support/redis-server.js';
import { auditKeyPair, inputAt, START } from './fixtures.js';

const key = auditKeyPair('ML-DSA-44', 9);
const trust = createTrustStore([key.publicKey]);
const NOW = new Date(START + 3_600_000);

let server: RedisServer;
let nodeRedis: ReturnType<typeof createClient>;
let ioredis: Redis;
const adapters: Record<string, () => RedisEval> = {
  'node-redis': () => (script, keys, args) =>
    nodeRedis.eval(script, { keys: [...keys], arguments: [...args] }),
  ioredis: () => (script, keys, args) => ioredis.eval(script, keys.length, ...keys, ...args),
};

beforeAll(async () => {
  server = await startRedis();
  nodeRedis = createClient({ url: server.url });
  await nodeRedis.connect();
  ioredis = new Redis(server.url);
});

afterAll(async () => {
  await nodeRedis.quit();
  ioredis.disconnect();
  await server.stop();
});

describe.each(Object.keys(adapters))('Redis audit store through %s', (client) => {
  const evalScript = (): RedisEval => (adapters[client] as () => RedisEval)();

  it('issue 18 shared audit log: compare-and-append in one script; the loser gets the new head', async () => {
    const store = createRedisAuditStore(evalScript(), { name: `cas-${client}` });
    const first = createAuditEntry(null, inputAt(0), key.secretKey);
    const rival = createAuditEntry(null, inputAt(1), key.secretKey);
    await store.append(first);
    const error = await store.append(rival).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuditConflictError);
    expect((error as AuditConflictError).head).toEqual(auditHead([first]));
    expect(await store.head()).toEqual(auditHead([first]));
    const lines: string[] = [];
    for await (const line of store.lines()) lines.push(line);
    expect(lines).toEqual([formatAuditLine(first)]);
  });

  it('issue 18 shared audit log: concurrent appendAudit calls make one chain, read back in pages', async () => {
    const store = createRedisAuditStore(evalScript(), { name: `many-${client}`, pageSize: 4 });
    const entries = await Promise.all(
      Array.from({ length: 10 }, (_, i) => appendAudit(store, inputAt(i), key.secretKey)),
    );
    const result = await verifyAudit(store, trust, { now: NOW });
    expect(result).toMatchObject({ valid: true, length: 10 });
    expect(new Set(entries.map((e) => e.seq))).toEqual(new Set(Array.from({ length: 10 }, (_, i) => i)));
    expect(result.head).toEqual(await store.head());
  });
});

describe('Redis audit store', () => {
  it('refuses a head and list that disagree (keys edited by hand) instead of guessing', async () => {
    const evalScript = adapters['node-redis']?.() as RedisEval;
    const store = createRedisAuditStore(evalScript, { name: 'edited' });
    await store.append(createAuditEntry(null, inputAt(0), key.secretKey));
    await nodeRedis.del('mamlkit:audit:{edited}:entries');
    const next = createAuditEntry(await store.head(), inputAt(1), key.secretKey);
    await expect(store.append(next)).rejects.toThrow(/does not match the head/);
  });

  it('rejects a bad name or page size with ERR_INVALID_ARGUMENT', () => {
    const evalScript = adapters['node-redis']?.() as RedisEval;
    expect(() => createRedisAuditStore(evalScript, { name: 'a}b' })).toThrow(/name must be/);
    expect(() => createRedisAuditStore(evalScript, { name: 'ok', pageSize: 0 })).toThrow(/pageSize/);
  });
});
