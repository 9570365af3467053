import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { isMamlValid, MamlFrontMatterSchema, parseMaml, validateMaml } from '../../src/maml/index.js';

const valid =
  '---\nmaml_version: "2.0.0"\nid: urn:uuid:550e8400-e29b-41d4-a716-446655440000\ntype: workflow\norigin: agent://a\npermissions:\n  execute: ["gateway://prod"]\ncreated_at: "2025-08-29T12:27:00Z"\n---\n## Intent\nx\n\n## Context\ny\n\n## Code_Blocks\n```python\nprint(1)\n```\n';

function codes(text: string, level: 'strict' | 'lenient' = 'strict'): string[] {
  return validateMaml(parseMaml(text), { level }).map((d) => `${d.severity}:${d.code}`);
}

describe('validateMaml', () => {
  it('accepts a complete document', () => {
    expect(codes(valid)).toEqual([]);
    expect(isMamlValid(validateMaml(parseMaml(valid), { level: 'strict' }))).toBe(true);
  });

  it('reports missing fields and sections with paths and ranges', () => {
    const diagnostics = validateMaml(parseMaml('---\nmaml_version: "2.0.0"\ntype: 3\n---\n# Intent\n'), {
      level: 'strict',
    });
    expect(diagnostics.map((d) => [d.code, d.path, d.range.start.line])).toEqual([
      ['MAML_MISSING_FIELD', ['id'], 1],
      ['MAML_INVALID_FIELD', ['type'], 3],
      ['MAML_MISSING_SECTION', undefined, 5],
      ['MAML_MISSING_SECTION', undefined, 5],
    ]);
    expect(diagnostics[2]?.hint).toContain('level-2');
  });

  it('turns common mistakes into warnings when lenient', () => {
    const legacy = '---\nschema: maml_v1\nid: x\ntype: workflow\n---\n## Intent\n## Context\n';
    expect(codes(legacy)).toEqual(['error:MAML_LEGACY_DIALECT', 'error:MAML_INVALID_URI']);
    expect(codes(legacy, 'lenient')).toEqual(['warning:MAML_LEGACY_DIALECT', 'warning:MAML_INVALID_URI']);
    expect(codes('no front matter\n## Intent\n## Context\n', 'lenient')).toEqual([
      'warning:MAML_MISSING_FRONT_MATTER',
    ]);
  });

  it('checks ids, permissions, code block languages and the signature flag', () => {
    const text = valid
      .replace('550e8400-e29b-41d4-a716-446655440000', '3c4d5f2b-9d4e-5g8h-0i2j-7k8l9m0n1o2p')
      .replace('execute: ["gateway://prod"]', 'execute: ["gateway://prod", "admin"]\n  delete: ["x:y"]')
      .replace('```python', '```')
      .replace('type: workflow', 'type: workflow\nquantum_security_flag: true');
    expect(codes(text)).toEqual([
      'error:MAML_INVALID_UUID',
      'error:MAML_INVALID_PERMISSION_PATTERN',
      'warning:MAML_UNKNOWN_PERMISSION_ACTION',
      'warning:MAML_SIGNATURE_REQUIRED',
      'error:MAML_MISSING_LANGUAGE',
    ]);
  });

  it('accepts a Signatures section at the end and notes the signature requirement', () => {
    const signed = `${valid.replace('type: workflow', 'type: workflow\nquantum_security_flag: true')}\n## Signatures\n\`\`\`maml-signature\nsig\n\`\`\`\n`;
    expect(codes(signed)).toEqual(['info:MAML_SIGNATURE_REQUIRED']);
    const misplaced = signed.replace('## Intent', '## Signatures\n\n## Intent');
    expect(codes(misplaced)).toContain('warning:MAML_DUPLICATE_SECTION');
  });

  it('makes parser warnings about unclosed fences errors when strict', () => {
    expect(codes(`${valid}\n\`\`\`python\nopen`)).toEqual(['error:MAML_UNCLOSED_FENCE']);
    expect(codes(`${valid}\n\`\`\`python\nopen`, 'lenient')).toEqual(['warning:MAML_UNCLOSED_FENCE']);
  });
});

describe('MamlFrontMatterSchema', () => {
  it('is a Standard Schema that composes with valibot', async () => {
    const data = parseMaml(valid).frontMatter?.data;
    expect(v.parse(MamlFrontMatterSchema, data).id).toBe('urn:uuid:550e8400-e29b-41d4-a716-446655440000');
    const standard = await MamlFrontMatterSchema['~standard'].validate({ id: 1 });
    expect('issues' in standard && standard.issues !== undefined).toBe(true);
    const extended = v.object({ meta: MamlFrontMatterSchema });
    expect(v.safeParse(extended, { meta: data }).success).toBe(true);
  });
});
