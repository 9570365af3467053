import { describe, expect, it } from 'vitest';
import { parseMaml, serializeMaml, validateMaml, type MamlDiagnostic } from '../../src/maml/index.js';
import { reference, structureOf } from './commonmark-oracle.js';
import { corpus } from './corpus.js';

function located(d: MamlDiagnostic): boolean {
  return d.range.start.line >= 1 && d.range.start.column >= 1 && d.range.end.offset >= d.range.start.offset;
}

describe('the macroslow corpus', () => {
  it('holds the 27 files', () => {
    expect(corpus).toHaveLength(27);
  });

  it.each(corpus.map((f) => [f.name, f.text] as const))(
    '%s parses, round-trips and validates with located diagnostics',
    (_name, text) => {
      const doc = parseMaml(text);
      expect(serializeMaml(doc)).toBe(text);
      for (const level of ['strict', 'lenient'] as const) {
        const diagnostics = validateMaml(doc, { level });
        expect(diagnostics.every(located)).toBe(true);
      }
      for (const block of doc.codeBlocks) {
        const fenced = text.slice(block.range.start.offset, block.range.end.offset);
        expect(fenced.trimStart().startsWith(block.fence)).toBe(true);
      }
    },
  );

  const byName = (name: string): string => corpus.find((f) => f.name === name)?.text ?? '';

  it('reads a clean workflow: front matter, sections, code blocks, History', () => {
    const doc = parseMaml(byName('amoeba_amoeba_maml_template.maml.markdown'));
    expect(doc.dialect).toEqual({ kind: 'maml', version: '2.0.0' });
    expect(doc.sections.map((s) => s.name)).toEqual([
      'intent',
      'context',
      'code_blocks',
      'input_schema',
      'output_schema',
      'history',
    ]);
    expect(doc.codeBlocks.map((b) => b.language)).toEqual(['python']);
    expect(doc.codeBlocks[0]?.section).toBe(2);
    expect(doc.history).toMatchObject([
      {
        at: '2025-08-29T12:27:00Z',
        verb: 'CREATE',
        style: 'list',
        range: { start: { line: 81, column: 1 } },
      },
    ]);
    expect(
      validateMaml(doc, { level: 'strict' })
        .filter((d) => d.severity === 'error')
        .map((d) => d.code),
    ).toEqual(['MAML_INVALID_UUID']);
  });

  it('reports the fenced front matter with a hint', () => {
    const doc = parseMaml(byName('chimera_core_maml_workflow.maml.markdown'));
    const d = doc.diagnostics.find((x) => x.code === 'MAML_FENCED_FRONT_MATTER');
    expect(d).toMatchObject({ range: { start: { line: 1, column: 1 } } });
    expect(d?.hint).toContain('remove the ```markdown line');
  });

  it('reports a missing front matter and the bare section names of the flattened file', () => {
    const doc = parseMaml(byName('maml_workflows_alchemist_workflow.maml.md'));
    const codes = doc.diagnostics.map((d) => `${d.code}@${d.range.start.line}`);
    expect(codes).toContain('MAML_MISSING_FRONT_MATTER@1');
    expect(codes).toContain('MAML_MISSING_HEADING_MARKER@67');
  });

  it('explains --- rules mistaken for front matter', () => {
    const doc = parseMaml(byName('maml_maml_chimera_hybrid_workflow.maml.markdown'));
    const d = doc.diagnostics.find((x) => x.code === 'MAML_MISSING_FRONT_MATTER');
    expect(d?.hint).toContain('thematic breaks');
  });

  it('points at nested fences that need a longer outer fence', () => {
    const doc = parseMaml(byName('DUNES_example.maml.markdown'));
    const nested = doc.diagnostics.filter((x) => x.code === 'MAML_NESTED_FENCE');
    expect(nested.map((d) => d.range.start.line)).toEqual([55, 64, 89, 109]);
    expect(nested[0]?.hint).toContain('````');
  });

  it('flags bare-string permissions and non-URI ids, as warnings when lenient', () => {
    const doc = parseMaml(byName('chimera_build_guide.maml.markdown'));
    const strict = validateMaml(doc, { level: 'strict' });
    const lenient = validateMaml(doc, { level: 'lenient' });
    const bare = strict.find((d) => d.code === 'MAML_BARE_PERMISSION');
    expect(bare).toMatchObject({
      severity: 'error',
      path: ['permissions', 'read'],
      range: { start: { line: 12, column: 9 } },
    });
    expect(lenient.find((d) => d.code === 'MAML_BARE_PERMISSION')?.severity).toBe('warning');
    expect(strict.find((d) => d.code === 'MAML_INVALID_URI')?.path).toEqual(['id']);
  });

  it('reports the malformed History line and reads both History sections', () => {
    const doc = parseMaml(byName('GLASTONBURY_NIGERIA_example_matrix_multiply.maml.markdown'));
    expect(doc.diagnostics.find((d) => d.code === 'MAML_MALFORMED_HISTORY')?.range.start.line).toBe(62);
    expect(doc.history.map((h) => h.verb)).toEqual(['CREATE', 'VALIDATE', 'VERIFY', 'WRAP', 'TICKET']);
  });

  it.each(corpus.map((f) => [f.name, f.text] as const))(
    '%s: headings and fences agree with commonmark.js, nested ones included',
    (_name, text) => {
      const doc = parseMaml(text);
      // commonmark.js reads the body alone: the front matter is not Markdown.
      const body = text.slice(doc.bodyOffset);
      expect(structureOf(parseMaml(body))).toEqual(reference(body));
    },
  );

  it('item 6: fences inside numbered and bulleted list items are errors, as commonmark.js nests them', () => {
    // These guides indent fences under list items ("1. **Start**:" then "   ```bash"): a
    // renderer shows them inside the list, so mamlkit does not run them.
    const nested = corpus
      .map((f) => ({
        name: f.name,
        lines: parseMaml(f.text)
          .diagnostics.filter((d) => d.code === 'MAML_NESTED_BLOCK')
          .map((d) => d.range.start.line),
      }))
      .filter((f) => f.lines.length > 0);
    expect(nested).toEqual([
      { name: 'chimera_advanced_workflow_guide.maml.markdown', lines: [32, 52, 60, 69] },
      { name: 'chimera_api_documentation_guide.maml.markdown', lines: [32] },
      { name: 'chimera_build_guide.maml.markdown', lines: [56, 63, 71, 78, 140, 144] },
      { name: 'chimera_maml_file_guide.maml.markdown', lines: [15, 34, 42, 51] },
      { name: 'chimera_workflow_guide.maml.markdown', lines: [32, 51, 59, 68] },
      { name: 'maml_maml_chimera_hybrid_workflow.maml.markdown', lines: [167] },
      { name: 'maml_maml_chimera_maml_workflow.maml.markdown', lines: [141] },
      { name: 'maml_maml_chimera_quantum_workflow.maml.markdown', lines: [146] },
    ]);
    const hybrid = parseMaml(byName('maml_maml_chimera_hybrid_workflow.maml.markdown'));
    expect(hybrid.codeBlocks.map((b) => b.range.start.line)).not.toContain(167);
    expect(hybrid.diagnostics.some((d) => d.code === 'MAML_HIDDEN_CONTENT')).toBe(false);
  });

  it('reads unquoted 2.0 versions as users mean them, with a warning', () => {
    const doc = parseMaml('---\nmaml_version: 2.0\nid: urn:x\ntype: workflow\n---\n');
    expect(doc.frontMatter?.data?.['maml_version']).toBe('2.0');
    expect(doc.diagnostics.map((d) => d.code)).toEqual(['MAML_UNQUOTED_VERSION']);
  });
});
