/**
 * `mamlkit audit append` run by several processes at once, and `audit repair` of a torn tail.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt, mamlkit, tempDir } from './helpers.js';

beforeAll(ensureBuilt, 300_000);

const APPEND = [
  'audit',
  'append',
  'audit.jsonl',
  '--key',
  'k.jwk',
  '--action',
  'EXECUTE',
  '--document',
  'doc.bin',
];

function appendAsync(dir: string, actor: string): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...APPEND, '--actor', actor, '--subject-id', 'doc'], {
      cwd: dir,
      stdio: 'ignore',
    });
    child.on('close', resolve);
  });
}

describe('mamlkit audit append with many processes, and audit repair', () => {
  const dir = tempDir();
  beforeAll(() => {
    mamlkit(dir, ['keygen', '--alg', 'ML-DSA-44', '--out', 'k.jwk']);
    writeFileSync(join(dir, 'doc.bin'), 'bytes');
  });

  it('issue 18 the file log, fixed: concurrent audit append runs all land in one valid chain', async () => {
    for (let i = 0; i < 3; i++) {
      expect(mamlkit(dir, [...APPEND, '--actor', 'agent://first', '--subject-id', 'doc']).status).toBe(0);
    }
    const codes = await Promise.all(Array.from({ length: 6 }, (_, i) => appendAsync(dir, `agent://w${i}`)));
    expect(codes).toEqual([0, 0, 0, 0, 0, 0]);
    const verify = mamlkit(dir, ['audit', 'verify', 'audit.jsonl', '--trust', 'k.jwk.pub']);
    expect(verify.stdout).toMatch(/^audit\.jsonl: valid, 9 entries\n/);
    expect(verify.status).toBe(0);
  });

  it('issue 18 the file log, fixed: verify reports a torn tail with entry and byte; repair asks, then cuts only it', () => {
    const valid = readFileSync(join(dir, 'audit.jsonl'), 'utf8');
    const size = statSync(join(dir, 'audit.jsonl')).size;
    appendFileSync(join(dir, 'audit.jsonl'), valid.split('\n')[0]?.slice(0, 300) ?? '');
    const torn = mamlkit(dir, ['audit', 'verify', 'audit.jsonl', '--trust', 'k.jwk.pub']);
    expect(torn.status).toBe(1);
    expect(torn.stdout).toContain(
      `audit.jsonl: NOT VALID: valid up to entry 9, torn tail after byte ${size}`,
    );
    const refused = mamlkit(dir, [...APPEND, '--actor', 'agent://late', '--subject-id', 'doc']);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('ERR_AUDIT_TORN_TAIL');
    const declined = mamlkit(dir, ['audit', 'repair', 'audit.jsonl'], 'n\n');
    expect(declined.status).toBe(1);
    expect(statSync(join(dir, 'audit.jsonl')).size).toBeGreaterThan(size);
    const repaired = mamlkit(dir, ['audit', 'repair', 'audit.jsonl'], 'y\n');
    expect(repaired.status).toBe(0);
    expect(readFileSync(join(dir, 'audit.jsonl'), 'utf8')).toBe(valid);
    const again = mamlkit(dir, ['audit', 'repair', 'audit.jsonl', '--yes']);
    expect(again.stdout).toContain('no torn tail, nothing to repair');
    expect(readFileSync(join(dir, 'audit.jsonl'), 'utf8')).toBe(valid);
    expect(mamlkit(dir, ['audit', 'verify', 'audit.jsonl', '--trust', 'k.jwk.pub']).status).toBe(0);
  });
});
