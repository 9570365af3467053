import type { LayerDescriptor } from './descriptor.js';
import { kemDescriptor, type KemLayerKey } from './kem.js';

/** Kind 2: an ML-KEM-1024 (FIPS 203, NIST category 5) key pair. */
export const mlKem1024: LayerDescriptor<KemLayerKey> = /* @__PURE__ */ kemDescriptor('ml-kem-1024');
