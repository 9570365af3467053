import { describe, expect, it } from 'vitest';
import { renderSizeTable, sizeProblems, subpathsOf, type SubpathSize } from '../../scripts/bundle-size.js';

const size = (subpath: string, gzip: number, inputs: string[] = []): SubpathSize => ({
  subpath,
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
      '| subpath | minified | gzip | budget (gzip) | used |',
      '| :-- | --: | --: | --: | --: |',
      '| `mamlkit/policy` | 6.0 KiB | 2.0 KiB | 4.0 KiB | 50% |',
    ]);
  });
});
