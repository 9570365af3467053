/**
 * Load and fault tests of the shared audit log (issue 18): real processes appending to one file
 * log and to one Redis store (a real redis-server, AOF with appendfsync always), writers and the
 * server killed with SIGKILL mid-run. Signing uses ML-DSA-44, the fastest the audit supports.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRedisAuditStore,
  parseAuditLine,
  verifyAudit,
  type AuditStore,
} from '../../src/audit/index.js';
import { fileAuditStore } from '../../src/cli/audit-file-store.js';
import { createTrustStore, exportSigningJwk, generateSigningKeyPair } from '../../src/sign/index.js';
import { ROOT, tempDir } from '../cli/helpers.js';
import { startRedis, type RedisServer } from '../support/redis-server.js';

const WRITER = join(ROOT, 'test/support/audit-writer.ts');
const WRITERS = 8;
const keys = generateSigningKeyPair({ algorithm: 'ML-DSA-44' });
const trust = createTrustStore([keys.publicKey]);
const dir = tempDir();
const keyPath = join(dir, 'writer.jwk');
writeFileSync(keyPath, JSON.stringify(exportSigningJwk(keys.secretKey, { includePrivate: true })));

interface Ack {
  readonly writer: number;
  readonly i: number;
  readonly seq: number;
  readonly hash: string;
}

interface Writer {
  readonly child: ChildProcess;
  readonly acks: Ack[];
  readonly done: Promise<{ code: number | null; stderr: string }>;
}

function startWriter(
  mode: 'file' | 'redis',
  target: string,
  writer: number,
  count: number,
  name = 'load',
): Writer {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', WRITER, mode, target, String(writer), String(count), keyPath, name],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] as const },
  );
  const acks: Ack[] = [];
  let pending = '';
  let stderr = '';
  child.stdout.on('data', (data: Buffer) => {
    const lines = (pending + data.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) acks.push(JSON.parse(line) as Ack);
  });
  child.stderr.on('data', (data: Buffer) => {
    stderr += data.toString();
  });
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) => {
    child.on('close', (code) => {
      resolve({ code, stderr });
    });
  });
  return { child, acks, done };
}

async function untilAcks(writers: readonly Writer[], count: number): Promise<void> {
  while (writers.reduce((sum, w) => sum + w.acks.length, 0) < count) {
    if (writers.every((w) => w.child.exitCode !== null)) throw new Error('the writers exited early');
    await sleep(20);
  }
}

interface Stored {
  readonly hash: string;
  readonly writer: number;
  readonly i: number;
}

async function readBack(store: AuditStore): Promise<Stored[]> {
  const stored: Stored[] = [];
  for await (const line of store.lines()) {
    const entry = parseAuditLine(line);
    const details = entry.details as { writer: number; i: number };
    stored.push({ hash: entry.hash, writer: details.writer, i: details.i });
  }
  return stored;
}

/** Every acknowledged entry is in the log, every writer's last acknowledged head among them. */
function expectAcknowledged(stored: readonly Stored[], writers: readonly Writer[]): void {
  const hashes = new Set(stored.map((s) => s.hash));
  expect(hashes.size).toBe(stored.length);
  for (const writer of writers) {
    const missing = writer.acks.filter((ack) => !hashes.has(ack.hash));
    expect(missing).toEqual([]);
    const last = writer.acks[writer.acks.length - 1];
    if (last !== undefined) expect(hashes.has(last.hash)).toBe(true);
  }
}

function expectExactlyOnce(stored: readonly Stored[], count: number): void {
  expect(stored).toHaveLength(WRITERS * count);
  expect(new Set(stored.map((s) => `${s.writer}/${s.i}`)).size).toBe(WRITERS * count);
}

const later = (): Date => new Date(Date.now() + 60_000);

describe('shared audit log under load and faults', () => {
  let redis: RedisServer;
  let client: ReturnType<typeof createClient>;
  const redisStore = (name: string): AuditStore =>
    createRedisAuditStore((script, k, args) => client.eval(script, { keys: [...k], arguments: [...args] }), {
      name,
    });

  beforeAll(async () => {
    redis = await startRedis({ appendfsync: 'always' });
    client = createClient({ url: redis.url, socket: { reconnectStrategy: () => 50 } });
    client.on('error', () => undefined);
    await client.connect();
  });

  afterAll(async () => {
    await client.quit();
    await redis.stop();
  });

  it('issue 18 load: 8 processes × 500 appends to one file log make one valid chain of exactly 4,000', async () => {
    const path = join(dir, 'load.jsonl');
    const writers = Array.from({ length: WRITERS }, (_, w) => startWriter('file', path, w, 500));
    for (const { done } of writers) expect(await done).toMatchObject({ code: 0 });
    const store = fileAuditStore(path);
    expect(await verifyAudit(store, trust, { now: later() })).toMatchObject({ valid: true, length: 4000 });
    const stored = await readBack(store);
    expectExactlyOnce(stored, 500);
    expectAcknowledged(stored, writers);
  });

  it('issue 18 load: 8 processes × 500 appends to the Redis store make one valid chain of exactly 4,000', async () => {
    const writers = Array.from({ length: WRITERS }, (_, w) =>
      startWriter('redis', redis.url, w, 500, 'load'),
    );
    for (const { done } of writers) expect(await done).toMatchObject({ code: 0 });
    const store = redisStore('load');
    expect(await verifyAudit(store, trust, { now: later() })).toMatchObject({ valid: true, length: 4000 });
    const stored = await readBack(store);
    expectExactlyOnce(stored, 500);
    expectAcknowledged(stored, writers);
  });

  it('issue 18 fault: writers killed mid-append lose no acknowledged entry; the log verifies or is repaired', async () => {
    const path = join(dir, 'killed.jsonl');
    const writers = Array.from({ length: WRITERS }, (_, w) => startWriter('file', path, w, 100));
    await untilAcks(writers, 150);
    for (const writer of writers.slice(0, 4)) {
      await sleep(Math.random() * 20);
      writer.child.kill('SIGKILL');
    }
    for (const { done } of writers.slice(4)) expect(await done).toMatchObject({ code: 0 });
    const store = fileAuditStore(path);
    let result = await verifyAudit(store, trust, { now: later() });
    if (result.firstBad?.reason === 'AUDIT_TORN_TAIL') {
      expect(await store.repair(result.firstBad.offset ?? -1)).toBe(true);
      result = await verifyAudit(store, trust, { now: later() });
    }
    expect(result).toMatchObject({ valid: true });
    const stored = await readBack(store);
    expect(stored.length).toBeGreaterThanOrEqual(400);
    expectAcknowledged(stored, writers);
  });

  it('issue 18 fault: redis-server killed mid-run and restarted loses no acknowledged entry', async () => {
    const writers = Array.from({ length: WRITERS }, (_, w) =>
      startWriter('redis', redis.url, w, 100, 'fault'),
    );
    await untilAcks(writers, 150);
    await redis.kill();
    await sleep(300);
    await redis.restart();
    for (const { done } of writers) expect(await done).toMatchObject({ code: 0 });
    const store = redisStore('fault');
    const result = await verifyAudit(store, trust, { now: later() });
    expect(result).toMatchObject({ valid: true });
    const stored = await readBack(store);
    expect(stored.length).toBeGreaterThanOrEqual(WRITERS * 100);
    expectAcknowledged(stored, writers);
  });
}, 600_000);
