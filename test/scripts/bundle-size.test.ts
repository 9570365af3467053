import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  entryModule,
  measureEntry,
  namedEntries,
  renderSizeTable,
  sizeProblems,
  subpathsOf,
  type BundleSize,
} from '../../scripts/bundle-size.js';
import { ensureBuilt, ROOT } from '../cli/helpers.js';

const size = (name: string, gzip: number, inputs: string[] = []): BundleSize => ({
  name,
  minified: gzip * 3,
  gzip,
  inputs,
});

describe('bundle size checks', () => {
  it('subpathsOf names every public subpath of the exports map, not package.json', () => {
    const pkg = { name: 'mamlkit', exports: { '.': {}, './maml': {}, './policy': {}, './package.json': '' } };
    expect(subpathsOf(pkg)).toEqual(['mamlkit', 'mamlkit/maml', 'mamlkit/policy']);
  });

  it('passes a subpath within its budget and fails one over it or without one', () => {
    expect(sizeProblems(size('mamlkit/sign', 1000), 1000)).toEqual([]);
    expect(sizeProblems(size('mamlkit/sign', 1001), 1000)).toEqual([
      'mamlkit/sign: 1001 B gzip is over its budget of 1000 B',
    ]);
    expect(sizeProblems(size('mamlkit/sign', 10), undefined)).toEqual([
      'mamlkit/sign: no budget in bench/size-budget.json',
    ]);
  });

  it('allows policy only SHA-256 and HMAC from @noble/hashes, and maml no post-quantum code', () => {
    const sha2 = 'node_modules/@noble/hashes/sha2.js';
    const hmac = '../../main/node_modules/@noble/hashes/hmac.js';
    const hkdf = 'node_modules/@noble/hashes/hkdf.js';
    const gcm = '../../main/node_modules/@noble/ciphers/aes.js';
    const mlDsa = 'node_modules/@noble/post-quantum/ml-dsa.js';
    const allowed = ['sha2.js', '_md.js', '_u64.js', 'hmac.js', 'utils.js'].map((f) => `@noble/hashes/${f}`);
    expect(sizeProblems(size('mamlkit/policy', 10, ['dist/policy/index.js', sha2, hmac]), 100)).toEqual([]);
    expect(sizeProblems(size('mamlkit/policy', 10, [sha2, hkdf, gcm]), 100)).toEqual([
      `mamlkit/policy must not include @noble/ (except ${allowed.join(', ')}), but bundles ${hkdf}, ${gcm}`,
    ]);
    expect(sizeProblems(size('mamlkit/policy', 10, [mlDsa]), 100)).toHaveLength(1);
    expect(sizeProblems(size('mamlkit/maml', 10, [sha2]), 100)).toEqual([]);
    expect(sizeProblems(size('mamlkit/maml', 10, [mlDsa]), 100)).toEqual([
      `mamlkit/maml must not include @noble/post-quantum/, but bundles ${mlDsa}`,
    ]);
    expect(sizeProblems(size('mamlkit/sign', 10, [mlDsa]), 100)).toEqual([]);
  });

  it('refuses a browser bundle that contains the node target of #native or a node: module', () => {
    expect(sizeProblems(size('mamlkit/sign', 10, ['dist/native/default.js']), 100)).toEqual([]);
    expect(sizeProblems(size('mamlkit/sign', 10, ['dist/native/node.js', 'node:crypto']), 100)).toEqual([
      'mamlkit/sign: a browser bundle includes dist/native/node.js, node:crypto',
    ]);
  });

  it('renders sizes in KiB with the share of the budget used', () => {
    expect(renderSizeTable([size('mamlkit/policy', 2048)], { 'mamlkit/policy': 4096 }).split('\n')).toEqual([
      '| bundle | minified | gzip | budget (gzip) | used |',
      '| :-- | --: | --: | --: | --: |',
      '| `mamlkit/policy` | 6.0 KiB | 2.0 KiB | 4.0 KiB | 50% |',
    ]);
  });

  it('bundles a whole subpath with export * and a named entry with only the exports it names', () => {
    expect(entryModule({ name: 'mamlkit/maml', subpath: 'mamlkit/maml' })).toBe(
      "export * from 'mamlkit/maml';",
    );
    expect(
      entryModule({
        name: 'mamlkit/sign#verify',
        subpath: 'mamlkit/sign',
        imports: ['verifyMaml', 'SignError'],
      }),
    ).toBe("export { verifyMaml, SignError } from 'mamlkit/sign';");
  });

  it('gives every named entry a public subpath and a budget', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Parameters<
      typeof subpathsOf
    >[0];
    const budgets = JSON.parse(readFileSync(join(ROOT, 'bench/size-budget.json'), 'utf8')) as object;
    expect(namedEntries.length).toBeGreaterThan(0);
    for (const entry of namedEntries) {
      expect(subpathsOf(pkg)).toContain(entry.subpath);
      expect(entry.name.startsWith(`${entry.subpath}#`)).toBe(true);
      expect(Object.keys(budgets)).toContain(entry.name);
    }
  });

  it('refuses a verify-only mamlkit/sign bundle that contains the YAML reader or the schema', () => {
    const yaml = '../../main/node_modules/yaml/browser/dist/parse/parser.js';
    const valibot = 'node_modules/valibot/dist/index.mjs';
    const mlDsa = 'node_modules/@noble/post-quantum/ml-dsa.js';
    expect(sizeProblems(size('mamlkit/sign#verify', 10, ['dist/sign/maml.js', mlDsa]), 100)).toEqual([]);
    expect(sizeProblems(size('mamlkit/sign#verify', 10, [yaml, valibot]), 100)).toEqual([
      `mamlkit/sign#verify must not include yaml/, but bundles ${yaml}`,
      `mamlkit/sign#verify must not include valibot/, but bundles ${valibot}`,
    ]);
    expect(sizeProblems(size('mamlkit/sign', 10, [yaml, valibot]), 100)).toEqual([]);
  });

  it('verify-only: the built mamlkit/sign verifies signatures without the YAML reader or the schema', async () => {
    ensureBuilt();
    const verify = namedEntries.find((entry) => entry.name === 'mamlkit/sign#verify');
    if (verify === undefined) throw new Error('no mamlkit/sign#verify entry');
    const { inputs } = await measureEntry(ROOT, verify);
    expect(inputs).toContain('dist/sign/maml.js');
    expect(inputs.filter((input) => /node_modules\/(?:yaml|valibot)\//.test(input))).toEqual([]);
  });
});
