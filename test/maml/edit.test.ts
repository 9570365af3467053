import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  appendHistory,
  parseMaml,
  serializeMaml,
  setFrontMatterField,
  spliceMaml,
  validateMaml,
} from '../../src/maml/index.js';
import { corpus } from './corpus.js';
import { thrown } from './thrown.js';

/** The lines that differ between two texts, after removing the common leading and trailing lines. */
function changed(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  return { removed: a.slice(head, a.length - tail), added: b.slice(head, b.length - tail) };
}

const base =
  '---\nmaml_version: "2.0.0"  \nid: urn:x\ntype: workflow # kind\npermissions:\n  read: ["agent://*"]\nempty:\nflow: {a: 1}\nlist: [1, 2]\n---\n## Intent\nText.  \n\n## History\n- 2025-01-01T00:00:00Z: [CREATE] made\n\n## Context\nmore\n';

describe('serializeMaml', () => {
  it('returns unmodified documents byte for byte (CRLF, BOM, trailing whitespace)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.boolean(),
        fc.constantFrom('\n', '\r\n', '\r'),
        (body, bom, eol) => {
          const text = `${bom ? '\uFEFF' : ''}---${eol}id: x  ${eol}---${eol}${body.replaceAll('\n', eol)}`;
          expect(serializeMaml(parseMaml(text))).toBe(text);
          expect(new TextEncoder().encode(serializeMaml(parseMaml(new TextEncoder().encode(text))))).toEqual(
            new TextEncoder().encode(text),
          );
        },
      ),
    );
  });
});

describe('setFrontMatterField', () => {
  const doc = parseMaml(base);

  it('replaces a scalar value, changing only its line and keeping the comment', () => {
    const next = setFrontMatterField(doc, 'type', 'agent_blueprint');
    expect(changed(base, next.source)).toEqual({
      removed: ['type: workflow # kind'],
      added: ['type: "agent_blueprint" # kind'],
    });
    expect(next.frontMatter?.data?.['type']).toBe('agent_blueprint');
  });

  it('adds a key at the end of a block mapping with its indentation', () => {
    const next = setFrontMatterField(doc, ['permissions', 'execute'], ['gateway://prod']);
    expect(changed(base, next.source)).toEqual({ removed: [], added: ['  execute: ["gateway://prod"]'] });
  });

  it('adds a top-level key and creates missing parents', () => {
    const next = setFrontMatterField(doc, 'verification.level', 'strict');
    expect(changed(base, next.source)).toEqual({ removed: [], added: ['verification: {"level":"strict"}'] });
    expect(next.frontMatter?.data?.['verification']).toEqual({ level: 'strict' });
  });

  it('fills an empty value, merges into a flow mapping and replaces a sequence item', () => {
    expect(changed(base, setFrontMatterField(doc, 'empty', true).source)).toEqual({
      removed: ['empty:'],
      added: ['empty: true'],
    });
    expect(changed(base, setFrontMatterField(doc, 'flow.b', 2).source)).toEqual({
      removed: ['flow: {a: 1}'],
      added: ['flow: {"a":1,"b":2}'],
    });
    expect(changed(base, setFrontMatterField(doc, ['list', 1], 3).source)).toEqual({
      removed: ['list: [1, 2]'],
      added: ['list: [1, 3]'],
    });
  });

  it('creates front matter when there is none', () => {
    const next = setFrontMatterField(parseMaml('## Intent\n'), 'maml_version', '2.0.0');
    expect(next.source).toBe('---\nmaml_version: "2.0.0"\n---\n## Intent\n');
  });

  it('keeps CRLF line endings', () => {
    const crlf = base.replaceAll('\n', '\r\n');
    const next = setFrontMatterField(parseMaml(crlf), 'origin', 'agent://a');
    expect(next.source).toBe(crlf.replace('list: [1, 2]\r\n', 'list: [1, 2]\r\norigin: "agent://a"\r\n'));
  });

  it('refuses edits it cannot make', () => {
    expect(thrown(() => setFrontMatterField(parseMaml('---\na: [\n---\n'), 'a', 1))).toMatchObject({
      code: 'ERR_MAML_EDIT',
    });
    expect(thrown(() => setFrontMatterField(doc, 'type.sub', 1))).toMatchObject({ code: 'ERR_MAML_EDIT' });
    expect(thrown(() => setFrontMatterField(doc, 'type', Number.NaN))).toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
    expect(thrown(() => setFrontMatterField(doc, 'type', undefined))).toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
    expect(thrown(() => setFrontMatterField(doc, '', 1))).toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
    expect(thrown(() => spliceMaml(doc, 5, 2, ''))).toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
  });

  it('sets fields on every corpus file that has front matter, changing only that field', () => {
    for (const { text } of corpus) {
      const d = parseMaml(text);
      if (d.frontMatter?.data === undefined) continue;
      const next = setFrontMatterField(d, 'quantum_security_flag', true);
      expect(next.frontMatter?.data?.['quantum_security_flag']).toBe(true);
      const diff = changed(text, next.source);
      expect(diff.added).toHaveLength(1);
      expect(diff.removed.length).toBeLessThanOrEqual(1);
    }
  });
});

describe('appendHistory', () => {
  const doc = parseMaml(base);
  const entry = { at: '2025-02-03T04:05:06Z', verb: 'EXECUTE', text: 'run by gateway://prod' } as const;

  it('adds a line after the last entry', () => {
    const next = appendHistory(doc, entry);
    expect(changed(base, next.source)).toEqual({
      removed: [],
      added: ['- 2025-02-03T04:05:06Z: [EXECUTE] run by gateway://prod'],
    });
    expect(next.history.map((h) => h.verb)).toEqual(['CREATE', 'EXECUTE']);
  });

  it('creates a History section at the end, or before Signatures', () => {
    const plain = parseMaml('## Intent\nx');
    expect(appendHistory(plain, { ...entry, at: new Date(Date.UTC(2025, 1, 3, 4, 5, 6)) }).source).toBe(
      '## Intent\nx\n\n## History\n- 2025-02-03T04:05:06Z: [EXECUTE] run by gateway://prod\n',
    );
    const signed = parseMaml('## Intent\nx\n\n## Signatures\n```maml-signature\ns\n```\n');
    const next = appendHistory(signed, entry);
    expect(next.source).toBe(
      '## Intent\nx\n\n## History\n- 2025-02-03T04:05:06Z: [EXECUTE] run by gateway://prod\n\n## Signatures\n```maml-signature\ns\n```\n',
    );
    expect(next.sections.map((s) => s.name)).toEqual(['intent', 'history', 'signatures']);
    expect(validateMaml(next, { level: 'lenient' }).some((d) => d.code === 'MAML_SIGNATURE_SECTION')).toBe(
      false,
    );
  });

  it('writes under an empty History heading and keeps CRLF', () => {
    const next = appendHistory(parseMaml('## History\r\n\r\n## Next\r\n'), entry);
    expect(next.source).toBe(
      '## History\r\n- 2025-02-03T04:05:06Z: [EXECUTE] run by gateway://prod\r\n\r\n## Next\r\n',
    );
  });

  it('rejects bad entries', () => {
    expect(thrown(() => appendHistory(doc, { ...entry, verb: 'run' }))).toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
    expect(thrown(() => appendHistory(doc, { ...entry, text: 'a\nb' }))).toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
    expect(thrown(() => appendHistory(doc, { ...entry, at: 'yesterday' }))).toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
    expect(thrown(() => appendHistory(doc, { ...entry, at: new Date(Number.NaN) }))).toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
  });

  it('reads both History line styles', () => {
    const d = parseMaml(
      '## History\n- 2025-08-29T20:35:00Z: [CREATE] a\n[2025-08-25T21:46:00Z] [VALIDATE] b\n',
    );
    expect(d.history.map((h) => [h.style, h.at, h.verb, h.text])).toEqual([
      ['list', '2025-08-29T20:35:00Z', 'CREATE', 'a'],
      ['bracket', '2025-08-25T21:46:00Z', 'VALIDATE', 'b'],
    ]);
  });
});
