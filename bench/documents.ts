/** Documents shared by the benches. */

/**
 * A MAML workflow padded with Content paragraphs to exactly 10 KiB of UTF-8, executable by
 * `gateway://bench`.
 */
export function tenKibMaml(): string {
  const head = `---
maml_version: "2.0.0"
id: "urn:uuid:4f9b2c1e-8d3a-4c7b-9e2f-1a2b3c4d5e6f"
type: "workflow"
origin: "agent://bench"
permissions:
  execute: ["gateway://bench"]
quantum_security_flag: true
---
## Intent
Benchmark document.

## Context
Ten kibibytes of workflow text.

## Code_Blocks
\`\`\`python
print(sum(range(10)))
\`\`\`

## Content
`;
  let text = head;
  const line = 'Step: load the input, transform it with the agreed parameters, store the result.\n';
  while (text.length + line.length <= 10 * 1024) text += line;
  return text + 'x'.repeat(10 * 1024 - text.length - 1) + '\n';
}
