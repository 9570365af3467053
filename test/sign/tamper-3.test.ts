import { describe, expect, it } from 'vitest';
import { slice, survivors, tamperTarget } from './tamper.js';

// The exhaustive single-byte check runs in four files (quarters of the document) so that they run in parallel.
describe('every single-byte change in a signed 2 KiB document (ML-DSA-44, exhaustive)', () => {
  const target = tamperTarget('ML-DSA-44');

  it('fails verification at every offset of quarter 3 of 4', () => {
    expect(target.verifies(target.bytes)).toBe(true);
    expect(survivors(target, slice(target, 2, 4))).toEqual([]);
  });
});
