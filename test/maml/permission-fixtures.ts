import { parseMaml } from '../../src/maml/index.js';
import type { MamlDocument } from '../../src/maml/index.js';

/** A document that passes strict validation, with `permissions` written as the given YAML lines. */
export function documentWithPermissions(lines: readonly string[]): MamlDocument {
  return parseMaml(permittedSource(lines));
}

/** The source of {@link documentWithPermissions}. */
export function permittedSource(lines: readonly string[]): string {
  return [
    '---',
    'maml_version: "2.0.0"',
    'id: "urn:uuid:4f9b2c1e-8d3a-4c7b-9e2f-1a2b3c4d5e6f"',
    'type: workflow',
    'permissions:',
    ...lines.map((line) => `  ${line}`),
    '---',
    '## Intent',
    'Check permissions.',
    '',
    '## Context',
    'A test document.',
    '',
  ].join('\n');
}

/** A valid document granting `action` to exactly the given patterns. */
export function granting(action: 'read' | 'write' | 'execute', patterns: readonly string[]): MamlDocument {
  return documentWithPermissions([`${action}: ${JSON.stringify(patterns)}`]);
}
