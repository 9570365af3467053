import { aesSiv, type SymmetricLayerKey } from './aes-siv.js';
import type { LayerDescriptor } from './descriptor.js';
import { external, type ExternalLayerKey } from './external.js';
import type { KemLayerKey } from './kem.js';
import { mlKem1024 } from './ml-kem-1024.js';
import { passphrase, type PassphraseLayerKey } from './passphrase.js';
import { xWing } from './x-wing.js';

/**
 * The layer kinds, one descriptor each. Kind ids, header validation, key text, JSON forms,
 * keyring checks and the CLI's keygen options all come from this table: adding a kind is one
 * file and one line here.
 *
 * @example
 * ```ts
 * import { LAYER_KINDS } from 'mamlkit/envelope';
 * console.log(LAYER_KINDS.map((kind) => `${kind.id} ${kind.kind}`)); // ['1 aes-siv', …, '5 external']
 * ```
 */
export const LAYER_KINDS: readonly [
  LayerDescriptor<SymmetricLayerKey>,
  LayerDescriptor<KemLayerKey>,
  LayerDescriptor<KemLayerKey>,
  LayerDescriptor<PassphraseLayerKey>,
  LayerDescriptor<ExternalLayerKey>,
] = [aesSiv, mlKem1024, xWing, passphrase, external];

/** The layer type a descriptor describes. */
type LayerOf<D> = D extends LayerDescriptor<infer L> ? L : never;

/** One layer of a keyring, of any registered kind. */
export type LayerKey = LayerOf<(typeof LAYER_KINDS)[number]>;

/** Names of the registered layer kinds. */
export type LayerKind = LayerKey['kind'];

/** A descriptor of any kind, for code that handles every kind alike. */
export type AnyLayerDescriptor = LayerDescriptor<LayerKey>;

const table = LAYER_KINDS as readonly unknown[] as readonly AnyLayerDescriptor[];

/** The descriptor of a kind name, or `undefined` for a name no descriptor has. */
export function descriptorOf(kind: string): AnyLayerDescriptor | undefined {
  return table.find((descriptor) => descriptor.kind === kind);
}

/** Every descriptor, in kind-id order. */
export const LAYER_DESCRIPTORS: readonly AnyLayerDescriptor[] = table;
