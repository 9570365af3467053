import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderLimitsDoc } from '../../scripts/gen-limits-doc.js';
import { definePolicy } from '../../src/policy/tables/define-policy.js';

describe('docs/reference/limits.md', () => {
  it('is generated from the current tables (run npx tsx scripts/gen-limits-doc.ts)', () => {
    const committed = readFileSync(new URL('../../docs/reference/limits.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderLimitsDoc());
  });

  it('changes when a table entry changes', () => {
    const policy = definePolicy({
      providers: {
        'azure-quantum': {
          targets: {
            'x.qpu': {
              qubits: 7,
              kind: 'qpu',
              source: 'https://example.com/',
              checkedAt: '2025-01-01',
              status: 'active',
            },
          },
        },
      },
    });
    expect(renderLimitsDoc(policy)).toContain('| `x.qpu` | qpu | 7 | active |');
    expect(renderLimitsDoc(policy)).toContain('checked between 2025-01-01 and 2026-12-05');
  });
});
