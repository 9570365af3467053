import { sha512 } from '@noble/hashes/sha2.js';
import { native } from '#native';
import type { SignatureFailure, SigningSecretKey, TrustedKey, TrustStore } from '../sign/index.js';
import {
  SignError,
  assertTrustStore,
  checkSigner,
  checkSigningTime,
  runningSha512,
  signMessage,
  signMessageAsync,
  verificationClock,
  verifyMessage,
  verifyMessageAsync,
  type RunningDigest,
  type VerificationClock,
} from '../sign/internal.js';
import type { EnvelopeBackend } from './backend.js';
import { subtle } from './backend-webcrypto.js';
import { EnvelopeError } from './errors.js';
import type { Header } from './header.js';
import { draw, systemRandom, type RandomSource } from './random.js';
import { footerLength, type EnvelopeSigner } from './signer.js';

/** The running SHA-512 over everything before the footer: the header, then every sealed chunk in order. */
export type MessageDigest = RunningDigest;

/** A fresh running SHA-512: `node:crypto` where the runtime has it, @noble/hashes otherwise. */
export const newDigest: () => MessageDigest = runningSha512;

/**
 * SHA-512 of bytes already in memory (a whole envelope's signed part): `node:crypto` where the
 * runtime has it, else WebCrypto's digest where it exists, unless the caller asked for the
 * `noble` backend; the same value as the running digest either way.
 */
export async function digestOf(bytes: Uint8Array, backend: EnvelopeBackend | undefined): Promise<Uint8Array> {
  const api = subtle();
  if (backend === 'noble') return sha512.create().update(bytes).digest();
  if (api === undefined || native.sha512?.get() !== undefined) return newDigest().update(bytes).digest();
  return new Uint8Array(await api.digest('SHA-512', bytes as Uint8Array<ArrayBuffer>));
}

/** Bytes of FIPS 204 signing randomness drawn from the message's random source. */
const SIGNING_RANDOMNESS_BYTES = 32;

/**
 * The footer: one ML-DSA signature (context `mamlkit-envelope/v2 signature`) of the 64-byte
 * digest. With the system random source the signature is hedged wherever it runs (natively
 * where the runtime can); a caller's source supplies the signing randomness as its last draw,
 * so fixed draws reproduce a signature.
 */
export function signDigest(digest: Uint8Array, key: SigningSecretKey, random: RandomSource): Uint8Array {
  return signMessage('envelope', digest, key, signingOptions(random));
}

/** {@link signDigest} for the asynchronous seal and sealStream: WebCrypto's ML-DSA where it is the native one. */
export function signDigestAsync(
  digest: Uint8Array,
  key: SigningSecretKey,
  random: RandomSource,
): Promise<Uint8Array> {
  return signMessageAsync('envelope', digest, key, signingOptions(random));
}

/** Hedged with fresh randomness for the system source; else the source's draw, as the last one. */
function signingOptions(random: RandomSource): { readonly randomness?: Uint8Array } {
  return random === systemRandom ? {} : { randomness: draw(random, SIGNING_RANDOMNESS_BYTES) };
}

/** How `open`, `openStream` and `reencrypt` treat signatures. */
export interface SignatureOptions {
  /**
   * Signers whose envelopes are accepted. With it, an unsigned envelope is refused
   * (`ERR_ENVELOPE_UNSIGNED`), and so is a signer the store does not accept
   * (`ERR_ENVELOPE_SIGNER_UNTRUSTED`) or a signature that does not verify (`ERR_ENVELOPE_SIGNATURE`).
   * Without it, a signed envelope is refused (`ERR_ENVELOPE_TRUST_REQUIRED`) unless
   * `ignoreSignature` is set.
   */
  readonly trust?: TrustStore;
  /**
   * Opens a signed envelope without checking its signature: the sender is then NOT
   * authenticated, as for an unsigned envelope (any recipient could have written it). Not
   * allowed together with `trust`.
   */
  readonly ignoreSignature?: boolean;
  /** The time a trusted key's `notAfter` is judged at; default: now. */
  readonly now?: Date;
}

/** The signer of an envelope whose signature verified against the trust store. */
export interface VerifiedSigner extends EnvelopeSigner {
  /** The trust store's label for the key, if it has one. */
  readonly label?: string;
}

/** Checked signature options: the trust store and clock, or the explicit opt-out. */
export interface SignaturePolicy {
  readonly trust?: TrustStore;
  readonly clock?: VerificationClock;
  readonly ignore: boolean;
}

/** Sign-module errors in a caller's options are this module's `ERR_INVALID_ARGUMENT`. */
function asArgumentError<T>(what: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof SignError)) throw error;
    throw new EnvelopeError('ERR_INVALID_ARGUMENT', `${what}: ${error.message}`, { cause: error });
  }
}

/** Checks the signature options once, before any envelope byte is read. */
export function signaturePolicy(options: SignatureOptions): SignaturePolicy {
  const ignore = options.ignoreSignature === true;
  if (options.trust === undefined) return { ignore };
  if (ignore)
    throw new EnvelopeError('ERR_INVALID_ARGUMENT', 'ignoreSignature and trust contradict each other');
  const { trust } = options;
  asArgumentError('trust', () => {
    assertTrustStore(trust);
  });
  const clock = asArgumentError('now', () =>
    verificationClock(options.now === undefined ? {} : { now: options.now }),
  );
  return { trust, clock, ignore };
}

/** What opening does at the end of the payload: how many footer bytes follow it, and which key must have signed them. */
export interface FooterCheck {
  readonly length: number;
  /** Present when the signature must verify. */
  readonly key?: TrustedKey;
  readonly signer?: EnvelopeSigner;
}

function untrusted(signer: EnvelopeSigner, reason: SignatureFailure): EnvelopeError {
  return new EnvelopeError(
    'ERR_ENVELOPE_SIGNER_UNTRUSTED',
    `signer ${signer.keyId} is not accepted (${reason.code}): ${reason.message}`,
  );
}

/**
 * Applies the policy to an authenticated header: an unsigned envelope under a trust store, a
 * signed one without a store (and without the opt-out), and a signer the store does not accept
 * (unknown, revoked, algorithm not allowed, expired at `now`) are refused before any payload
 * byte is decrypted.
 */
export function footerCheck(header: Header, policy: SignaturePolicy): FooterCheck {
  const { signer } = header;
  const length = footerLength(signer);
  if (signer === undefined) {
    if (policy.trust !== undefined)
      throw new EnvelopeError(
        'ERR_ENVELOPE_UNSIGNED',
        'the envelope is not signed; a trusted signer is required',
      );
    return { length };
  }
  if (policy.ignore) return { length };
  if (policy.trust === undefined || policy.clock === undefined) {
    throw new EnvelopeError(
      'ERR_ENVELOPE_TRUST_REQUIRED',
      `the envelope is signed by ${signer.keyId}: pass trust to check the signature, or ignoreSignature to open it unauthenticated`,
    );
  }
  // An envelope signature carries no time of its own: the key's rules are judged at `now`.
  const claim = { ...signer, created: policy.clock.now };
  const decision = checkSigner(policy.trust, claim);
  if ('failure' in decision) throw untrusted(signer, decision.failure);
  const expired = checkSigningTime(decision.entry, claim, policy.clock);
  if (expired !== undefined) throw untrusted(signer, expired);
  return { length, key: decision.entry, signer };
}

/**
 * Verifies the footer against the digest of everything before it. Returns the verified
 * signer, or `undefined` when nothing was to be checked (unsigned, or the opt-out).
 */
export function verifyFooter(
  check: FooterCheck,
  digest: Uint8Array,
  signature: Uint8Array,
): VerifiedSigner | undefined {
  const { key } = check;
  return key === undefined
    ? undefined
    : footerVerdict(check, verifyMessage('envelope', signature, digest, key.key));
}

/** {@link verifyFooter} for the asynchronous open and openStream: WebCrypto's ML-DSA where it is the native one. */
export async function verifyFooterAsync(
  check: FooterCheck,
  digest: Uint8Array,
  signature: Uint8Array,
): Promise<VerifiedSigner | undefined> {
  const { key } = check;
  return key === undefined
    ? undefined
    : footerVerdict(check, await verifyMessageAsync('envelope', signature, digest, key.key));
}

/** The verified signer, or `ERR_ENVELOPE_SIGNATURE` when the signature did not verify. */
function footerVerdict(check: FooterCheck, verified: boolean): VerifiedSigner | undefined {
  const { key, signer } = check;
  if (key === undefined || signer === undefined) return undefined;
  if (!verified) {
    throw new EnvelopeError(
      'ERR_ENVELOPE_SIGNATURE',
      `the signature by ${signer.keyId} does not verify: the header, the payload or the signature was changed`,
    );
  }
  return key.label === undefined ? signer : { ...signer, label: key.label };
}
