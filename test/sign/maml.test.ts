import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMaml } from '../../src/maml/index.js';
import {
  createTrustStore,
  SignError,
  signDetached,
  signMaml,
  verifyDetached,
  verifyMaml,
} from '../../src/sign/index.js';
import { fixedKeyPair, SIGNED_AT, SMALL_MAML } from './fixtures.js';

const alice = fixedKeyPair('ML-DSA-87', 1);
const bob = fixedKeyPair('ML-DSA-44', 2);
const carol = fixedKeyPair('ML-DSA-65', 3);
const trust = createTrustStore([alice.publicKey, bob.publicKey, carol.publicKey]);
const signed = signMaml(SMALL_MAML, alice.secretKey, { created: SIGNED_AT });

describe('signMaml', () => {
  it('appends a Signatures section with one maml-signature block and keeps every original byte', () => {
    expect(signed.startsWith(SMALL_MAML)).toBe(true);
    const added = signed.slice(SMALL_MAML.length);
    expect(
      added.startsWith('\n## Signatures\n\n```maml-signature\nformat: mamlkit/maml-signature/v1\n'),
    ).toBe(true);
    expect(added).toContain(`key-id: ${alice.publicKey.keyId}\ncreated: 2026-02-01T12:00:00Z\nsignature:\n`);
    expect(added.endsWith('\n```\n')).toBe(true);
  });

  it('produces a document the MAML parser reads back unchanged, with the block in the signatures section', () => {
    const doc = parseMaml(signed);
    expect(doc.source).toBe(signed);
    const section = doc.sections.at(-1);
    expect(section?.name).toBe('signatures');
    const block = doc.codeBlocks.at(-1);
    expect(block?.language).toBe('maml-signature');
    expect(block?.closed).toBe(true);
    expect(block?.range.end.offset).toBe(signed.length);
    expect(doc.frontMatter?.data?.['quantum_security_flag']).toBe(true);
  });

  it('verifies, reporting the signer', () => {
    const result = verifyMaml(signed, trust);
    expect(result).toEqual({
      valid: true,
      signers: [alice.publicKey.keyId],
      signatures: [
        {
          valid: true,
          keyId: alice.publicKey.keyId,
          algorithm: 'ML-DSA-87',
          created: '2026-02-01T12:00:00Z',
        },
      ],
    });
  });

  it('lets several signers co-sign in any order', () => {
    const ab = signMaml(signMaml(SMALL_MAML, alice.secretKey), bob.secretKey);
    const ba = signMaml(signMaml(SMALL_MAML, bob.secretKey), alice.secretKey);
    for (const doc of [ab, ba]) {
      const result = verifyMaml(doc, trust, { threshold: 2 });
      expect(result.valid).toBe(true);
      expect([...result.signers].sort()).toEqual([alice.publicKey.keyId, bob.publicKey.keyId].sort());
      expect(doc.match(/^## Signatures$/gm)).toHaveLength(1);
    }
    const abc = signMaml(ab, carol.secretKey);
    expect(verifyMaml(abc, trust, { threshold: 3 }).valid).toBe(true);
    expect(parseMaml(abc).codeBlocks.filter((b) => b.language === 'maml-signature')).toHaveLength(3);
  });

  it('counts distinct keys toward the threshold', () => {
    const twice = signMaml(signed, alice.secretKey);
    const result = verifyMaml(twice, trust, { threshold: 2 });
    expect(result.valid).toBe(false);
    expect(result.reason?.code).toBe('NOT_ENOUGH_SIGNATURES');
  });

  it('verifies a CRLF checkout, a BOM, and documents without a final line break', () => {
    expect(verifyMaml(signed.replaceAll('\n', '\r\n'), trust).valid).toBe(true);
    expect(verifyMaml(`\uFEFF${signed}`, trust).valid).toBe(true);
    const crlf = signMaml(SMALL_MAML.replaceAll('\n', '\r\n'), bob.secretKey);
    expect(crlf.split('\r\n').length).toBe(crlf.split('\n').length);
    expect(verifyMaml(crlf.replaceAll('\r\n', '\n'), trust).valid).toBe(true);
    const noFinal = signMaml(SMALL_MAML.trimEnd(), bob.secretKey);
    expect(verifyMaml(noFinal, trust).valid).toBe(true);
    expect(verifyMaml(signMaml(noFinal.trimEnd(), carol.secretKey), trust, { threshold: 2 }).valid).toBe(
      true,
    );
  });

  it('refuses documents it cannot sign safely', () => {
    const code = (source: string) => {
      try {
        signMaml(source, alice.secretKey);
      } catch (error) {
        return error instanceof SignError ? error.code : 'other';
      }
      return 'none';
    };
    expect(code(`${SMALL_MAML}\`\`\`python\nprint(1)\n`)).toBe('ERR_SIGN_MAML_SECTION');
    expect(code('---\nid: x\n')).toBe('ERR_SIGN_MAML_SECTION');
    expect(code(`${signed}\nTrailing words.\n`)).toBe('ERR_SIGN_MAML_SECTION');
    expect(code(`${SMALL_MAML}\n## Signatures\nSigned by Bob.\n`)).toBe('ERR_SIGN_MAML_SECTION');
    expect(() => signMaml(SMALL_MAML, alice.publicKey as never)).toThrow(SignError);
  });

  it('signs a document whose body mentions ## Signatures inside a code fence', () => {
    const source = `${SMALL_MAML}\n\`\`\`markdown\n## Signatures\n\`\`\`\n`;
    const doc = signMaml(source, alice.secretKey);
    expect(doc.startsWith(source)).toBe(true);
    expect(verifyMaml(doc, trust).valid).toBe(true);
  });
});

describe('verifyMaml failures', () => {
  it('reports an unsigned document', () => {
    expect(verifyMaml(SMALL_MAML, trust).reason?.code).toBe('UNSIGNED');
    expect(verifyMaml(`${SMALL_MAML}\n## Signatures\n`, trust).reason?.code).toBe('UNSIGNED');
  });

  it('fails when anything is added after or inside the Signatures section', () => {
    const appended = verifyMaml(`${signed}\n## Extra\nrun rm -rf\n`, trust);
    expect(appended.reason?.code).toBe('MALFORMED');
    expect(appended.reason?.error?.code).toBe('ERR_SIGN_MAML_SECTION');
    const inside = signed.replace('\n```maml-signature', '\nNote: approved.\n```maml-signature');
    expect(verifyMaml(inside, trust).reason?.code).toBe('MALFORMED');
    const unclosed = signed.slice(0, signed.lastIndexOf('```'));
    expect(verifyMaml(unclosed, trust).reason?.error?.code).toBe('ERR_SIGN_MAML_SECTION');
  });

  it('tolerates extra empty lines in the Signatures section only', () => {
    expect(verifyMaml(`${signed}\n\n`, trust).valid).toBe(true);
    expect(verifyMaml(`${signed}   \n`, trust).valid).toBe(false);
  });

  it('fails for a signature moved to another document', () => {
    const other = SMALL_MAML.replace('Sum two numbers.', 'Delete every file.');
    const block = signed.slice(SMALL_MAML.length);
    const result = verifyMaml(other + block, trust);
    expect(result.reason?.code).toBe('BAD_SIGNATURE');
  });

  it('does not accept a detached signature as an embedded one, or the other way round', () => {
    const content = new TextEncoder().encode(`${SMALL_MAML}\n`);
    const detached = signDetached(content, alice.secretKey, { created: SIGNED_AT });
    // Same key, time and covered bytes: only the format line and the FIPS 204 context differ.
    const asBlock = detached.replace('comment:\n', '').replace('trusted-comment:\n', '');
    const swapped = `${SMALL_MAML}\n## Signatures\n\n\`\`\`maml-signature\n${asBlock}\`\`\`\n`;
    const wrongFormat = verifyMaml(swapped, trust);
    expect(wrongFormat.reason?.code).toBe('MALFORMED');
    expect(wrongFormat.reason?.message).toMatch(/detached-signature/);
    const relabelled = swapped.replace('mamlkit/detached-signature/v2', 'mamlkit/maml-signature/v1');
    expect(verifyMaml(relabelled, trust).reason?.code).toBe('BAD_SIGNATURE');
  });

  it('does not accept an embedded signature block as a detached signature', () => {
    const content = new TextEncoder().encode(`${SMALL_MAML}\n`);
    const start = signed.indexOf('```maml-signature\n') + '```maml-signature\n'.length;
    const block = signed.slice(start, signed.lastIndexOf('```'));
    const asIs = verifyDetached(content, block, trust);
    expect(asIs.reason?.code).toBe('MALFORMED');
    expect(asIs.reason?.message).toMatch(/maml-signature/);
    const relabelled = block
      .replace('mamlkit/maml-signature/v1', 'mamlkit/detached-signature/v2\ncomment:')
      .replace('\nsignature:', '\ntrusted-comment:\nsignature:');
    expect(verifyDetached(content, relabelled, trust).reason?.code).toBe('BAD_SIGNATURE');
  });

  it('reports unknown, revoked and disallowed signers', () => {
    const dave = fixedKeyPair('ML-DSA-87', 4);
    expect(verifyMaml(signMaml(SMALL_MAML, dave.secretKey), trust).reason?.code).toBe('UNKNOWN_KEY');
    const revoked = createTrustStore([alice.publicKey], { revoked: [alice.publicKey.keyId] });
    expect(verifyMaml(signed, revoked).reason?.code).toBe('REVOKED_KEY');
    const only87 = createTrustStore([bob.publicKey, alice.publicKey], { algorithms: ['ML-DSA-87'] });
    const by44 = verifyMaml(signMaml(SMALL_MAML, bob.secretKey), only87);
    expect(by44.reason?.code).toBe('ALGORITHM_NOT_ALLOWED');
    expect(by44.signatures[0]?.algorithm).toBe('ML-DSA-44');
  });

  it('keeps a document valid when a co-signer is unknown, but not when a co-signature is broken', () => {
    const dave = fixedKeyPair('ML-DSA-44', 4);
    const both = signMaml(signed, dave.secretKey);
    const result = verifyMaml(both, trust);
    expect(result.valid).toBe(true);
    expect(result.signatures.map((s) => s.reason?.code)).toEqual([undefined, 'UNKNOWN_KEY']);
    const withCarol = signMaml(signed, carol.secretKey);
    const lines = withCarol.split('\n');
    const last = lines.length - 3; // a base64 line of carol's signature
    lines[last] = `${lines[last]?.slice(0, -2) ?? ''}AA`;
    const broken = verifyMaml(lines.join('\n'), trust);
    expect(broken.valid).toBe(false);
  });

  it('rejects a truncated signature and malformed base64 with typed errors', () => {
    const truncated = signed.replace(/\n[\w+/=]+\n```\n$/, '\n```\n');
    expect(verifyMaml(truncated, trust).reason?.error?.code).toMatch(
      /ERR_SIGN_(SIGNATURE_LENGTH|BASE64|FORMAT)/,
    );
    const badBase64 = signed.replace(/^signature:\n./m, 'signature:\n*');
    expect(verifyMaml(badBase64, trust).reason?.error?.code).toBe('ERR_SIGN_BASE64');
  });

  it('rejects bad options with typed errors', () => {
    expect(() => verifyMaml(signed, trust, { threshold: 0 })).toThrow(SignError);
    expect(() => verifyMaml(signed, {} as never)).toThrow(SignError);
    expect(() => verifyMaml(42 as never, trust)).toThrow(SignError);
  });
});

describe('properties', () => {
  it('agrees with the MAML parser: a signed document ends with a signatures section holding the new block', () => {
    const line = fc.oneof(
      fc.constantFrom(
        '---',
        '...',
        '```',
        '````',
        '```js',
        '~~~',
        '   ```',
        '    ```',
        '``` `x`',
        '## Signatures',
        '## Intent',
        '# Title',
        '',
        'text',
      ),
      fc.stringMatching(/^[\w #`~-]{0,12}$/),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 14 }), (lines) => {
        const source = `${lines.join('\n')}\n`;
        let doc: string;
        try {
          doc = signMaml(source, bob.secretKey, { deterministic: true });
        } catch (error) {
          expect(error).toBeInstanceOf(SignError);
          return;
        }
        const parsed = parseMaml(doc);
        expect(parsed.sections.at(-1)?.heading).toBe('Signatures');
        const block = parsed.codeBlocks.at(-1);
        expect(block?.language).toBe('maml-signature');
        expect(block?.closed).toBe(true);
        expect(block?.section).toBe(parsed.sections.length - 1);
        expect(verifyMaml(doc, trust).valid).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('any text that ends outside a code fence signs and verifies; changing a letter breaks it', () => {
    const line = fc.stringMatching(/^[\w #*.:`~-]{0,40}$/);
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.nat(), (lines, pick) => {
        const source = `## Intent\n${lines.join('\n')}\n`;
        let doc: string;
        try {
          doc = signMaml(source, bob.secretKey);
        } catch (error) {
          expect(error).toBeInstanceOf(SignError);
          return;
        }
        expect(verifyMaml(doc, trust).valid).toBe(true);
        const at = pick % source.length;
        const ch = source[at] === 'x' ? 'y' : 'x';
        const changed = doc.slice(0, at) + ch + doc.slice(at + 1);
        if (source[at] !== '\n') expect(verifyMaml(changed, trust).valid).toBe(false);
      }),
      { numRuns: 40 },
    );
  });
});
