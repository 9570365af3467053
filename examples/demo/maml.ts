/**
 * Demo section for `mamlkit/maml`: parse a sample document, list its sections, show a diagnostic,
 * and show that permissions are granted only by a document that passes strict validation.
 */
import { appendHistory, checkPermission, parseMaml, validateMaml } from 'mamlkit/maml';

const sample = `---
maml_version: 2.0
id: urn:uuid:550e8400-e29b-41d4-a716-446655440000
type: workflow
origin: agent://alice
permissions:
  read: ["agent://*"]
  execute: ["gateway://prod-*"]
---
## Intent
Square a 2x2 matrix.

## Code_Blocks
\`\`\`python
print([[1, 2], [3, 4]])
\`\`\`

## History
- 2025-08-29T20:35:00Z: [CREATE] File instantiated by agent://alice.
`;

export function demoMaml(): void {
  const doc = parseMaml(sample);
  for (const section of doc.sections) {
    console.log(`  section ${section.name} (line ${section.range.start.line})`);
  }
  console.log(
    `  code: ${doc.codeBlocks.map((b) => b.language).join(', ')}; history: ${doc.history.length} entry`,
  );
  for (const d of validateMaml(doc, { level: 'strict' })) {
    console.log(`  ${d.range.start.line}:${d.range.start.column} ${d.severity} ${d.code}: ${d.message}`);
    if (d.hint !== undefined) console.log(`    hint: ${d.hint}`);
  }
  const denied = checkPermission(doc, 'execute', 'gateway://prod-eu');
  console.log(`  execute by gateway://prod-eu: ${denied.allowed ? 'allowed' : 'denied'} (${denied.reason})`);
  const fixed = parseMaml(
    sample.replace('## Code_Blocks', '## Context\nA 2x2 integer matrix.\n\n## Code_Blocks'),
  );
  const decision = checkPermission(fixed, 'execute', 'gateway://prod-eu');
  console.log(`  with ## Context added: ${decision.allowed ? 'allowed' : 'denied'} (${decision.reason})`);
  const next = appendHistory(doc, {
    at: new Date(Date.UTC(2025, 8, 1)),
    verb: 'EXECUTE',
    text: 'run by gateway://prod-eu',
  });
  console.log(`  appended: ${next.source.trimEnd().split('\n').at(-1) ?? ''}`);
}
