import { assert, assertBytesEqual, assertEqual, type RuntimeCase } from '../harness.js';

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** The platform APIs the library relies on, present in every runtime it supports. */
export const cases: RuntimeCase[] = [
  {
    name: 'runtime: crypto.subtle computes SHA-256',
    run: async () => {
      const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode('abc'));
      assertEqual(
        hex(new Uint8Array(digest)),
        'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
        'SHA-256("abc")',
      );
    },
  },
  {
    name: 'runtime: crypto.getRandomValues fills a buffer',
    run: () => {
      const bytes = globalThis.crypto.getRandomValues(new Uint8Array(32));
      assert(
        bytes.some((b) => b !== 0),
        '32 random bytes are not all zero',
      );
    },
  },
  {
    name: 'runtime: TextEncoder and TextDecoder round-trip UTF-8',
    run: () => {
      const text = 'MAML ✓ ключ 鍵 🔑';
      const bytes = new TextEncoder().encode(text);
      assertBytesEqual(bytes.subarray(0, 5), new Uint8Array([0x4d, 0x41, 0x4d, 0x4c, 0x20]), 'ASCII prefix');
      assertEqual(new TextDecoder('utf-8', { fatal: true }).decode(bytes), text, 'decoded text');
    },
  },
  {
    name: 'runtime: Web Streams pipe chunks through a TransformStream',
    run: async () => {
      const doubled = new ReadableStream<number>({
        start(controller) {
          for (const n of [1, 2, 3]) controller.enqueue(n);
          controller.close();
        },
      }).pipeThrough(
        new TransformStream<number, number>({
          transform: (n, controller) => {
            controller.enqueue(n * 2);
          },
        }),
      );
      const seen: number[] = [];
      for (const reader = doubled.getReader(); ;) {
        const { done, value } = await reader.read();
        if (done) break;
        seen.push(value);
      }
      assertEqual(seen.join(','), '2,4,6', 'streamed values');
    },
  },
];
