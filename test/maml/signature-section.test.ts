import { describe, expect, it } from 'vitest';
import { findSignatureSection, parseMaml, validateMaml } from '../../src/maml/index.js';

const BODY = '---\nid: x\n---\n## Intent\nx\n\n## Context\ny\n';
const BLOCK = '```maml-signature\nformat: mamlkit/maml-signature/v1\n```\n';

function problem(source: string): string | undefined {
  const found = findSignatureSection(parseMaml(source));
  if (found.ok) return undefined;
  const { start } = found.diagnostic.range;
  return `${start.line}:${start.column} ${found.diagnostic.message}`;
}

describe('findSignatureSection', () => {
  it('reads the blocks of a final "## Signatures" section and where the signed content ends', () => {
    const source = `${BODY}\n## Signatures\n\n${BLOCK}\n${BLOCK}`;
    const found = findSignatureSection(parseMaml(source));
    expect(found.ok).toBe(true);
    if (!found.ok) return;
    expect(found.section?.headingRange.start.offset).toBe(BODY.length + 1);
    expect(found.section?.blocks.map((b) => [b.range.start.line, b.lines])).toEqual([
      [12, ['format: mamlkit/maml-signature/v1']],
      [16, ['format: mamlkit/maml-signature/v1']],
    ]);
    expect(findSignatureSection(parseMaml(BODY))).toEqual({ ok: true, section: undefined });
    expect(findSignatureSection(parseMaml(`${BODY}## Signatures`))).toMatchObject({
      ok: true,
      section: { blocks: [] },
    });
  });

  it('item 5: a heading the parser names "signatures" but not written "## Signatures" is an error', () => {
    for (const heading of [
      '## signatures',
      '## SIGNATURES',
      '### Signatures',
      '# Signatures',
      '## Signatures ##',
      '## Signatures_',
      '##  Signatures',
      '   ## Signatures',
      '## Signatures ',
      '## sig-natures',
    ]) {
      if (parseMaml(`${heading}\n`).sections[0]?.name !== 'signatures') continue;
      expect(problem(`${BODY}${heading}\n${BLOCK}`)).toBe(
        `9:1 heading "${heading}" names the signature section but is not written "## Signatures"`,
      );
    }
    expect(problem(`${BODY}### Signatures\n## Signatures\n${BLOCK}`)).toMatch(
      /^9:1 heading "### Signatures"/,
    );
  });

  it('item 5: a second signature section, a heading after it or other content in it is an error', () => {
    expect(problem(`${BODY}## Signatures\n${BLOCK}## Signatures\n${BLOCK}`)).toBe(
      '13:1 the document has more than one signature section',
    );
    expect(problem(`${BODY}## Signatures\n${BLOCK}### Notes\n`)).toBe(
      '13:1 heading "Notes" follows the signature section, which must come last',
    );
    expect(problem(`${BODY}## Signatures\n${BLOCK}## History\n# signatures\n`)).toBe(
      '14:1 the document has more than one signature section',
    );
    expect(problem(`${BODY}## Signatures\nSigned by Bob.\n`)).toMatch(
      /^10:1 the signature section may hold only/,
    );
    expect(problem(`${BODY}## Signatures\n \n`)).toMatch(/^10:1 the signature section may hold only/);
    expect(problem(`${BODY}## Signatures\n\`\`\`maml-signature \nx\n\`\`\`\n`)).toMatch(
      /^10:1 the signature/,
    );
    expect(problem(`${BODY}## Signatures\n~~~maml-signature\nx\n~~~\n`)).toMatch(/^10:1 the signature/);
    expect(problem(`${BODY}## Signatures\n\`\`\`maml-signature\nx\n\`\`\`\`\n`)).toMatch(
      /^10:1 the signature block is not closed/,
    );
    expect(problem(`${BODY}## Signatures\n\`\`\`maml-signature\nx\n`)).toMatch(
      /^10:1 the signature block is not closed/,
    );
  });

  it('item 5: parseMaml reports the same problem, so strict and lenient validation fail', () => {
    const doc = parseMaml(`${BODY}## signatures\n${BLOCK}`);
    const diagnostic = doc.diagnostics.find((d) => d.code === 'MAML_SIGNATURE_SECTION');
    expect(diagnostic).toMatchObject({ severity: 'error', range: { start: { line: 9, column: 1 } } });
    for (const level of ['strict', 'lenient'] as const) {
      expect(validateMaml(doc, { level })).toContainEqual(
        expect.objectContaining({ code: 'MAML_SIGNATURE_SECTION', severity: 'error' }),
      );
    }
  });

  it('ignores "## Signatures" lines in front matter and code blocks, and reads CRLF like LF', () => {
    const source = `---\nnote: |\n  ## Signatures\n---\n\`\`\`markdown\n## Signatures\n\`\`\`\n## Signatures\n${BLOCK}`;
    const found = findSignatureSection(parseMaml(source));
    expect(found).toMatchObject({ ok: true, section: { headingRange: { start: { line: 8 } } } });
    const crlf = findSignatureSection(parseMaml(source.replaceAll('\n', '\r\n')));
    expect(crlf).toMatchObject({ ok: true, section: { headingRange: { start: { line: 8 } } } });
    if (crlf.ok && found.ok) expect(crlf.section?.blocks[0]?.lines).toEqual(found.section?.blocks[0]?.lines);
  });
});
