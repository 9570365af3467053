import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorizeExecution } from '../../src/gate/index.js';
import { isMamlValid, parseMaml, validateMaml, type MamlDiagnostic } from '../../src/maml/index.js';
import { createTrustStore, signMaml } from '../../src/sign/index.js';
import { fixedKeyPair, SIGNED_AT } from '../sign/fixtures.js';

const CODE = 'MAML_UNBACKED_SECURITY_CLAIM';

function document(fields: string, body = '## Intent\nEncrypt.\n\n## Context\nA test.\n'): string {
  return `---\nmaml_version: "2.0.0"\nid: "urn:uuid:4f9b2c1e-8d3a-4c7b-9e2f-1a2b3c4d5e6f"\ntype: workflow\norigin: "agent://builder"\npermissions:\n  execute: ["gateway://local"]\n${fields}---\n${body}`;
}

function claims(source: string, level: 'strict' | 'lenient' = 'strict'): MamlDiagnostic[] {
  return validateMaml(parseMaml(source), { level }).filter((d) => d.code === CODE);
}

const POSITIVES = [
  'AES-2048',
  'aes2048',
  'AES_512',
  'AES 1024',
  '2048-bit AES',
  '512 bit AES',
  '2048bits-AES',
  'cm-2048aes',
  'AES-2048-equivalent',
  'quantum-proof',
  'Quantum Proof signatures',
  'unbreakable',
  'uncrackable vault',
  'hacker-proof',
  'military-grade encryption',
  'Military Grade',
  '100% secure',
];

const NEGATIVES = [
  'AES-256-GCM',
  'AES-128',
  'aes192',
  '256-bit AES',
  'fortran-256aes',
  'ML-KEM-1024',
  'ML-DSA-87',
  'AES-SIV-512',
  '512-bit AES-SIV key',
  'X-Wing',
  'RSA-2048',
  'quantum-safe signatures (ML-DSA)',
  'post-quantum',
  'sha512',
  'breakable',
  'proofread by the team',
];

describe('the false-claim lint rule', () => {
  it('issue 19 false claims: the corpus file with encryption "AES-2048" warns at the claim, with a pointer to docs/security.md', () => {
    const source = readFileSync(
      new URL('../corpus/macroslow/primes_GLASTONBURY2048_health_workflow.maml.markdown', import.meta.url),
      'utf8',
    );
    const found = claims(source, 'lenient');
    const encryption = found.find((d) => d.path?.[0] === 'encryption');
    expect(encryption).toMatchObject({
      severity: 'warning',
      range: { start: { line: 5, column: 14 }, end: { line: 5, column: 22 } },
    });
    expect(encryption?.message).toContain('"AES-2048"');
    expect(encryption?.hint).toContain('docs/security.md');
  });

  it('issue 19 false claims: each claim of the table warns in a front matter value, at both levels', () => {
    for (const claim of POSITIVES) {
      for (const level of ['strict', 'lenient'] as const) {
        const found = claims(document(`encryption: "uses ${claim} here"\n`), level);
        expect(found, claim).toHaveLength(1);
        expect(found[0]?.severity).toBe('warning');
        // The claim in "cm-2048aes" is "2048aes".
        const column = 19 + (claim.startsWith('cm-') ? 3 : 0);
        expect(found[0]?.range.start).toMatchObject({ line: 8, column });
      }
    }
  });

  it('issue 19 false claims: real algorithm names and unrelated words do not warn', () => {
    for (const text of NEGATIVES) {
      expect(claims(document(`encryption: "${text}"\n`)), text).toEqual([]);
    }
  });

  it('issue 19 false claims: nested values and list items are read, keys and body text are not', () => {
    const source = document(
      'security:\n  layers: ["AES-256", "AES-512"]\nmilitary_grade: true\n',
      '## Intent\nNot quantum-proof, not AES-2048.\n\n## Context\nA test.\n',
    );
    const found = claims(source);
    expect(found.map((d) => d.path)).toEqual([['security', 'layers', 1]]);
    expect(found[0]?.range.start).toMatchObject({ line: 9, column: 24 });
  });

  it('issue 19 false claims: an escaped claim is judged as read and points at the whole value', () => {
    const found = claims(document('encryption: "AES\\x2D2048"\n'));
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain('"AES-2048"');
    expect(found[0]?.range.start).toMatchObject({ line: 8, column: 13 });
  });

  it('issue 19 false claims: the rule never makes a document invalid, and the gate still allows it', () => {
    const key = fixedKeyPair('ML-DSA-44', 21);
    const signed = signMaml(document('encryption: "AES-2048, military-grade"\n'), key.secretKey, {
      created: SIGNED_AT,
    });
    const diagnostics = validateMaml(parseMaml(signed), { level: 'strict' });
    expect(diagnostics.filter((d) => d.code === CODE)).toHaveLength(2);
    expect(isMamlValid(diagnostics)).toBe(true);
    const decision = authorizeExecution(signed, {
      trust: createTrustStore([key.publicKey]),
      principal: 'gateway://local',
      now: new Date('2026-02-02T00:00:00Z'),
    });
    expect(decision.reasons).toEqual([]);
    expect(decision.allowed).toBe(true);
  });

  it('issue 19 false claims: any value holding a claim warns once per claim, whatever surrounds it (property)', () => {
    const filler = fc.constantFrom('', 'uses ', 'with ', '(', 'x ');
    const tail = fc.constantFrom('', ' here', ')', ' and more', '.');
    fc.assert(
      fc.property(
        fc.constantFrom(...POSITIVES),
        fc.constantFrom(...NEGATIVES),
        filler,
        tail,
        (bad, good, a, b) => {
          expect(claims(document(`encryption: "${a}${bad}${b}"\n`)), bad).toHaveLength(1);
          expect(claims(document(`encryption: "${a}${good}${b}"\n`)), good).toEqual([]);
          expect(claims(document(`encryption: "${a}${good}, ${bad}${b}"\n`))).toHaveLength(1);
        },
      ),
    );
  });
});
