import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditAppend, ensureBuilt, type AuditEntryArgs, mamlkit, tempDir, VALID_MAML } from './helpers.js';

beforeAll(ensureBuilt, 300_000);

const FLAGGED_MAML = VALID_MAML.replace('type: workflow', 'type: workflow\nquantum_security_flag: true');

describe('mamlkit gate and audit', () => {
  const dir = tempDir();
  /** `mamlkit audit append LOG` signed with signer.jwk. */
  const append = (log: string, entry: Omit<AuditEntryArgs, 'key'>, ...extra: string[]) =>
    mamlkit(dir, auditAppend(log, { key: 'signer.jwk', ...entry }, ...extra));
  beforeAll(() => {
    writeFileSync(join(dir, 'flagged.maml.md'), FLAGGED_MAML);
    writeFileSync(join(dir, 'plain.maml.md'), VALID_MAML);
    mamlkit(dir, ['keygen', '--out', 'signer.jwk']);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an unsigned flagged document and allows it once signed, with reasons', () => {
    const gate = (principal: string, ...flags: string[]) =>
      mamlkit(dir, [
        'gate',
        'flagged.maml.md',
        '--trust',
        'signer.jwk.pub',
        '--principal',
        principal,
        ...flags,
      ]);
    const refused = gate('gateway://local');
    expect(refused.status).toBe(1);
    expect(refused.stdout).toMatch(/^flagged\.maml\.md: REFUSED for gateway:\/\/local\n {2}GATE_UNSIGNED: /);
    expect(mamlkit(dir, ['sign', 'flagged.maml.md', '--key', 'signer.jwk']).status).toBe(0);
    const allowed = gate('gateway://local');
    expect(allowed.status).toBe(0);
    expect(allowed.stdout).toContain('ALLOWED for gateway://local');
    const denied = gate('agent://mallory', '--json');
    expect(denied.status).toBe(1);
    const decision = JSON.parse(denied.stdout) as { allowed: boolean; reasons: { code: string }[] };
    expect(decision).toMatchObject({ allowed: false, signatureRequired: true });
    expect(decision.reasons.map((r) => r.code)).toEqual(['GATE_PERMISSION_DENIED']);
    expect(mamlkit(dir, ['gate', 'flagged.maml.md', '--trust', 'signer.jwk.pub']).status).toBe(2);
  });

  it('item 1: without --allow-unsigned an unsigned document is refused, and --trust is required', () => {
    const gate = (...flags: string[]) =>
      mamlkit(dir, ['gate', 'plain.maml.md', '--principal', 'gateway://local', ...flags]);
    const refused = gate('--trust', 'signer.jwk.pub');
    expect(refused.status).toBe(1);
    expect(refused.stdout).toMatch(/REFUSED for gateway:\/\/local\n {2}GATE_UNSIGNED: /);
    expect(refused.stdout).toContain('signature: required');
    const noTrust = gate();
    expect(noTrust.status).toBe(2);
    expect(noTrust.stderr).toContain('--allow-unsigned');
    const optedOut = gate('--allow-unsigned');
    expect(optedOut.status).toBe(0);
    expect(optedOut.stdout).toContain('signature: not required');
    expect(gate('--allow-unsigned', '--trust', 'signer.jwk.pub').status).toBe(0);
    // The flag in the document raises the requirement back.
    const flagged = mamlkit(dir, [
      'gate',
      'flagged.maml.md',
      '--allow-unsigned',
      '--principal',
      'gateway://local',
    ]);
    expect(flagged.stdout).toContain('signature: required');
    expect(gate('--require-signature', '--trust', 'signer.jwk.pub').status).toBe(2);
  });

  it('appends signed entries, links History, verifies the log and finds a tampered line', () => {
    const first = append(
      'audit.jsonl',
      { actor: 'gateway://local', action: 'EXECUTE', document: 'flagged.maml.md' },
      '--history',
      '--json',
    );
    expect(first.status).toBe(0);
    const { entry, head } = JSON.parse(first.stdout) as { entry: { hash: string }; head: string };
    expect(head).toBe(`0:${entry.hash}`);
    expect(readFileSync(join(dir, 'flagged.maml.md'), 'utf8')).toContain(
      `[EXECUTE] by gateway://local (audit ${entry.hash})`,
    );
    const second = append(
      'audit.jsonl',
      { actor: 'agent://ci', action: 'VERIFY', document: 'signer.jwk.pub' },
      '--subject-id',
      'key-file',
    );
    expect(second.status).toBe(0);
    const ok = mamlkit(dir, [
      'audit',
      'verify',
      'audit.jsonl',
      '--trust',
      'signer.jwk.pub',
      '--expect-head',
      head,
    ]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^audit\.jsonl: valid, 2 entries\nhead: 1:sha256:[0-9a-f]{64}\n$/);
    const lines = readFileSync(join(dir, 'audit.jsonl'), 'utf8').split('\n');
    writeFileSync(join(dir, 'cut.jsonl'), `${lines[0] ?? ''}\n`);
    const cut = mamlkit(dir, [
      'audit',
      'verify',
      'cut.jsonl',
      '--trust',
      'signer.jwk.pub',
      '--expect-length',
      '2',
      '--json',
    ]);
    expect(cut.status).toBe(1);
    expect(JSON.parse(cut.stdout)).toMatchObject({ valid: false, firstBad: { reason: 'AUDIT_TRUNCATED' } });
    writeFileSync(
      join(dir, 'edited.jsonl'),
      [lines[0], (lines[1] ?? '').replace('agent://ci', 'agent://cj'), ''].join('\n'),
    );
    const edited = mamlkit(dir, ['audit', 'verify', 'edited.jsonl', '--trust', 'signer.jwk.pub']);
    expect(edited.status).toBe(1);
    expect(edited.stdout).toMatch(/^edited\.jsonl:2: AUDIT_TAMPERED: /m);
    expect(mamlkit(dir, ['audit']).status).toBe(2);
    expect(mamlkit(dir, ['audit', 'verify', '--help']).stdout).toContain(
      'Usage:\n  mamlkit audit verify LOG.jsonl',
    );
  });

  it('names the subcommands when audit has none or an unknown one', () => {
    const none = mamlkit(dir, ['audit']);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('audit needs a subcommand: verify or append or repair');
    const unknown = mamlkit(dir, ['audit', 'bogus']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown audit subcommand 'bogus': use verify or append or repair");
  });

  it('digests the whole file an entry names with --subject-id, however large', () => {
    // Larger than the MAML document limit, which once cut such files short before hashing.
    const blob = new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 31) & 0xff);
    writeFileSync(join(dir, 'blob.bin'), blob);
    const run = append(
      'blob.jsonl',
      { actor: 'agent://ci', action: 'SEAL', document: 'blob.bin' },
      '--subject-id',
      'blob',
      '--json',
    );
    expect(run.status).toBe(0);
    const digest = `sha256:${createHash('sha256').update(blob).digest('hex')}`;
    expect(JSON.parse(run.stdout)).toMatchObject({ entry: { subject: { id: 'blob', digest } } });
  });
});

describe('mamlkit limits, preflight, tokens', () => {
  const dir = tempDir();
  beforeAll(() => {
    writeFileSync(join(dir, 'doc.maml.md'), VALID_MAML);
    const body = {
      model: 'claude-haiku-4-5',
      max_tokens: 100_000,
      messages: [{ role: 'user', content: 'hi' }],
    };
    writeFileSync(join(dir, 'body.json'), JSON.stringify(body));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints limit tables with sources and dates, and one model as JSON', () => {
    const table = mamlkit(dir, ['limits', 'anthropic']);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(
      /^ {2}messages +POST \/v1\/messages, body ≤ 32,000,000 bytes +active +checked \d{4}-\d\d-\d\d +https:\/\//m,
    );
    const model = JSON.parse(
      mamlkit(dir, ['limits', 'anthropic', 'claude-sonnet-4-5', '--json']).stdout,
    ) as Record<string, unknown>;
    expect(model).toMatchObject({ id: 'claude-sonnet-4-5', contextWindow: expect.any(Number) as number });
    expect(typeof model['source']).toBe('string');
    expect(mamlkit(dir, ['limits', 'nobody']).status).toBe(2);
    expect(mamlkit(dir, ['limits', 'anthropic', 'no-such-model']).status).toBe(2);
  });

  it('gives the preflight verdict with violations, limits and suggestions', () => {
    const over = mamlkit(dir, [
      'preflight',
      '--provider',
      'anthropic',
      '--endpoint',
      'messages',
      '--file',
      'body.json',
      '--json',
    ]);
    expect(over.status).toBe(1);
    const result = JSON.parse(over.stdout) as { ok: boolean; violations: { code: string; limit: number }[] };
    expect(result.ok).toBe(false);
    expect(result.violations.map((v) => v.code)).toEqual(['max_tokens_too_high']);
    const fixed = mamlkit(dir, [
      'preflight',
      '-p',
      'anthropic',
      '-e',
      'messages',
      '-f',
      'body.json',
      '--max-tokens',
      'detailed',
    ]);
    expect(fixed.status).toBe(0);
    expect(fixed.stdout).toMatch(/^anthropic messages claude-haiku-4-5: OK\n/);
  });

  it('estimates tokens in both modes', () => {
    const run = mamlkit(dir, ['tokens', 'doc.maml.md', '--json']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { estimate: number; upper: number; characters: number };
    expect(report.estimate).toBeGreaterThan(0);
    expect(report.upper).toBeGreaterThanOrEqual(report.estimate);
    expect(report.characters).toBe(VALID_MAML.length);
    expect(mamlkit(dir, ['tokens', '-'], VALID_MAML).stdout).toMatch(
      /^<stdin>: \d+ tokens \(estimate\), at most \d+ \(upper\), openai\n$/,
    );
  });
});
