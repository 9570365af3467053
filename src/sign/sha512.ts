import { sha512 } from '@noble/hashes/sha2.js';
import { native } from '#native';
import type { NativeDigest } from '../native/types.js';

/** A running hash: `update` as often as needed, then `digest` once. */
export type RunningDigest = NativeDigest;

/**
 * A fresh running SHA-512: `node:crypto` where the runtime has it (`#native`), @noble/hashes
 * otherwise; the bytes are the same either way. Detached signatures hash their content with it,
 * signed envelopes everything before their footer.
 */
export function runningSha512(): RunningDigest {
  return native.sha512?.get()?.() ?? sha512.create();
}
