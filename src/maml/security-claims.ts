import { rangeAt } from './positions.js';
import type { MamlDiagnostic, MamlDocument, MamlPath } from './types.js';

/** A security claim no MAML document or mamlkit construction can back, and why. */
interface UnbackedClaim {
  readonly pattern: RegExp;
  readonly why: string;
}

const AES_KEY_SIZES = 'AES keys are 128, 192 or 256 bits';

/**
 * The claims `validateMaml` warns about in front matter values (`MAML_UNBACKED_SECURITY_CLAIM`),
 * one row each; docs/spec/maml.md lists them. AES-256-GCM, ML-KEM-1024, ML-DSA-87 and
 * AES-SIV-512 (two AES-256 keys) are real names and match no row.
 */
const UNBACKED_CLAIMS: readonly UnbackedClaim[] = [
  { pattern: /\baes[-_ ]?(?!(?:128|192|256)(?!\d))\d+/gi, why: AES_KEY_SIZES },
  {
    pattern: /(?<!\d)(?!(?:128|192|256)(?!\d))\d+[-_ ]?(?:bits?[-_ ]?)?aes(?![-_ ]?siv)/gi,
    why: AES_KEY_SIZES,
  },
  { pattern: /\bquantum[-_ ]?proof\b/gi, why: 'no construction is proven secure against quantum attackers' },
  {
    pattern: /\b(?:unbreakable|uncrackable|unhackable)\b/gi,
    why: 'every cipher has a stated security level',
  },
  { pattern: /\bhack(?:er)?[-_ ]?proof\b/gi, why: 'every cipher has a stated security level' },
  { pattern: /\bmilitary[-_ ]?grade\b/gi, why: 'it names no algorithm, key size or standard' },
  { pattern: /\b100 ?% ?secure\b/gi, why: 'every cipher has a stated security level' },
];

function valueAt(data: unknown, path: MamlPath): unknown {
  let value = data;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/**
 * Warnings for front matter string values that claim a security level the format cannot back
 * (`encryption: "AES-2048"`, `quantum-proof`, `military-grade`): each at the claim when the value
 * is written as read, else at the whole value. Body text is not read: prose discusses claims as
 * often as it makes them.
 */
export function unbackedClaimDiagnostics(document: MamlDocument): MamlDiagnostic[] {
  const frontMatter = document.frontMatter;
  if (frontMatter?.data === undefined) return [];
  const diagnostics: MamlDiagnostic[] = [];
  for (const { path, valueRange } of frontMatter.fields) {
    const value = valueAt(frontMatter.data, path);
    if (typeof value !== 'string') continue;
    const written = document.source.slice(valueRange.start.offset, valueRange.end.offset);
    for (const { pattern, why } of UNBACKED_CLAIMS) {
      for (const [claim] of value.matchAll(pattern)) {
        const at = written.indexOf(claim);
        const start = valueRange.start.offset + at;
        diagnostics.push({
          code: 'MAML_UNBACKED_SECURITY_CLAIM',
          severity: 'warning',
          message: `"${claim}" claims a security level nothing here can back: ${why}`,
          range: at === -1 ? valueRange : rangeAt(document, start, start + claim.length),
          path,
          hint: 'docs/security.md states what mamlkit provides (256-bit symmetric keys, ML-KEM-1024 and ML-DSA-87 at NIST category 5): name a real algorithm or remove the claim',
        });
      }
    }
  }
  return diagnostics;
}
