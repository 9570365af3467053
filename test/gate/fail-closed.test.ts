import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorizeExecution, type GateReasonCode } from '../../src/gate/index.js';
import { createTrustStore, signMaml } from '../../src/sign/index.js';
import { fixedKeyPair, SIGNED_AT, SMALL_MAML } from '../sign/fixtures.js';

const alice = fixedKeyPair('ML-DSA-87', 1);
const trust = createTrustStore([alice.publicKey]);
const principal = 'gateway://local';
const now = new Date('2026-02-10T00:00:00Z');

/** An unsigned document without the flag that lets every agent execute it. */
const SELF_GRANTED = SMALL_MAML.replace('execute: ["gateway://local"]', 'execute: ["agent://*"]').replace(
  'quantum_security_flag: true\n',
  '',
);

/** Cuts the `## Signatures` section off a signed document. */
const stripSignatures = (source: string): string => source.slice(0, source.indexOf('## Signatures'));

const codes = (source: string, extra: Partial<Parameters<typeof authorizeExecution>[1]> = {}) =>
  authorizeExecution(source, { trust, principal, now, ...extra }).reasons.map((r) => r.code);

describe('the gate fails closed', () => {
  it('item 1: an unsigned document that grants itself execute: ["agent://*"] is refused with default options', () => {
    const decision = authorizeExecution(SELF_GRANTED, { trust, principal: 'agent://mallory', now });
    expect(decision.allowed).toBe(false);
    expect(decision.signatureRequired).toBe(true);
    expect(decision.reasons.map((r) => r.code)).toEqual(['GATE_UNSIGNED']);
  });

  it('item 1: a signed document with its signature section and flag deleted is refused', () => {
    const signed = signMaml(SMALL_MAML, alice.secretKey, { created: SIGNED_AT });
    expect(codes(signed)).toEqual([]);
    const stripped = stripSignatures(signed).replace('quantum_security_flag: true\n', '');
    expect(codes(stripped)).toEqual(['GATE_UNSIGNED']);
  });

  it('item 1: the opt-out works only when explicit', () => {
    const agent = { principal: 'agent://alice' };
    expect(codes(SELF_GRANTED, { ...agent, signatures: 'optional' })).toEqual([]);
    const decision = authorizeExecution(SELF_GRANTED, { trust, now, ...agent, signatures: 'optional' });
    expect(decision.signatureRequired).toBe(false);
    // Anything but the exact opt-out fails closed: the old option name does nothing.
    expect(codes(SELF_GRANTED, { ...agent, requireSignature: false } as never)).toEqual(['GATE_UNSIGNED']);
    expect(codes(SELF_GRANTED, { ...agent, signatures: 'required' })).toEqual(['GATE_UNSIGNED']);
  });

  it('item 1: quantum_security_flag raises the requirement under the opt-out, and never lowers it', () => {
    expect(codes(SMALL_MAML, { signatures: 'optional' })).toEqual(['GATE_UNSIGNED']);
    const decision = authorizeExecution(SMALL_MAML, { trust, principal, now, signatures: 'optional' });
    expect(decision.signatureRequired).toBe(true);
    const lowered = SMALL_MAML.replace('quantum_security_flag: true', 'quantum_security_flag: false');
    expect(codes(lowered)).toEqual(['GATE_UNSIGNED']);
  });

  it('a signature that does not match is still refused in either mode', () => {
    const unflagged = SMALL_MAML.replace('quantum_security_flag: true\n', '');
    const edited = signMaml(unflagged, alice.secretKey, { created: SIGNED_AT }).replace('Sum two', 'Sum six');
    expect(codes(edited)).toEqual(['GATE_TAMPERED']);
    expect(codes(edited, { signatures: 'optional' })).toEqual(['GATE_TAMPERED']);
  });

  it('item 1: without the opt-out, no edit of an unsigned document gets it allowed (property)', () => {
    // Flag value, execute list and principal vary; an unsigned document is never allowed by default.
    const flagArb = fc.constantFrom('', 'quantum_security_flag: true\n', 'quantum_security_flag: false\n');
    const executeArb = fc.constantFrom('"agent://*"', '"gateway://local"', '"**"', '"*"');
    fc.assert(
      fc.property(flagArb, executeArb, fc.constantFrom(principal, 'agent://x'), (flag, execute, who) => {
        const source = SMALL_MAML.replace('quantum_security_flag: true\n', flag).replace(
          '"gateway://local"',
          execute,
        );
        const decision = authorizeExecution(source, { trust, principal: who, now });
        const reasons: GateReasonCode[] = decision.reasons.map((r) => r.code);
        expect(decision.allowed).toBe(false);
        expect(reasons).toContain('GATE_UNSIGNED');
      }),
    );
  });
});
