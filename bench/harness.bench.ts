/**
 * A self-check of the harness: `npm run bench -- harness`. Encoding 64 KiB of ASCII text
 * with TextEncoder against copying 64 KiB of bytes, a baseline that touches the same
 * amount of data.
 */
import type { BenchGroup } from './harness.js';

const size = 64 * 1024;
const text = 'mamlkit '.repeat(size / 8);
const bytes = new TextEncoder().encode(text);

export default function groups(): Promise<BenchGroup[]> {
  return Promise.resolve([
    {
      title: 'TextEncoder, 64 KiB',
      cases: [
        { name: 'Uint8Array.slice', run: () => bytes.slice(), bytes: size, baseline: true },
        { name: 'TextEncoder.encode', run: () => new TextEncoder().encode(text), bytes: size },
        {
          name: 'TextEncoder.encodeInto',
          run: () => new TextEncoder().encodeInto(text, new Uint8Array(size)),
          bytes: size,
        },
      ],
      note: 'A self-check of the harness: UTF-8 encoding against a plain copy of the same number of bytes.',
    },
  ]);
}
