import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { authorizeExecution, GateError, type GateReasonCode } from '../../src/gate/index.js';
import { checkPermission } from '../../src/maml/index.js';
import { createTrustStore, signMaml } from '../../src/sign/index.js';
import { fixedKeyPair, SIGNED_AT, SMALL_MAML } from '../sign/fixtures.js';

const alice = fixedKeyPair('ML-DSA-87', 1);
const bob = fixedKeyPair('ML-DSA-44', 2);
const trust = createTrustStore([alice.publicKey, bob.publicKey]);
const principal = 'gateway://local';
const now = new Date('2026-02-10T00:00:00Z');
const signed = signMaml(SMALL_MAML, alice.secretKey, { created: SIGNED_AT });
const unflagged = SMALL_MAML.replace('quantum_security_flag: true', 'quantum_security_flag: false');

const codes = (source: string | Uint8Array, extra: Partial<Parameters<typeof authorizeExecution>[1]> = {}) =>
  authorizeExecution(source, { trust, principal, now, ...extra }).reasons.map((r) => r.code);

describe('authorizeExecution', () => {
  it('allows a valid document signed by a trusted key when the principal may execute', () => {
    const decision = authorizeExecution(signed, { trust, principal, now });
    expect(decision.reasons).toEqual([]);
    expect(decision.allowed).toBe(true);
    expect(decision.signatureRequired).toBe(true);
    expect(decision.signatures).toHaveLength(1);
    expect(decision.signatures[0]?.keyId).toBe(alice.publicKey.keyId);
    expect(decision.permission?.matched).toBe('gateway://local');
    expect(decision.document?.source).toBe(signed);
  });

  it('accepts bytes and a CRLF checkout', () => {
    expect(codes(new TextEncoder().encode(signed))).toEqual([]);
    expect(codes(signed.replaceAll('\n', '\r\n'))).toEqual([]);
  });

  it('refuses an unsigned document whose quantum_security_flag is true', () => {
    expect(codes(SMALL_MAML)).toEqual(['GATE_UNSIGNED']);
  });

  it('needs no signature without the flag only when the caller opts out', () => {
    expect(codes(unflagged)).toEqual(['GATE_UNSIGNED']);
    expect(codes(unflagged, { signatures: 'required' })).toEqual(['GATE_UNSIGNED']);
    expect(codes(unflagged, { signatures: 'optional' })).toEqual([]);
  });

  it('refuses a tampered document even when no signature is required', () => {
    const tampered = signed.replace('print(1 + 2)', 'print(1 + 3)');
    expect(codes(tampered)).toEqual(['GATE_TAMPERED']);
    const unflaggedSigned = signMaml(unflagged, alice.secretKey, { created: SIGNED_AT });
    const edited = unflaggedSigned.replace('Sum two', 'Sum six');
    expect(codes(edited)).toEqual(['GATE_TAMPERED']);
    expect(codes(edited, { signatures: 'optional' })).toEqual(['GATE_TAMPERED']);
  });

  it('names unknown, revoked, disallowed and expired keys', () => {
    const carol = fixedKeyPair('ML-DSA-87', 3);
    const reasons: [string, GateReasonCode][] = [
      [signMaml(SMALL_MAML, carol.secretKey, { created: SIGNED_AT }), 'GATE_UNKNOWN_KEY'],
      [signMaml(SMALL_MAML, bob.secretKey, { created: SIGNED_AT }), 'GATE_ALGORITHM_NOT_ALLOWED'],
    ];
    const only87 = createTrustStore([alice.publicKey, bob.publicKey], { algorithms: ['ML-DSA-87'] });
    for (const [doc, code] of reasons) {
      expect(authorizeExecution(doc, { trust: only87, principal, now }).reasons.map((r) => r.code)).toEqual([
        code,
      ]);
    }
    const revoked = createTrustStore([alice.publicKey], { revoked: [alice.publicKey.keyId] });
    expect(codes(signed, { trust: revoked })).toEqual(['GATE_REVOKED_KEY']);
    const retired = createTrustStore([{ key: alice.publicKey, notAfter: new Date('2026-02-05T00:00:00Z') }]);
    expect(codes(signed, { trust: retired })).toEqual(['GATE_KEY_EXPIRED']);
  });

  it('refuses signatures older than maxAgeDays', () => {
    expect(codes(signed, { maxAgeDays: 30 })).toEqual([]);
    expect(codes(signed, { maxAgeDays: 5 })).toEqual(['GATE_SIGNATURE_EXPIRED']);
    const fresh = signMaml(signed, bob.secretKey, { created: new Date('2026-02-09T00:00:00Z') });
    expect(codes(fresh, { maxAgeDays: 5 })).toEqual([]);
  });

  it('applies a co-signing threshold', () => {
    expect(codes(signed, { threshold: 2 })).toEqual(['GATE_NOT_ENOUGH_SIGNATURES']);
    expect(codes(signMaml(signed, bob.secretKey, { created: SIGNED_AT }), { threshold: 2 })).toEqual([]);
  });

  it('refuses a principal without execute permission', () => {
    const decision = authorizeExecution(signed, { trust, principal: 'agent://mallory', now });
    expect(decision.reasons.map((r) => r.code)).toEqual(['GATE_PERMISSION_DENIED']);
    expect(decision.reasons[0]?.message).toMatch(/agent:\/\/mallory/);
  });

  it('refuses documents that fail strict validation, with their diagnostics', () => {
    const noIntent = signMaml(SMALL_MAML.replace('## Intent\nSum two numbers.\n\n', ''), alice.secretKey, {
      created: SIGNED_AT,
    });
    const decision = authorizeExecution(noIntent, { trust, principal, now });
    expect(decision.reasons.map((r) => r.code)).toEqual(['GATE_INVALID_DOCUMENT', 'GATE_PERMISSION_DENIED']);
    expect(decision.reasons[1]?.message).toMatch(/does not pass strict validation/);
    expect(decision.reasons[0]?.diagnostics?.some((d) => d.code === 'MAML_MISSING_SECTION')).toBe(true);
  });

  it('refuses documents that do not parse, without a document', () => {
    const decision = authorizeExecution(new Uint8Array([0x2d, 0xff, 0xfe]), { trust, principal, now });
    expect(decision.allowed).toBe(false);
    expect(decision.document).toBeUndefined();
    expect(decision.reasons.map((r) => r.code)).toEqual(['GATE_INVALID_DOCUMENT']);
  });

  it('gives every reason at once', () => {
    expect(codes(SMALL_MAML, { principal: 'agent://mallory' })).toEqual([
      'GATE_UNSIGNED',
      'GATE_PERMISSION_DENIED',
    ]);
  });

  it('throws GateError for bad options only', () => {
    const bad = [
      { trust: {} as never, principal },
      { trust, principal: 42 as never },
      { trust, principal, now: new Date(Number.NaN) },
      { trust, principal, maxAgeDays: -1 },
      { trust, principal, threshold: 0 },
      { trust, principal, signatures: 'none' as never },
      { trust, principal, signatures: false as never },
      { trust, principal, clockSkewMs: -1 },
      { trust, principal, clockSkewMs: Number.NaN },
    ];
    for (const options of bad) {
      expect(() => authorizeExecution(signed, options)).toThrow(GateError);
    }
    expect(() => authorizeExecution(42 as never, { trust, principal })).toThrow(GateError);
  });

  it('item 8: a hand-made trust store listing another key under an id throws ERR_GATE_OPTIONS, never a SignError', () => {
    const entry = trust.keys.get(alice.publicKey.keyId);
    const forged = { ...trust, keys: new Map([[alice.publicKey.keyId, { ...entry, key: bob.publicKey }]]) };
    const broken = [
      forged,
      { ...trust, keys: new Map([[alice.publicKey.keyId, { key: 'not a key' }]]) },
      { ...trust, keys: new Map([[alice.publicKey.keyId, null]]) },
      { ...trust, revoked: [] },
    ];
    for (const store of broken) {
      // Unsigned, signed by the listed id, or by another key: the store is refused before the document is read.
      for (const source of [unflagged, signed, signMaml(SMALL_MAML, bob.secretKey, { created: SIGNED_AT })]) {
        let thrown: unknown;
        try {
          authorizeExecution(source, { trust: store as never, principal, now });
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(GateError);
        expect((thrown as GateError).code).toBe('ERR_GATE_OPTIONS');
        expect((thrown as GateError).cause).toBeInstanceOf(Error);
      }
    }
  });

  it('gates a real corpus file: refused unsigned, allowed once signed', () => {
    const file = '../corpus/macroslow/GLASTONBURY_NIGERIA_example_matrix_multiply.maml.markdown';
    const source = readFileSync(new URL(file, import.meta.url), 'utf8');
    const options = { trust, principal: 'gateway://cm-2048-cluster', now };
    expect(authorizeExecution(source, options).reasons.map((r) => r.code)).toEqual(['GATE_UNSIGNED']);
    const decision = authorizeExecution(signMaml(source, bob.secretKey, { created: SIGNED_AT }), options);
    expect(decision.reasons).toEqual([]);
    expect(decision.allowed).toBe(true);
  });
});

describe('the gate validates a document once', () => {
  it('decides permission exactly as checkPermission does, for valid, invalid and edited documents', () => {
    const variants = [
      signed,
      SMALL_MAML,
      SMALL_MAML.replace('## Context', '## Contexts'),
      SMALL_MAML.replace('gateway://local', 'gateway://*'),
      SMALL_MAML.replace('gateway://local', 'gateway://other'),
    ];
    for (const source of variants) {
      for (const who of [principal, 'gateway://other', 'gateway://local/../x']) {
        const decision = authorizeExecution(source, { trust, principal: who, now });
        const document = decision.document;
        expect(document).toBeDefined();
        if (document === undefined) continue;
        expect(decision.permission).toEqual(checkPermission(document, 'execute', who));
      }
    }
  });
});
