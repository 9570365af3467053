import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { MamlFrontMatterSchema, parseMaml } from '../../src/maml/index.js';
import { conformsToFrontMatterSchema } from '../../src/maml/schema.js';
import { corpus } from './corpus.js';

const scalar = fc.oneof(
  fc.string(),
  fc.constantFrom('2025-08-29', '2025-08-29T12:27:00Z', '2025-13-01', 'agent://*', ''),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 3 }),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(
    fc.constantFrom('read', 'write', 'execute', 'method', 'spec_files', 'level', 'other'),
    fc.oneof(scalar, fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 2 })),
  ),
);
const keys = fc.constantFrom(
  'maml_version',
  'schema',
  'id',
  'type',
  'origin',
  'requires',
  'permissions',
  'quantum_security_flag',
  'created_at',
  'verification',
  'encryption',
  'parameters',
  'extra',
);

describe('conformsToFrontMatterSchema', () => {
  it('only accepts data the valibot schema accepts', () => {
    fc.assert(
      fc.property(
        fc.dictionary(keys, value),
        fc.string(),
        fc.string(),
        fc.boolean(),
        (data, id, type, withIds) => {
          const input = withIds ? { ...data, id, type } : data;
          if (conformsToFrontMatterSchema(input))
            expect(v.safeParse(MamlFrontMatterSchema, input).success).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('agrees with the schema on every corpus file', () => {
    let accepted = 0;
    for (const file of corpus) {
      const data = parseMaml(file.text).frontMatter?.data;
      if (data === undefined) continue;
      const success = v.safeParse(MamlFrontMatterSchema, data).success;
      const quick = conformsToFrontMatterSchema(data);
      if (quick) accepted++;
      expect(quick).toBe(success);
    }
    expect(accepted).toBeGreaterThan(0);
  });
});
