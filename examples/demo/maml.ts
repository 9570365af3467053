/** Demo section for `mamlkit/maml`. */
import { MamlError } from 'mamlkit/maml';

export function demoMaml(): void {
  console.log('  parse, validate, serialize and edit MAML documents; permissions and History');
  console.log(`  errors: ${MamlError.name}`);
}
