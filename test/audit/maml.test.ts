import { describe, expect, it } from 'vitest';
import {
  auditSubject,
  checkHistoryAgainstLog,
  createAuditEntry,
  executionAuditEntry,
  mamlSubject,
  recordInHistory,
  type AuditEntry,
} from '../../src/audit/index.js';
import { parseMaml, serializeMaml } from '../../src/maml/index.js';
import { auditKeyPair, START, thrownAuditError } from './fixtures.js';

const key = auditKeyPair('ML-DSA-44', 1);
const ID = 'urn:uuid:4f9b2c1e-8d3a-4c7b-9e2f-1a2b3c4d5e6f';
const SOURCE = `---
maml_version: "2.0.0"
id: "${ID}"
type: "workflow"
---
## Intent
Sum two numbers.

## Context
A demonstration.

## History
- 2026-01-15T10:00:00Z: [CREATE] File instantiated by agent://builder.
`;

describe('MAML integration', () => {
  const document = parseMaml(SOURCE);
  const first = createAuditEntry(
    null,
    { actor: 'agent://builder', action: 'VERIFY', subject: mamlSubject(document), at: new Date(START) },
    key.secretKey,
  );

  it('mamlSubject names the document by its id and digests its source', () => {
    expect(mamlSubject(document)).toEqual(auditSubject(ID, SOURCE));
    expect(thrownAuditError(() => mamlSubject(parseMaml('## Intent\nx\n')))).toMatchObject({
      code: 'ERR_AUDIT_SUBJECT',
    });
  });

  it('recordInHistory appends one History line that references the entry hash', () => {
    const updated = recordInHistory(document, first);
    const expectedLine = `- 2026-11-21T10:00:00.000Z: [VERIFY] by agent://builder (audit ${first.hash})`;
    expect(serializeMaml(updated)).toBe(`${SOURCE}${expectedLine}\n`);
    expect(updated.history.at(-1)).toMatchObject({ at: first.at, verb: 'VERIFY' });
  });

  it('recordInHistory refuses an entry about another document or something that is not an entry', () => {
    const elsewhere = createAuditEntry(
      null,
      { actor: 'agent://x', action: 'OPEN', subject: auditSubject('doc-2', 'x'), at: new Date(START) },
      key.secretKey,
    );
    expect(thrownAuditError(() => recordInHistory(document, elsewhere))).toMatchObject({
      code: 'ERR_AUDIT_SUBJECT',
    });
    expect(thrownAuditError(() => recordInHistory(document, { ...first, v: 2 } as never))).toMatchObject({
      code: 'ERR_AUDIT_ENTRY_FORMAT',
    });
  });

  it('checkHistoryAgainstLog is consistent for a History written by recordInHistory', () => {
    const second = executionAuditEntry(
      first,
      { document, principal: 'gateway://prod', at: new Date(START + 1000) },
      key.secretKey,
    );
    const updated = recordInHistory(recordInHistory(document, first), second);
    expect(checkHistoryAgainstLog(updated, [first, second])).toEqual({
      consistent: true,
      linesWithoutEntry: [],
      entriesWithoutLine: [],
      mismatchedLines: [],
    });
  });

  it('reports History lines missing from the log, entries missing from History and mismatches', () => {
    const second = executionAuditEntry(
      first,
      { document, principal: 'gateway://prod', at: new Date(START + 1000) },
      key.secretKey,
    );
    const third = createAuditEntry(
      second,
      { actor: 'agent://x', action: 'OPEN', subject: auditSubject('doc-2', 'x'), at: new Date(START + 2000) },
      key.secretKey,
    );
    const recorded = recordInHistory(document, first);
    const forged = `- 2026-11-21T11:00:00.000Z: [SEAL] by agent://y (audit sha256:${'1'.repeat(64)})\n`;
    const wrongVerb = `- ${second.at}: [CREATE] by gateway://prod (audit ${second.hash})\n`;
    const edited = parseMaml(serializeMaml(recorded) + forged + wrongVerb);
    const report = checkHistoryAgainstLog(edited, [first, second, third]);
    expect(report.consistent).toBe(false);
    expect(report.linesWithoutEntry.map((line) => line.verb)).toEqual(['SEAL']);
    expect(report.mismatchedLines.map((line) => line.verb)).toEqual(['CREATE']);
    expect(report.entriesWithoutLine).toEqual([]);
    const unrecorded = checkHistoryAgainstLog(recorded, [first, second, third]);
    expect(unrecorded.entriesWithoutLine).toEqual([second]);
  });

  it('executionAuditEntry records EXECUTE by the principal on the document', () => {
    const entry: AuditEntry = executionAuditEntry(
      null,
      { document, principal: 'gateway://prod', at: new Date(START), details: { gate: 'allowed' } },
      key.secretKey,
    );
    expect(entry).toMatchObject({
      seq: 0,
      action: 'EXECUTE',
      actor: 'gateway://prod',
      subject: mamlSubject(document),
      details: { gate: 'allowed' },
    });
  });
});
