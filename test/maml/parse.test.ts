import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MamlError,
  normalizeSectionName,
  parseMaml,
  positionAt,
  safeParseMaml,
} from '../../src/maml/index.js';
import { thrown } from './thrown.js';

const doc =
  '---\nmaml_version: "2.0.0"\nid: urn:uuid:550e8400-e29b-41d4-a716-446655440000\ntype: workflow\n---\n## Intent\nRun it.\n\n## Code_Blocks\n```python extra\nprint(1)\n```\n## Signatures\n~~~maml-signature\nsig\n~~~\n';

describe('parseMaml', () => {
  it('gives sections, code blocks and front matter with exact ranges', () => {
    const d = parseMaml(doc);
    expect(d.frontMatter?.range).toEqual({
      start: { offset: 0, line: 1, column: 1 },
      end: { offset: 95, line: 6, column: 1 },
    });
    expect(d.frontMatter?.fields.find((f) => f.path[0] === 'type')?.valueRange.start).toEqual({
      offset: 82,
      line: 4,
      column: 7,
    });
    expect(d.sections.map((s) => [s.name, s.level, s.range.start.line, s.range.end.line])).toEqual([
      ['intent', 2, 6, 9],
      ['code_blocks', 2, 9, 13],
      ['signatures', 2, 13, 17],
    ]);
    const [python, signature] = d.codeBlocks;
    expect(python).toMatchObject({
      language: 'python',
      info: 'python extra',
      code: 'print(1)\n',
      fence: '```',
      closed: true,
      section: 1,
    });
    expect(d.source.slice(python?.range.start.offset, python?.range.end.offset)).toBe(
      '```python extra\nprint(1)\n```\n',
    );
    expect(signature?.language).toBe('maml-signature');
    expect(d.source.slice(signature?.range.start.offset, signature?.range.end.offset)).toBe(
      '~~~maml-signature\nsig\n~~~\n',
    );
    expect(signature?.range.end).toEqual({ offset: d.source.length, line: 17, column: 1 });
  });

  it('normalises section names', () => {
    const d = parseMaml('# Code Blocks\n## code_blocks ##\n### Input-Schema\n');
    expect(d.sections.map((s) => s.name)).toEqual(['code_blocks', 'code_blocks', 'input_schema']);
    expect(d.sections.map((s) => s.parent)).toEqual([undefined, 0, 1]);
  });

  it('keeps BOM and CRLF and counts positions after them', () => {
    const text = '\uFEFF---\r\nid: x\r\n---\r\n# T\r\n';
    const d = parseMaml(new TextEncoder().encode(text));
    expect(d.source).toBe(text);
    expect(d.lineEnding).toBe('\r\n');
    expect(d.frontMatter?.data).toEqual({ id: 'x' });
    expect(d.sections[0]?.range.start).toEqual({ offset: 18, line: 4, column: 1 });
    expect(positionAt(d, 8)).toEqual({ offset: 8, line: 2, column: 3 });
  });

  it('reports YAML errors, duplicate keys and custom tags with ranges', () => {
    const d = parseMaml('---\nid: a\nid: b\ntag: !custom x\n---\n');
    expect(d.diagnostics.map((x) => [x.code, x.range.start.line])).toEqual([
      ['MAML_DUPLICATE_KEY', 3],
      ['MAML_YAML_TAG', 4],
    ]);
    const broken = parseMaml('---\nid: [a\n---\n');
    expect(broken.frontMatter?.data).toBeUndefined();
    expect(broken.diagnostics[0]?.code).toBe('MAML_YAML_SYNTAX');
  });

  it('reports unclosed front matter and non-mapping front matter', () => {
    expect(parseMaml('---\nid: x\n').diagnostics[0]?.code).toBe('MAML_UNCLOSED_FRONT_MATTER');
    expect(parseMaml('---\n- a\n---\n').diagnostics[0]?.code).toBe('MAML_INVALID_FRONT_MATTER');
    expect(parseMaml('\n---\nid: x\n---\n').diagnostics[0]?.code).toBe('MAML_MISPLACED_FRONT_MATTER');
  });

  it('keeps __proto__ keys as data', () => {
    const d = parseMaml('---\n__proto__: {polluted: true}\n---\n');
    expect(Object.getPrototypeOf(d.frontMatter?.data)).toBe(Object.prototype);
    expect(Object.keys(d.frontMatter?.data ?? {})).toEqual(['__proto__']);
  });

  it('rejects non-text input and invalid UTF-8 with typed errors', () => {
    expect(thrown(() => parseMaml(42 as unknown as string))).toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
    expect(thrown(() => parseMaml(new Uint8Array([0xff, 0xfe, 0x00])))).toMatchObject({
      code: 'ERR_MAML_ENCODING',
    });
    expect(thrown(() => parseMaml('x', { maxSections: -1 }))).toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
  });
});

describe('limits', () => {
  const cases: [string, string, object, string][] = [
    ['document size', 'x'.repeat(2000), { maxDocumentBytes: 1000 }, 'ERR_MAML_DOCUMENT_TOO_LARGE'],
    ['document size in bytes', 'é'.repeat(600), { maxDocumentBytes: 1000 }, 'ERR_MAML_DOCUMENT_TOO_LARGE'],
    [
      'front matter size',
      `---\na: ${'x'.repeat(200)}\n---\n`,
      { maxFrontMatterBytes: 100 },
      'ERR_MAML_FRONT_MATTER_TOO_LARGE',
    ],
    [
      'aliases',
      `---\na: &a 1\n${Array.from({ length: 5 }, (_, i) => `b${i}: *a`).join('\n')}\n---\n`,
      { maxYamlAliases: 4 },
      'ERR_MAML_YAML_ALIASES',
    ],
    [
      'nesting',
      `---\na: ${'['.repeat(10)}${']'.repeat(10)}\n---\n`,
      { maxNestingDepth: 5 },
      'ERR_MAML_NESTING_DEPTH',
    ],
    ['sections', '# a\n# b\n# c\n', { maxSections: 2 }, 'ERR_MAML_TOO_MANY_SECTIONS'],
    ['code blocks', '```\n```\n```\n```\n', { maxCodeBlocks: 1 }, 'ERR_MAML_TOO_MANY_CODE_BLOCKS'],
  ];
  it.each(cases)('%s has its own error code', (_name, text, options, code) => {
    const error = thrown(() => parseMaml(text, options));
    expect(error).toBeInstanceOf(MamlError);
    expect(error).toMatchObject({ code });
    const safe = safeParseMaml(text, options);
    expect(safe.ok).toBe(false);
    if (!safe.ok) expect(safe.diagnostics[0]?.message).toContain(code);
  });
});

describe('pathological inputs finish with a clear result', () => {
  const bomb = [
    'a: &a [x,x,x,x,x,x,x,x,x]',
    ...'bcdefgh'.split('').map(
      (k, i) =>
        `${k}: &${k} [${Array(9)
          .fill(`*${'abcdefgh'[i] ?? 'a'}`)
          .join(',')}]`,
    ),
  ].join('\n');
  const inputs: [string, string, string | undefined][] = [
    ['100 000 backticks', '`'.repeat(100_000), undefined],
    ['100 000 backticks as a fence', '`'.repeat(100_000) + '\ncode\n', undefined],
    ['10 000 nested list markers in the body', '- '.repeat(10_000) + 'x\n', undefined],
    [
      '10 000 nested list markers in front matter',
      `---\n${'- '.repeat(10_000)}x\n---\n`,
      'ERR_MAML_NESTING_DEPTH',
    ],
    [
      'deep block nesting in front matter',
      `---\n${Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')}\n---\n`,
      'ERR_MAML_NESTING_DEPTH',
    ],
    ['deep flow nesting in front matter', `---\na: ${'['.repeat(10_000)}\n---\n`, 'ERR_MAML_NESTING_DEPTH'],
    ['a YAML alias bomb', `---\n${bomb}\n---\n`, 'ERR_MAML_YAML_ALIASES'],
    ['a 1 MiB single line', 'a'.repeat(1024 * 1024), undefined],
    ['a 1 MiB line of hashes', '#'.repeat(1024 * 1024), undefined],
    ['10 000 headings', '# h\n'.repeat(10_000), undefined],
    [
      '10 000 nested list items, then 100 000 blank lines',
      `${'- '.repeat(10_000)}x${'\n'.repeat(100_000)}y\n`,
      undefined,
    ],
    ['10 000 nested block quotes on 100 lines', `${'>'.repeat(10_000)} x\n`.repeat(100), undefined],
    [
      'a tag line of 100 000 attributes with non-ASCII spaces',
      `<a${' b=c\u00a0d'.repeat(100_000)}\n`,
      undefined,
    ],
    ['a 100 000-line paragraph of link references, then =', `${'[a]: /u\n'.repeat(100_000)}===\n`, undefined],
    ['a 1 MiB line of list markers and stars', `${'- '.repeat(300_000)}* * x\n`, undefined],
  ];
  it.each(inputs)('%s', (_name, text, code) => {
    const result = safeParseMaml(text);
    if (code === undefined) expect(result.ok).toBe(true);
    else expect(result.ok ? undefined : result.error.code).toBe(code);
  });
});

describe('normalizeSectionName', () => {
  it('lower-cases and folds runs of whitespace, "-" and "_" into one "_", trimmed', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('a', 'B', 'z', '1', ' ', '\t', '\n', '_', '-', 'É', '\u00a0', '🐪', '#'),
        }),
        (heading) => {
          const expected = heading
            .toLowerCase()
            .replace(/[\s_-]+/g, '_')
            .replace(/^_|_$/g, '');
          expect(normalizeSectionName(heading)).toBe(expected);
        },
      ),
    );
  });
});
