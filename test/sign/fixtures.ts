import { generateSigningKeyPair, type SigningAlgorithm, type SigningKeyPair } from '../../src/sign/index.js';

/** A key pair derived from a fixed seed (byte `fill` repeated), created 2026-01-01. */
export function fixedKeyPair(algorithm: SigningAlgorithm, fill: number): SigningKeyPair {
  return generateSigningKeyPair({
    algorithm,
    seed: new Uint8Array(32).fill(fill),
    created: new Date('2026-01-01T00:00:00Z'),
  });
}

/** When the fixtures sign. */
export const SIGNED_AT = new Date('2026-02-01T12:00:00Z');

/** A small MAML document in the shape of the corpus files. */
export const SMALL_MAML = `---
maml_version: "2.0.0"
id: "urn:uuid:4f9b2c1e-8d3a-4c7b-9e2f-1a2b3c4d5e6f"
type: "workflow"
origin: "agent://builder"
permissions:
  read: ["agent://*"]
  execute: ["gateway://local"]
quantum_security_flag: true
created_at: 2026-01-15T10:00:00Z
---
## Intent
Sum two numbers.

## Context
A demonstration workflow.

## Code_Blocks
\`\`\`python
print(1 + 2)
\`\`\`
`;

/** A MAML document of about 2 KiB with non-ASCII text, a tilde fence and a History section. */
export function twoKibMaml(): string {
  const paragraph =
    'The gateway runs this workflow only after the signature checks out — café, naïve, Straße, 東京 → ok.\n';
  let body = '';
  while (new TextEncoder().encode(body).length < 1500) body += paragraph;
  return `${SMALL_MAML}
## Content
${body}
~~~json
{"steps": ["load", "transform", "store"], "retries": 3}
~~~

## History
- 2026-01-15T10:00:00Z: [CREATE] File instantiated by agent://builder.
`;
}

/** YAML anchors whose aliases expand far past the parser's node limit, one a line (no final newline). */
export function aliasBombLines(): string {
  const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 6; i++) {
    const previous = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    levels.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`);
  }
  return levels.join('\n');
}
