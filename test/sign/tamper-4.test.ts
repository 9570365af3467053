import { describe, expect, it } from 'vitest';
import { slice, survivors, tamperTarget } from './tamper.js';

// The exhaustive single-byte check runs in four files (quarters of the document, two eighths each) so that they run in parallel.
describe('every single-byte change in a signed 2 KiB document (ML-DSA-44, exhaustive)', () => {
  const target = tamperTarget('ML-DSA-44');

  it.each([6, 7])('fails verification at every offset of eighth %i (0 to 7)', (part) => {
    expect(target.verifies(target.bytes)).toBe(true);
    expect(survivors(target, slice(target, part, 8))).toEqual([]);
  });
});
