import type { LayerDescriptor } from './descriptor.js';
import { kemDescriptor, type KemLayerKey } from './kem.js';

/** Kind 3: an X-Wing (ML-KEM-768 + X25519) key pair. */
export const xWing: LayerDescriptor<KemLayerKey> = /* @__PURE__ */ kemDescriptor('x-wing');
