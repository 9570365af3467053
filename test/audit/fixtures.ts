import { MamlkitError } from '../../src/errors.js';
import {
  AuditError,
  createAuditEntry,
  type AuditEntry,
  type AuditEntryInput,
} from '../../src/audit/index.js';
import { generateSigningKeyPair, type SigningAlgorithm, type SigningKeyPair } from '../../src/sign/index.js';

/** A key pair derived from a fixed seed (byte `fill` repeated), created 2026-01-01. */
export function auditKeyPair(algorithm: SigningAlgorithm, fill: number): SigningKeyPair {
  return generateSigningKeyPair({
    algorithm,
    seed: new Uint8Array(32).fill(fill),
    created: new Date('2026-01-01T00:00:00Z'),
  });
}

/** The time of the first fixture entry; each next entry is one minute later. */
export const START = Date.parse('2026-11-21T10:00:00.000Z');

/** Subject of the fixture document. */
export const SUBJECT = {
  id: 'urn:uuid:4f9b2c1e-8d3a-4c7b-9e2f-1a2b3c4d5e6f',
  digest: `sha256:${'ab'.repeat(32)}`,
};

/** The input of fixture entry `i`. */
export function inputAt(i: number, overrides: Partial<AuditEntryInput> = {}): AuditEntryInput {
  const actions = ['CREATE', 'VALIDATE', 'VERIFY', 'SEAL', 'OPEN', 'EXECUTE'];
  return {
    actor: `agent://worker-${i % 3}`,
    action: actions[i % actions.length] ?? 'CREATE',
    subject: SUBJECT,
    at: new Date(START + i * 60_000),
    ...overrides,
  };
}

/** A log of `count` entries signed with `keys` in turn (deterministic signatures). */
export function buildLog(
  count: number,
  keys: readonly SigningKeyPair[],
  from: AuditEntry | null = null,
): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let previous = from;
  for (let i = 0; i < count; i++) {
    const key = keys[i % keys.length];
    if (key === undefined) throw new Error('no key');
    previous = createAuditEntry(previous, inputAt(i), key.secretKey, { deterministic: true });
    entries.push(previous);
  }
  return entries;
}

/** The AuditError `fn` throws; fails the test if it throws nothing or something else. */
export function thrownAuditError(fn: () => unknown): AuditError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AuditError) return error;
    throw error;
  }
  throw new Error('expected an AuditError, nothing was thrown');
}

/** The code of the mamlkit error `fn` throws, `undefined` when it returns normally. */
export function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof MamlkitError) return (error as MamlkitError).code;
    throw error;
  }
  return undefined;
}
