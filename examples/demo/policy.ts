/** Demo section for `mamlkit/policy`. */
import { PolicyError } from 'mamlkit/policy';

export function demoPolicy(): void {
  console.log('  provider limits, preflight, token estimates, rate-limit headers, retries, pacing');
  console.log(`  errors: ${PolicyError.name}`);
}
