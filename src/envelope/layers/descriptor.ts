import type { RandomSource } from '../random.js';
import type { TwoWayStep } from '../steps.js';

/** Envelope format versions: 1 (kinds 1 to 3) and 2 (adds kinds 4 and 5). */
export type FormatVersion = 1 | 2;

/**
 * A value, a promise of it (external layers are asynchronous), or a two-way step (KEM layers:
 * WebCrypto in asynchronous runs): what a layer step returns.
 */
export type MaybePromise<T> = T | Promise<T> | TwoWayStep<T>;

/** What a layer gives at seal time: its 64-byte AES-SIV wrapping key `K_i` and the encapsulation written in the stanza. */
export interface LayerSecret {
  readonly key: Uint8Array;
  readonly encapsulation: Uint8Array;
}

/** What a layer's seal and open steps see besides the layer: its key id bytes and the message params `P`. */
export interface LayerContext {
  readonly kid: Uint8Array;
  readonly params: Uint8Array;
}

/** Limits the caller sets on opening (see `OpenOptions`). */
export interface OpenLimits {
  /** Highest passphrase work factor (log2 of the scrypt cost N) opening accepts. */
  readonly maxWorkFactor: number;
}

/** Callbacks that hold an external layer's key (a KMS, an HSM, Vault transit, a non-extractable WebCrypto key). */
export interface ExternalCallbacks {
  /** Wraps the 64-byte layer key; `context` holds bytes to bind (label, kind, key id, message params). */
  readonly wrap: (key: Uint8Array, context: Uint8Array) => Promise<Uint8Array>;
  /** Returns the 64-byte layer key of an encapsulation `wrap` made with the same `context`. */
  readonly unwrap: (encapsulation: Uint8Array, context: Uint8Array) => Promise<Uint8Array>;
}

/** Options of the key-text and JWK importers for kinds whose text form is a placeholder or a reference. */
export interface KeyImportOptions {
  /** The passphrase of `passphrase` layers (their text form only says "ask for a passphrase here"). */
  readonly passphrase?: string;
  /** Turns the reference of an `external` layer (its name and key id) into its callbacks. */
  readonly resolveExternal?: (reference: {
    readonly name: string;
    readonly kid: string;
  }) => ExternalCallbacks;
}

/** One part of a layer's text and JSON forms: `secret`, `public`, … and its JSON member name. */
export interface LayerPart {
  readonly name: string;
  readonly member: string;
}

/** A part's bytes, as a text line or a JSON member carries them. */
export interface PartValue {
  readonly part: string;
  readonly material: Uint8Array;
}

/**
 * Everything about one layer kind. The kind table (layers/index.ts) lists one descriptor per
 * kind; kind ids, header validation, key text, JSON forms, keyring checks and the CLI's keygen
 * are derived from it.
 */
export interface LayerDescriptor<L extends { readonly kind: string; readonly kid: string }> {
  readonly kind: L['kind'];
  /** The kind byte in a stanza. */
  readonly id: number;
  /** Format versions whose headers may carry this kind. */
  readonly versions: readonly FormatVersion[];
  /** Encapsulation length: `min === max` for an exact length. */
  readonly encapsulation: { readonly min: number; readonly max: number };
  /** Whether seal and open run synchronously (`sealSync`, `openSync`, `rewrap`). */
  readonly synchronous: boolean;
  /** Text and JSON parts, in the order import prefers them. */
  readonly parts: readonly LayerPart[];
  /** What is wrong with a hand-built layer's fields (types, lengths), or `undefined`. */
  readonly problem: (layer: L) => string | undefined;
  /** The key id the layer must carry, computed from it. */
  readonly keyId: (layer: L) => string;
  /** Bytes that identify the key: two layers of one kind with equal material hold the same key. */
  readonly material: (layer: L) => Uint8Array;
  /** The part of the layer needed to seal. */
  readonly sealing: (layer: L) => L;
  /** Why this layer cannot open, or `undefined` (a public-only KEM layer cannot). */
  readonly openProblem: (layer: L) => string | undefined;
  /** Parts the layer is written as (the first is its text form); `public` asks for the sealing part only. */
  readonly exportParts: (layer: L, isPublic: boolean) => readonly PartValue[];
  /** Rebuilds a layer from one part (the key id is checked by the caller). */
  readonly importPart: (value: PartValue, kid: string, options: KeyImportOptions) => L;
  /** Generates a fresh layer (kinds that keygen can make). */
  readonly generate?: (random: RandomSource) => L;
  /** The part and key id a key file names this kind by when its secret is supplied later (a passphrase). */
  readonly placeholder?: PartValue & { readonly kid: string };
  /** Produces `K_i` and the encapsulation, drawing any randomness from `random` in layer order. */
  readonly seal: (layer: L, context: LayerContext, random: RandomSource) => MaybePromise<LayerSecret>;
  /** Checks a written encapsulation against the opener's limits before any key work. */
  readonly checkOpen?: (encapsulation: Uint8Array, limits: OpenLimits) => void;
  /** Recovers `K_i` from the encapsulation. */
  readonly open: (layer: L, encapsulation: Uint8Array, context: LayerContext) => MaybePromise<Uint8Array>;
}
