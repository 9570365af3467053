/** Demo section for `mamlkit/sign`. */
import { SignError } from 'mamlkit/sign';

export function demoSign(): void {
  console.log('  ML-DSA-44/65/87 keys, detached and embedded signatures, trust stores');
  console.log(`  errors: ${SignError.name}`);
}
