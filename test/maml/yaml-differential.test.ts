/**
 * Three readings of the same front matter, on generated text around the edges of the subset:
 * the fast reader (`parseSimpleYaml`, what `parseFrontMatter` uses when it returns a result),
 * the full path (`readYaml`, what `parseFrontMatter` uses otherwise) and `yaml`'s own
 * `parseDocument(raw, YAML_OPTIONS).toJS()`.
 *
 * - Whenever the fast reader returns a result, it equals the full path's: value, field
 *   locations and notices.
 * - Whenever the full path reads the text without an error diagnostic, `yaml` reports no error
 *   and `toJS()` gives the same value, except for the one documented difference: a number written
 *   unquoted under a top-level version key is kept as the text written (`MAML_UNQUOTED_VERSION`).
 * - So whenever `toJS()` would read the text differently (or refuse it), mamlkit reports an error.
 */
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { MamlError } from '../../src/maml/errors.js';
import { readFast, readYaml, YAML_OPTIONS } from '../../src/maml/front-matter.js';
import { MAML_DEFAULT_LIMITS } from '../../src/maml/options.js';
import { buildLineStarts } from '../../src/maml/positions.js';
import { parseSimpleYaml } from '../../src/maml/yaml-fast.js';
import { parseMaml } from '../../src/maml/index.js';
import { corpus } from './corpus.js';
import { deepYaml, mutatedYaml, structuredYaml } from './yaml-arbitraries.js';

const LIMIT_CODES = ['ERR_MAML_NESTING_DEPTH', 'ERR_MAML_YAML_NODES', 'ERR_MAML_YAML_ALIASES'];

/** How the readers agreed on `raw`. */
type Outcome = 'fast' | 'full' | 'refused' | 'limit';

/** Reads `raw` three ways and checks the properties above; returns which path decided. */
function threeWays(raw: string): Outcome {
  const locate = { lineStarts: buildLineStarts(raw) };
  const fast = parseSimpleYaml(raw, MAML_DEFAULT_LIMITS);
  let full: ReturnType<typeof readYaml>;
  try {
    full = readYaml(raw, 0, locate, MAML_DEFAULT_LIMITS);
  } catch (error) {
    expect(error).toBeInstanceOf(MamlError);
    expect(LIMIT_CODES).toContain((error as MamlError).code);
    expect(fast).toBeUndefined();
    return 'limit';
  }
  if (fast !== undefined) expect(readFast(fast, 0, locate)).toEqual(full);
  const errors = full.diagnostics.filter((d) => d.severity === 'error');
  if (full.fatal) expect(errors).not.toEqual([]);
  if (errors.length > 0) return 'refused';
  const doc = parseDocument(raw, YAML_OPTIONS);
  expect(doc.errors).toEqual([]);
  const js = doc.toJS({ maxAliasCount: -1 }) as unknown;
  for (const d of full.diagnostics) {
    if (d.code !== 'MAML_UNQUOTED_VERSION') continue;
    const key = String(d.path?.[0]);
    (js as Record<string, unknown>)[key] = raw.slice(d.range.start.offset, d.range.end.offset);
  }
  expect(full.value).toEqual(js);
  return fast === undefined ? 'full' : 'fast';
}

/** Valid front matter to mutate: the corpus's and a few written for the subset's edges. */
const seeds = [
  ...corpus.flatMap(({ text }) => {
    const raw = parseMaml(text).frontMatter?.raw;
    return raw === undefined || raw.length > 1200 ? [] : [raw];
  }),
  'maml_version: "2.0.0"\nid: urn:uuid:550e8400-e29b-41d4-a716-446655440000\ntype: workflow\npermissions:\n  read: ["fs:///srv/data/*"]\n  execute: ["agent://mcp-server/ci"]\nquantum_security_flag: true\n',
  'a: &x [1, 2]\nb: *x\nc: |\n  text\n    more\nd: >-\n  folded\n  text\ne: "esc\\taped"\n',
  'permissions:\n  execute:\n    - agent://mcp-server/ci\n  # - agent://*\n"quoted key": \'single\'\nlist: [a, {b: c}]\n',
];

function tally(outcomes: Outcome[]): Record<Outcome, number> {
  const counts: Record<Outcome, number> = { fast: 0, full: 0, refused: 0, limit: 0 };
  for (const o of outcomes) counts[o]++;
  return counts;
}

describe('item 3 and item 4: front matter is read one way by the fast reader, the full path and yaml', () => {
  it('item 4: structured YAML from the grammar pieces (30 000 inputs)', () => {
    const outcomes: Outcome[] = [];
    fc.assert(
      fc.property(structuredYaml, (raw) => {
        outcomes.push(threeWays(raw));
      }),
      { numRuns: 30_000 },
    );
    const counts = tally(outcomes);
    expect(counts.fast).toBeGreaterThan(1000);
    expect(counts.full).toBeGreaterThan(1000);
    expect(counts.refused).toBeGreaterThan(1000);
  }, 300_000);

  it('item 4: mutated valid front matter (20 000 inputs)', () => {
    const outcomes: Outcome[] = [];
    fc.assert(
      fc.property(mutatedYaml(seeds), (raw) => {
        outcomes.push(threeWays(raw));
      }),
      { numRuns: 20_000 },
    );
    const counts = tally(outcomes);
    expect(counts.fast).toBeGreaterThan(500);
    expect(counts.full).toBeGreaterThan(500);
    expect(counts.refused).toBeGreaterThan(500);
  }, 300_000);

  it('item 3: nesting around the depth limit (500 inputs)', () => {
    const outcomes: Outcome[] = [];
    fc.assert(
      fc.property(deepYaml, (raw) => {
        outcomes.push(threeWays(raw));
      }),
      { numRuns: 500 },
    );
    const counts = tally(outcomes);
    expect(counts.limit).toBeGreaterThan(50);
    expect(counts.fast + counts.full).toBeGreaterThan(50);
  }, 60_000);
});
