import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAuditEntry, verifyAuditLog } from '../../src/audit/index.js';
import {
  createTrustStore,
  exportSigningJwk,
  SignError,
  signDetached,
  signingPublicKey,
  signMaml,
  verifyDetached,
  verifyMaml,
  type SigningPublicKey,
  type SigningSecretKey,
  type TrustStore,
} from '../../src/sign/index.js';
import { encodeToBeSigned, signMessage } from '../../src/sign/primitives.js';
import { formatSignatureLines } from '../../src/sign/signature-text.js';
import { fixedKeyPair, SIGNED_AT, SMALL_MAML } from './fixtures.js';

const victim = fixedKeyPair('ML-DSA-44', 1);
const mallory = fixedKeyPair('ML-DSA-44', 2);
const now = new Date('2026-02-10T00:00:00Z');

/** Mallory's public key under the victim's key id. */
const impostor: SigningPublicKey = { ...mallory.publicKey, keyId: victim.publicKey.keyId };

/** A detached signature by Mallory's key that names the victim's key id. */
function forgedDetached(content: Uint8Array): string {
  const fields = {
    algorithm: mallory.publicKey.algorithm,
    keyId: victim.publicKey.keyId,
    created: Math.floor(SIGNED_AT.getTime() / 1000),
    comment: '',
    trustedComment: 'release 1.0',
  };
  const signature = signMessage('detached', encodeToBeSigned({ ...fields, content }), mallory.secretKey);
  return formatSignatureLines('detached', { ...fields, signature }).join('\n') + '\n';
}

/** A trust store built by hand, without createTrustStore: `key` listed under `id`. */
const handMade = (key: SigningPublicKey, id = key.keyId): TrustStore => ({
  keys: new Map([[id, { key }]]),
  algorithms: ['ML-DSA-44'],
  revoked: new Set(),
});

function signErrorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof SignError) return error.code;
    throw error;
  }
  return undefined;
}

describe('key ids are computed from the key, never taken from the caller', () => {
  it("item 8: a trust-store entry with the victim's key id and another key is refused", () => {
    const data = new TextEncoder().encode('payload');
    const forged = forgedDetached(data);
    expect(signErrorCode(() => createTrustStore([impostor]))).toBe('ERR_SIGN_KEY_INVALID');
    expect(signErrorCode(() => createTrustStore([{ key: impostor, label: 'victim' }]))).toBe(
      'ERR_SIGN_KEY_INVALID',
    );
    // A store made by hand is held to the same rule when it is used.
    expect(signErrorCode(() => verifyDetached(data, forged, handMade(impostor), { now }))).toBe(
      'ERR_SIGN_KEY_INVALID',
    );
    // With the honest store, the forged signature is not the victim's.
    const honest = createTrustStore([victim.publicKey]);
    expect(verifyDetached(data, forged, honest, { now }).valid).toBe(false);
  });

  it('item 8: every API refuses a key whose keyId is not its thumbprint (property)', () => {
    const keyIdArb = fc
      .uint8Array({ minLength: 32, maxLength: 32 })
      .map((bytes) =>
        btoa(String.fromCharCode(...bytes))
          .replaceAll('+', '-')
          .replaceAll('/', '_')
          .slice(0, 43),
      )
      .filter((id) => id !== mallory.publicKey.keyId);
    const source = signMaml(SMALL_MAML, victim.secretKey, { created: SIGNED_AT });
    fc.assert(
      fc.property(keyIdArb, fc.constantFrom(...Object.keys(APIS)), (keyId, api) => {
        const secretKey: SigningSecretKey = { ...mallory.secretKey, keyId };
        const publicKey: SigningPublicKey = { ...mallory.publicKey, keyId };
        const call = APIS[api];
        expect(signErrorCode(() => call?.(secretKey, publicKey, source))).toBe('ERR_SIGN_KEY_INVALID');
      }),
      { numRuns: 60 },
    );
  });
});

const ENTRY = {
  actor: 'agent://a',
  action: 'CREATE',
  subject: { id: 'x', digest: `sha256:${'0'.repeat(64)}` },
  at: now,
} as const;

type Api = (secretKey: SigningSecretKey, publicKey: SigningPublicKey, source: string) => unknown;

const APIS: Record<string, Api> = {
  createTrustStore: (_, publicKey) => createTrustStore([publicKey]),
  createTrustStoreSecret: (secretKey) => createTrustStore([{ key: secretKey }]),
  signingPublicKey: (secretKey) => signingPublicKey(secretKey),
  exportSigningJwk: (_, publicKey) => exportSigningJwk(publicKey),
  signMaml: (secretKey, _, source) => signMaml(source, secretKey),
  signDetached: (secretKey) => signDetached('x', secretKey),
  verifyMaml: (_, publicKey, source) =>
    verifyMaml(source, handMade(publicKey, victim.publicKey.keyId), { now }),
  createAuditEntry: (secretKey) => createAuditEntry(null, ENTRY, secretKey),
  verifyAuditLog: (_, publicKey) => {
    const entry = createAuditEntry(null, ENTRY, mallory.secretKey);
    return verifyAuditLog([entry], handMade(publicKey, mallory.publicKey.keyId), { now });
  },
};
