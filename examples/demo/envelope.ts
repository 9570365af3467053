/** Demo section for `mamlkit/envelope`. */
import { EnvelopeError } from 'mamlkit/envelope';

export function demoEnvelope(): void {
  console.log('  four-key layered envelope encryption, post-quantum layers, streaming');
  console.log(`  errors: ${EnvelopeError.name}`);
}
