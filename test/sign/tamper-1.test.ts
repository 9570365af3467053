import { describe, expect, it } from 'vitest';
import { slice, survivors, tamperTarget } from './tamper.js';

// The exhaustive single-byte check runs in four files (quarters of the document, two eighths each) so that they run in parallel.
describe('every single-byte change in a signed 2 KiB document (ML-DSA-44, exhaustive)', () => {
  const target = tamperTarget('ML-DSA-44');

  it.each([0, 1])('fails verification at every offset of eighth %i (0 to 7)', (part) => {
    expect(target.verifies(target.bytes)).toBe(true);
    expect(survivors(target, slice(target, part, 8))).toEqual([]);
  });
});

describe('single-byte changes in an ML-DSA-87 signed document', () => {
  const target = tamperTarget('ML-DSA-87');

  it('fail verification at 100 offsets spread over the document', () => {
    const step = Math.floor(target.bytes.length / 100);
    const offsets = Array.from({ length: 100 }, (_, k) => 1 + k * step);
    expect(target.contentEnd).toBeGreaterThanOrEqual(2048);
    expect(survivors(target, offsets)).toEqual([]);
  });

  it('item 2: fail when a line feed becomes a carriage return, and verify when it becomes CRLF', () => {
    const lf = target.bytes.indexOf(0x0a);
    const lone = target.bytes.slice();
    lone[lf] = 0x0d;
    expect(target.verifies(lone)).toBe(false);
    const crlf = new Uint8Array([...target.bytes.subarray(0, lf), 0x0d, ...target.bytes.subarray(lf)]);
    expect(target.verifies(crlf)).toBe(true);
  });
});
