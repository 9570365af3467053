/**
 * File log benchmark: the cost of one `audit append` (lock, tail read, one write, fsync) on logs
 * of 100, 10 000 and 100 000 entries, and the peak memory of streaming verification of 10 000
 * and 100 000 entries, each in its own process: `npx tsx bench/audit-file-store.ts`.
 *
 * The logs are built fast: each entry is a real, linked, hashed entry of the format, but carries
 * a placeholder signature of the right size instead of an ML-DSA one (100 000 signatures would
 * take minutes). So the append timings leave out signing (a constant per entry, measured by
 * bench/audit.bench.ts), and verification runs with the signature check replaced by one that
 * accepts: what is measured is reading, parsing, hashing and chaining, the part that could grow
 * with the log. Uses the sources (src/cli is not a package export).
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatAuditLine, type AuditEntry, type AuditHead } from '../src/audit/index.js';
import { encodeEntryFields, hashEntryBytes } from '../src/audit/encode.js';
import { verifyAuditWith } from '../src/audit/verify.js';
import { fileAuditStore } from '../src/cli/audit-file-store.js';
import { createTrustStore, generateSigningKeyPair } from '../src/sign/index.js';

const key = generateSigningKeyPair({ algorithm: 'ML-DSA-44', seed: new Uint8Array(32).fill(3) });
const SIG = Buffer.alloc(2420, 7).toString('base64');
const START = Date.parse('2026-11-21T10:00:00.000Z');

/** An entry on `head` with a placeholder signature (hash and link are real). */
function fastEntry(head: AuditHead): AuditEntry {
  const fields = {
    v: 1 as const,
    seq: head.seq + 1,
    at: new Date(START + (head.seq + 1) * 10).toISOString(),
    actor: 'agent://bench',
    action: 'EXECUTE',
    subject: { id: 'urn:example:bench', digest: `sha256:${'ab'.repeat(32)}` },
    prev: head.hash,
    alg: key.publicKey.algorithm,
    kid: key.publicKey.keyId,
  };
  return { ...fields, hash: hashEntryBytes(encodeEntryFields(fields)), sig: SIG };
}

function buildLog(path: string, count: number): AuditHead {
  const fd = openSync(path, 'w');
  let head: AuditHead = { seq: -1, hash: `sha256:${'0'.repeat(64)}` };
  let batch: string[] = [];
  for (let i = 0; i < count; i++) {
    const entry = fastEntry(head);
    batch.push(`${formatAuditLine(entry)}\n`);
    head = { seq: entry.seq, hash: entry.hash };
    if (batch.length === 1000) {
      writeSync(fd, batch.join(''));
      batch = [];
    }
  }
  writeSync(fd, batch.join(''));
  closeSync(fd);
  return head;
}

async function verifyPeak(path: string): Promise<void> {
  const peak = { rss: 0, heapUsed: 0 };
  const sample = (): void => {
    const usage = process.memoryUsage();
    peak.rss = Math.max(peak.rss, usage.rss);
    peak.heapUsed = Math.max(peak.heapUsed, usage.heapUsed);
  };
  const timer = setInterval(sample, 5);
  const started = performance.now();
  const result = await verifyAuditWith(
    fileAuditStore(path),
    createTrustStore([key.publicKey]),
    { now: new Date(START + 1e10) },
    () => true,
  );
  clearInterval(timer);
  sample();
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ valid: result.valid, length: result.length, seconds, ...peak }));
}

async function appendCost(path: string, head: AuditHead, appends: number): Promise<number> {
  const store = fileAuditStore(path);
  const times: number[] = [];
  let current = head;
  for (let i = 0; i < appends; i++) {
    const entry = fastEntry(current);
    const started = performance.now();
    await store.append(entry);
    times.push(performance.now() - started);
    current = { seq: entry.seq, hash: entry.hash };
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

if (process.argv[2] === 'verify') {
  await verifyPeak(process.argv[3] ?? '');
} else {
  const dir = mkdtempSync(join(tmpdir(), 'mamlkit-bench-audit-'));
  const self = fileURLToPath(import.meta.url);
  const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
  try {
    console.log('| entries | append (median of 100) | verify peak RSS | verify peak heap | verify time |');
    console.log('| --: | --: | --: | --: | --: |');
    for (const count of [100, 10_000, 100_000]) {
      const path = join(dir, `log-${count}.jsonl`);
      const head = buildLog(path, count);
      let memory = { rss: Number.NaN, heapUsed: Number.NaN, seconds: Number.NaN };
      if (count >= 10_000) {
        const output = execFileSync(process.execPath, ['--import', 'tsx', self, 'verify', path], {
          encoding: 'utf8',
        });
        memory = JSON.parse(output) as typeof memory;
      }
      const append = await appendCost(path, head, 100);
      const verify = Number.isNaN(memory.rss)
        ? '| – | – | – |'
        : `| ${mb(memory.rss)} MiB | ${mb(memory.heapUsed)} MiB | ${memory.seconds.toFixed(1)} s |`;
      console.log(`| ${count.toLocaleString('en')} | ${append.toFixed(2)} ms ${verify}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
