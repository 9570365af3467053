import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createAuditEntry,
  parseAuditLog,
  serializeAuditLog,
  verifyAuditLog,
  type AuditJson,
} from '../../src/audit/index.js';
import { parseStrictJson } from '../../src/audit/strict-json.js';
import { createTrustStore } from '../../src/sign/index.js';
import { auditKeyPair, buildLog, inputAt, START, thrownAuditError } from './fixtures.js';

/** Details must be NFC text: normalise generated strings and keys. */
const nfc = (value: unknown): AuditJson => JSON.parse(JSON.stringify(value).normalize('NFC')) as AuditJson;

const key = auditKeyPair('ML-DSA-44', 1);
const log = buildLog(3, [key]);
const lines = serializeAuditLog(log).split('\n').slice(0, -1);
const line = (i: number): string => lines[i] ?? '';

/** Serialises `value` as JSON with one extra member repeating the first name of its `target`-th non-empty object. */
function withDuplicate(value: unknown, target: number, extra: string): string {
  let seen = 0;
  const write = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(write).join(',')}]`;
    if (typeof v !== 'object' || v === null) return JSON.stringify(v);
    const entries = Object.entries(v);
    const members = entries.map(([k, item]) => `${JSON.stringify(k)}:${write(item)}`);
    if (entries.length > 0 && seen++ === target) members.push(`${JSON.stringify(entries[0]?.[0])}:${extra}`);
    return `{${members.join(',')}}`;
  };
  return write(value);
}

const countObjects = (v: unknown): number =>
  Array.isArray(v)
    ? v.reduce<number>((n, item) => n + countObjects(item), 0)
    : typeof v === 'object' && v !== null
      ? (Object.keys(v).length > 0 ? 1 : 0) +
        Object.values(v).reduce<number>((n, item) => n + countObjects(item), 0)
      : 0;

describe('the audit log is read as strict JSON', () => {
  it('item 8: a line with a duplicate member name is refused, naming the line', () => {
    // JSON.parse keeps the last "actor" (the signed one); other readers show the first.
    const shadowed = line(1).replace('{', '{"actor":"agent://someone-else",');
    expect(JSON.parse(shadowed)).toEqual(JSON.parse(line(1)));
    const error = thrownAuditError(() => parseAuditLog([line(0), shadowed, line(2)].join('\n')));
    expect(error).toMatchObject({ code: 'ERR_AUDIT_LOG_SYNTAX', line: 2 });
    expect(error.message).toContain('line 2: duplicate member name "actor"');
    // Nested too: the subject.
    const nested = line(2).replace('"subject":{', '"subject":{"id":"other",');
    expect(thrownAuditError(() => parseAuditLog(nested))).toMatchObject({
      code: 'ERR_AUDIT_LOG_SYNTAX',
      line: 1,
    });
  });

  it('item 8: a lone surrogate, escaped or raw, is refused, naming the line', () => {
    for (const bad of ['\\ud800', '\\udfff', '\ud800', 'x\\udc00\\ud800']) {
      const text = line(0).replace('agent://worker-0', `agent://worker-0${bad}`);
      expect(thrownAuditError(() => parseAuditLog(`${line(1)}\n${text}`))).toMatchObject({
        code: 'ERR_AUDIT_LOG_SYNTAX',
        line: 2,
      });
    }
    expect(parseStrictJson('"\\ud83d\\ude00"')).toBe('😀');
  });

  it('item 8: an audit line with a duplicate member injected at any depth is always refused (property)', () => {
    // Entries with random details, so duplicates land in the entry, its subject and nested details.
    const detailsArb = fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 3 }), {
      maxKeys: 4,
    });
    const entries = fc
      .sample(detailsArb, { numRuns: 12, seed: 14 })
      .map((details, i) => createAuditEntry(null, inputAt(i, { details: nfc(details) }), key.secretKey));
    fc.assert(
      fc.property(fc.nat(entries.length - 1), fc.nat(), fc.json({ maxDepth: 1 }), (which, n, extra) => {
        const entry = entries[which];
        const text = withDuplicate(entry, n % countObjects(entry), extra);
        const error = thrownAuditError(() => parseAuditLog(`${line(0)}\n${text}\n`));
        expect(error).toMatchObject({ code: 'ERR_AUDIT_LOG_SYNTAX', line: 2 });
        expect(error.message).toMatch(/duplicate member name/);
      }),
      { numRuns: 300 },
    );
  });

  it('random JSON with a duplicate member injected at any depth is always refused (property)', () => {
    const withObject = fc.jsonValue({ maxDepth: 4 }).filter((v) => countObjects(v) > 0);
    fc.assert(
      fc.property(withObject, fc.nat(), fc.json({ maxDepth: 1 }), (value, n, extra) => {
        const text = withDuplicate(value, n % countObjects(value), extra);
        expect(() => parseStrictJson(text)).toThrow(/duplicate member name/);
      }),
      { numRuns: 500 },
    );
  });

  it('valid JSON reads exactly as JSON.parse reads it (property)', () => {
    const spaced = fc
      .tuple(fc.json({ maxDepth: 4 }), fc.constantFrom('', ' ', '\t', '\r\n '))
      .map(([text, space]) => `${space}${text}${space}`);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.json({ maxDepth: 4 }),
          spaced,
          fc.jsonValue().map((v) => JSON.stringify(v, null, 2)),
        ),
        (text) => {
          expect(parseStrictJson(text)).toStrictEqual(JSON.parse(text));
        },
      ),
      { numRuns: 2000 },
    );
    expect(Object.hasOwn(parseStrictJson('{"__proto__":1}') as object, '__proto__')).toBe(true);
  });

  it('refuses what JSON.parse refuses, with a column', () => {
    for (const bad of [
      '',
      '{',
      '[1,]',
      '{"a":1,}',
      '01',
      '1.',
      '"\\x"',
      '"a\nb"',
      'nul',
      '{"a" 1}',
      '[1] 2',
      '"\\u12"',
    ]) {
      expect(() => JSON.parse(bad) as unknown).toThrow();
      expect(() => parseStrictJson(bad)).toThrow(/column \d+/);
    }
    expect(() => parseStrictJson('['.repeat(10_000))).toThrow(/deeper than 64/);
  });

  it('still verifies an untouched log read back from text', () => {
    const trust = createTrustStore([key.publicKey]);
    const read = parseAuditLog(lines.join('\n'));
    expect(verifyAuditLog(read, trust, { now: new Date(START + 3_600_000) }).valid).toBe(true);
  });
});
