import { describe, expect, it } from 'vitest';
import {
  MAX_AUDIT_LINE_CHARS,
  parseAuditLog,
  serializeAuditLog,
  type AuditEntry,
} from '../../src/audit/index.js';
import { auditKeyPair, buildLog, inputAt, thrownAuditError } from './fixtures.js';
import { createAuditEntry } from '../../src/audit/index.js';

const key = auditKeyPair('ML-DSA-44', 1);
const log = [...buildLog(3, [key])];
log.push(
  createAuditEntry(
    log[2] ?? null,
    inputAt(3, { details: { note: 'café ☕', n: [1, 2.5, null], ok: true } }),
    key.secretKey,
  ),
);
const text = serializeAuditLog(log);
const lines = text.split('\n').slice(0, -1);

describe('JSON Lines', () => {
  it('writes one canonical line per entry and reads it back', () => {
    expect(lines).toHaveLength(4);
    expect(text.endsWith('\n')).toBe(true);
    expect(
      lines[0]?.startsWith('{"action":"CREATE","actor":"agent://worker-0","alg":"ML-DSA-44","at":'),
    ).toBe(true);
    expect(parseAuditLog(text)).toEqual(log);
    expect(serializeAuditLog(parseAuditLog(text))).toBe(text);
    expect(parseAuditLog('')).toEqual([]);
    expect(serializeAuditLog([])).toBe('');
  });

  it('accepts CRLF and a missing final line break, and re-ordered keys', () => {
    expect(parseAuditLog(lines.join('\r\n'))).toEqual(log);
    const reordered = JSON.stringify({ ...(JSON.parse(lines[0] ?? '') as object), v: 1 });
    expect(parseAuditLog(reordered)).toEqual([log[0]]);
  });

  it('names the line of a malformed entry, and never drops what follows', () => {
    const broken = [lines[0], lines[1]?.slice(0, 50), lines[2], lines[3]].join('\n');
    const error = thrownAuditError(() => parseAuditLog(broken));
    expect(error).toMatchObject({ code: 'ERR_AUDIT_LOG_SYNTAX', line: 2 });
    expect(error.message).toContain('line 2');
    expect(thrownAuditError(() => parseAuditLog(`${lines[0]}\n\n${lines[1]}\n`))).toMatchObject({
      code: 'ERR_AUDIT_LOG_SYNTAX',
      line: 2,
    });
    expect(thrownAuditError(() => parseAuditLog(`${text}\n`))).toMatchObject({
      code: 'ERR_AUDIT_LOG_SYNTAX',
      line: 5,
    });
    const extra = JSON.stringify({ ...(JSON.parse(lines[2] ?? '') as object), note: 'unsigned' });
    expect(thrownAuditError(() => parseAuditLog([lines[0], lines[1], extra].join('\n')))).toMatchObject({
      code: 'ERR_AUDIT_ENTRY_FORMAT',
      line: 3,
    });
    expect(thrownAuditError(() => parseAuditLog('[1]\n'))).toMatchObject({
      code: 'ERR_AUDIT_ENTRY_FORMAT',
      line: 1,
    });
  });

  it('enforces the line length limit', () => {
    const long = `${lines[0]}\n${' '.repeat(MAX_AUDIT_LINE_CHARS + 1)}\n`;
    expect(thrownAuditError(() => parseAuditLog(long))).toMatchObject({
      code: 'ERR_LIMIT_EXCEEDED',
      line: 2,
    });
    expect(thrownAuditError(() => parseAuditLog(42 as never))).toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
  });

  it('refuses to write something that is not an entry, naming its position', () => {
    const bad = [log[0], { ...log[1], actor: 'cafe\u0301' }] as AuditEntry[];
    expect(thrownAuditError(() => serializeAuditLog(bad))).toMatchObject({
      code: 'ERR_AUDIT_ENTRY_FORMAT',
      line: 2,
    });
  });
});
