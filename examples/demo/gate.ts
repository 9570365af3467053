/** Demo section for `mamlkit/gate`. */
import { GateError } from 'mamlkit/gate';

export function demoGate(): void {
  console.log('  one call that decides whether a MAML file may run');
  console.log(`  errors: ${GateError.name}`);
}
