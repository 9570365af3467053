/** Demo section for `mamlkit/audit`. */
import { AuditError } from 'mamlkit/audit';

export function demoAudit(): void {
  console.log('  hash-chained, ML-DSA-signed audit log tied to MAML History');
  console.log(`  errors: ${AuditError.name}`);
}
