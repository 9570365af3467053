/**
 * The command line's file log: tail-only appends under a lock file, torn tails and their repair.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendAudit, createAuditEntry, formatAuditLine, verifyAudit } from '../../src/audit/index.js';
import { fileAuditStore } from '../../src/cli/audit-file-store.js';
import { createTrustStore } from '../../src/sign/index.js';
import { auditKeyPair, buildLog, inputAt, START } from '../audit/fixtures.js';
import { tempDir } from './helpers.js';

const key = auditKeyPair('ML-DSA-44', 11);
const trust = createTrustStore([key.publicKey]);
const NOW = new Date(START + 3_600_000);
const log3 = buildLog(3, [key]);
const text3 = log3.map((e) => `${formatAuditLine(e)}\n`).join('');

function logFile(text: string): string {
  const path = join(tempDir(), 'audit.jsonl');
  writeFileSync(path, text);
  return path;
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

describe('file audit store', () => {
  it('issue 18 the file log, fixed: an append reads only the tail (a damaged start does not matter)', async () => {
    const path = logFile(`not json at all\n${text3}`);
    const entry = await appendAudit(fileAuditStore(path), inputAt(3), key.secretKey);
    expect(entry.seq).toBe(3);
    expect(readFileSync(path, 'utf8')).toBe(`not json at all\n${text3}${formatAuditLine(entry)}\n`);
  });

  it('issue 18 the file log, fixed: a torn last line is reported with its byte offset, blocks appends, and repair cuts only it', async () => {
    const next = formatAuditLine(createAuditEntry(log3[2] ?? null, inputAt(3), key.secretKey));
    const path = logFile(text3 + next.slice(0, 200));
    const store = fileAuditStore(path);
    const offset = Buffer.byteLength(text3);
    expect(await verifyAudit(store, trust, { now: NOW })).toMatchObject({
      valid: false,
      length: 3,
      firstBad: { index: 3, reason: 'AUDIT_TORN_TAIL', offset },
    });
    await expect(store.head()).rejects.toMatchObject({ code: 'ERR_AUDIT_TORN_TAIL', offset });
    await expect(appendAudit(store, inputAt(3), key.secretKey)).rejects.toMatchObject({
      code: 'ERR_AUDIT_TORN_TAIL',
    });
    expect(await store.tornTail()).toBe(offset);
    expect(await store.repair(offset + 1)).toBe(false);
    expect(await store.repair(offset)).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe(text3);
    expect(await store.tornTail()).toBeUndefined();
    expect(await store.repair(offset)).toBe(false);
    expect(await verifyAudit(store, trust, { now: NOW })).toMatchObject({ valid: true, length: 3 });
  });

  it('a whole last entry without its line break is an entry, not a torn tail; the next append adds the break', async () => {
    const path = logFile(text3.slice(0, -1));
    const store = fileAuditStore(path);
    expect(await store.tornTail()).toBeUndefined();
    const entry = await appendAudit(store, inputAt(3), key.secretKey);
    expect(readFileSync(path, 'utf8')).toBe(`${text3}${formatAuditLine(entry)}\n`);
    expect(await verifyAudit(store, trust, { now: NOW })).toMatchObject({ valid: true, length: 4 });
  });

  it('issue 18 the file log, fixed: a lock left by a dead process is removed; a live one is waited for', async () => {
    const path = logFile(text3);
    writeFileSync(
      `${path}.lock`,
      JSON.stringify({
        pid: deadPid(),
        host: hostname(),
        time: Date.now(),
        nonce: 'x',
      }),
    );
    await appendAudit(fileAuditStore(path), inputAt(3), key.secretKey);
    expect(existsSync(`${path}.lock`)).toBe(false);

    const live = JSON.stringify({ pid: process.pid, host: 'elsewhere', time: Date.now(), nonce: 'y' });
    writeFileSync(`${path}.lock`, live);
    const store = fileAuditStore(path, { waitMs: 300 });
    await expect(appendAudit(store, inputAt(4), key.secretKey)).rejects.toMatchObject({ code: 'ERR_LOCKED' });
    expect(readFileSync(`${path}.lock`, 'utf8')).toBe(live);

    const old = JSON.stringify({
      pid: process.pid,
      host: 'elsewhere',
      time: Date.now() - 60_000,
      nonce: 'z',
    });
    writeFileSync(`${path}.lock`, old);
    await appendAudit(fileAuditStore(path, { staleMs: 30_000 }), inputAt(4), key.secretKey);
    expect(await verifyAudit(fileAuditStore(path), trust, { now: NOW })).toMatchObject({
      valid: true,
      length: 5,
    });
  });

  it('creates a missing log and streams it back in the order written', async () => {
    const path = join(tempDir(), 'new.jsonl');
    const store = fileAuditStore(path);
    for (let i = 0; i < 3; i++) await appendAudit(store, inputAt(i), key.secretKey);
    expect(statSync(path).size).toBeGreaterThan(0);
    const lines: string[] = [];
    for await (const line of store.lines()) lines.push(line);
    expect(lines).toEqual(readFileSync(path, 'utf8').trimEnd().split('\n'));
  });
});
