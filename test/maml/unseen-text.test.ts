/**
 * Text a reader sees differently from what mamlkit reads: bidirectional controls and NUL
 * anywhere, invisible characters in keys, headings and info strings, and front matter lines
 * that other readers take for a delimiter or an HTML block.
 */
import fc from 'fast-check';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { parseMaml, validateMaml } from '../../src/maml/index.js';
import { reference } from './commonmark-oracle.js';

const FIELDS =
  'maml_version: "2.0.0"\nid: "urn:uuid:4f9b2c1e-8d3a-4c7b-9e2f-1a2b3c4d5e6f"\ntype: "workflow"\norigin: "agent://builder"\n';
const SECTIONS = '## Intent\nAdd.\n\n## Context\nDemo.\n\n## Code_Blocks\n';
const PY = '```python\nprint(1)\n```\n';
const docWith = (frontMatter: string, body = PY) => `---\n${FIELDS}${frontMatter}---\n${SECTIONS}${body}`;
const VALID = docWith('notes: x\npermissions:\n  execute: ["agent://ci"]\n');

const errors = (source: string, level: 'strict' | 'lenient' = 'strict') =>
  validateMaml(parseMaml(source), { level })
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.code}@${d.range.start.line}:${d.range.start.column}`);

describe('bidirectional controls and NUL', () => {
  const BIDI = [
    0x61c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
  ];

  it('item 6: a code block holding bidi controls (Trojan Source) is an error at every level', () => {
    const source = docWith(
      'permissions:\n  execute: ["agent://ci"]\n',
      '```python\nrole = "user"\nif role != "none\u202E\u2066": # admin\u2069\u2066":\n    grant_admin()\n```\n',
    );
    for (const level of ['strict', 'lenient'] as const) {
      expect(errors(source, level)).toEqual(['MAML_FORBIDDEN_CHARACTER@18:17']);
    }
    const diagnostic = parseMaml(source).diagnostics.find((d) => d.code === 'MAML_FORBIDDEN_CHARACTER');
    expect(diagnostic?.message).toContain(
      '4 forbidden character(s), the first a bidirectional control (U+202E)',
    );
  });

  it('item 6: bidi controls in front matter comments and strings are an error', () => {
    const source = docWith('permissions:\n  execute: ["agent://ci"] # \u202E ]"*//:tnega" ,\n');
    expect(errors(source)).toEqual(['MAML_FORBIDDEN_CHARACTER@7:29']);
  });

  it('item 6: a NUL in a code block (a renderer shows U+FFFD) is an error', () => {
    expect(errors(docWith('', '```python\nprint(1)\u0000\n```\n'))).toEqual([
      'MAML_FORBIDDEN_CHARACTER@15:9',
    ]);
  });

  it('item 3: a byte order mark before a key (YAML drops it) is an error, not the key it hides', () => {
    const source = VALID.replace('\nmaml_version', '\n\uFEFFmaml_version');
    expect(source).not.toBe(VALID);
    expect(errors(source)).toEqual(['MAML_FORBIDDEN_CHARACTER@2:1']);
    expect(errors(`\uFEFF${VALID}`)).toEqual([]);
  });

  it('item 6: any bidi control, NUL or inner byte order mark inserted anywhere in a valid document is an error at every level', () => {
    expect(errors(VALID)).toEqual([]);
    fc.assert(
      fc.property(fc.constantFrom(0, 0xfeff, ...BIDI), fc.nat(VALID.length), (code, where) => {
        // A U+FEFF at offset 0 is the byte order mark, which is allowed.
        const at = code === 0xfeff ? Math.max(where, 1) : where;
        const source = VALID.slice(0, at) + String.fromCharCode(code) + VALID.slice(at);
        const lenient = validateMaml(parseMaml(source), { level: 'lenient' });
        expect(
          lenient.filter((d) => d.code === 'MAML_FORBIDDEN_CHARACTER' && d.severity === 'error'),
        ).toHaveLength(1);
      }),
      { numRuns: 500 },
    );
  });
});

/** Characters that never read as written in a name, one from each kind the rule names. */
const invisible = fc.oneof(
  fc.integer({ min: 0x00, max: 0x08 }),
  fc.integer({ min: 0x0b, max: 0x0c }),
  fc.integer({ min: 0x0e, max: 0x1f }),
  fc.integer({ min: 0x7f, max: 0xa0 }),
  fc.constantFrom(
    0xad,
    0x34f,
    0x600,
    0x61c,
    0x6dd,
    0x115f,
    0x1680,
    0x17b4,
    0x180e,
    0x3000,
    0x3164,
    0xfeff,
    0xffa0,
  ),
  fc.integer({ min: 0x2000, max: 0x200f }),
  fc.integer({ min: 0x2028, max: 0x202f }),
  fc.integer({ min: 0x205f, max: 0x206f }),
  fc.integer({ min: 0xfe00, max: 0xfe0f }),
  fc.integer({ min: 0xfff9, max: 0xfffb }),
  fc.integer({ min: 0xe0000, max: 0xe01ef }),
  // Not in NFC: NFC replaces these singletons (OHM SIGN, ANGSTROM SIGN, KELVIN SIGN).
  fc.constantFrom(0x2126, 0x212b, 0x212a),
);

describe('keys, headings and info strings read as written', () => {
  it('item 3: a key holding an invisible character (U+200B, U+FEFF, U+00AD) is an error', () => {
    for (const key of ['per\u200Bmissions', '\uFEFFquantum_security_flag', 'exe\u00ADcute', '"no\ttes"']) {
      expect(errors(docWith(`${key}: x\n`)).map((e) => e.split('@')[0])).toContain('MAML_YAML_KEY');
    }
  });

  it('item 3: inserting an invisible or non-NFC character into any key or heading makes strict validation fail', () => {
    const names = [
      'maml_version',
      'type',
      'notes',
      'permissions',
      'execute',
      'Intent',
      'Context',
      'Code_Blocks',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.nat(), invisible, (name, where, code) => {
        const at = where % (name.length + 1);
        const edited = name.slice(0, at) + String.fromCodePoint(code) + name.slice(at);
        const pattern = /^[A-Z]/.test(name) ? `## ${name}\n` : `${name}:`;
        const target = /^[A-Z]/.test(name) ? `## ${edited}\n` : `${edited}:`;
        const source = VALID.replace(pattern, target);
        expect(source).not.toBe(VALID);
        expect(errors(source), JSON.stringify(edited)).not.toEqual([]);
      }),
      { numRuns: 1500 },
    );
  });

  it('item 6: a heading with a backslash escape, a character reference or an invisible character is an error', () => {
    for (const heading of [
      'Sign&#97;tures',
      'Code\\_Blocks',
      'Re&amp;sults',
      'Resu\u200Blts',
      'Caf\u0065\u0301',
    ]) {
      expect(errors(docWith('', `${PY}\n## ${heading}\nx\n`))).toEqual(['MAML_HEADING_TEXT@18:1']);
    }
    expect(errors(docWith('', `${PY}\n## Results\tand notes\n`))).toEqual([]);
  });

  it('item 6: an info string a renderer trims or shows differently (NBSP, VT, U+200B, U+3000) is an error', () => {
    for (const info of ['\u00A0python', 'python\u000B', 'py\u200Bthon', 'python\u3000x']) {
      expect(errors(docWith('', `\`\`\`${info}\nprint(1)\n\`\`\`\n`))).toEqual(['MAML_INFO_ESCAPE@14:4']);
    }
    expect(errors(docWith('', '```python\tx\nprint(1)\n```\n'))).toEqual([]);
  });
});

describe('front matter lines other readers take for something else', () => {
  const DASH_KEY = docWith('---x: 1\npermissions:\n  execute: ["agent://*"]\n');

  it('item 3: a front matter line starting with --- or ... that is not the delimiter is an error', () => {
    expect(matter(DASH_KEY).data).not.toHaveProperty('permissions');
    expect(errors(DASH_KEY)).toEqual(['MAML_INVALID_FRONT_MATTER@6:1']);
    expect(errors(docWith('note: |\n...and more\n'))).toContain('MAML_INVALID_FRONT_MATTER@7:1');
    expect(errors(docWith('note: |\n  ---\n'))).toEqual([]);
  });

  it('item 6: an HTML block start inside the front matter, which hides the body from a renderer, is an error', () => {
    const source = docWith(
      'note: |\n  <!--\npermissions:\n  execute: ["agent://ci"]\n',
      '```python\nevil()\n```\n\n-->\n```python\nprint(1)\n```\n',
    );
    expect(reference(source).code.map((c) => c.literal)).toEqual(['print(1)\n']);
    expect(errors(source)).toEqual(['MAML_HIDDEN_CONTENT@7:3']);
  });

  // Generated front matter holding HTML block starts at any indentation, as keys or in block
  // scalars; the body after it holds code a hiding block would swallow. When mamlkit reports
  // no error, a CommonMark renderer of the whole file (no front matter support) shows exactly
  // the code blocks mamlkit reads.
  const htmlStart = fc.constantFrom(
    '<!--',
    '<!-- x',
    '<script>',
    '<pre',
    '<style x="y">',
    '<textarea>',
    '<?php',
    '<!DOCTYPE html>',
    '<![CDATA[',
    '<div>',
    '</div>',
    '<table',
    '<p/>',
    '<x-y>',
    '<a href="x">',
    '</span>',
    '< div>',
    '<1>',
    'x <div>',
  );
  const frontMatterLine = fc
    .tuple(fc.nat(5), htmlStart, fc.boolean(), fc.nat(99))
    .map(([indent, html, blank, n]) =>
      indent === 0
        ? `"k${n}": 1\n${html}: 1\n`
        : `k${n}: |\n${blank ? '\n' : ''}${' '.repeat(indent)}${html}\n`,
    );
  const BODY_AFTER =
    '```python\nevil()\n```\n\n-->\n</script>\n?>\n]]>\n\n## Intent\nx\n\n## Context\ny\n\n```text\nshown\n```\n';

  it('item 6: when front matter with HTML-like lines passes, commonmark.js on the whole file shows the same code', () => {
    const outcomes = new Set<boolean>();
    fc.assert(
      fc.property(fc.array(frontMatterLine, { minLength: 1, maxLength: 3 }), (lines) => {
        const source = `---\n${FIELDS}${[...new Set(lines)].join('')}---\n${BODY_AFTER}`;
        const doc = parseMaml(source);
        const refused = doc.diagnostics.some((d) => d.severity === 'error');
        outcomes.add(refused);
        if (refused) return;
        expect(reference(source).code.map((c) => c.literal)).toEqual(doc.codeBlocks.map((b) => b.code));
      }),
      { numRuns: 400 },
    );
    expect([...outcomes].sort()).toEqual([false, true]);
  });
});
