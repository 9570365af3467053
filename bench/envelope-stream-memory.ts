/**
 * Streams N MiB (default 200) through sealStream and then openStream in one pipeline and prints
 * one JSON line with the peak RSS, heap and ArrayBuffer memory seen while doing it:
 * `npx tsx bench/envelope-stream-memory.ts 200`. Run by bench/envelope.bench.ts for 50 and
 * 200 MiB; constant-memory streaming shows as the same peak for both.
 */
import { generateKeyring, openStream, sealStream } from 'mamlkit/envelope';

const mib = Number(process.argv[2] ?? '200');
const total = mib * 1024 * 1024;
const block = new Uint8Array(1024 * 1024).map((_, i) => (i * 13) & 0xff);
const keyring = generateKeyring();

const peak = { rss: 0, heapUsed: 0, arrayBuffers: 0 };
const sample = (): void => {
  const usage = process.memoryUsage();
  peak.rss = Math.max(peak.rss, usage.rss);
  peak.heapUsed = Math.max(peak.heapUsed, usage.heapUsed);
  peak.arrayBuffers = Math.max(peak.arrayBuffers, usage.arrayBuffers);
};
const timer = setInterval(sample, 5);

let sent = 0;
let received = 0;
const check = { intact: true };
const started = performance.now();
await new ReadableStream<Uint8Array>({
  pull(controller) {
    if (sent >= total) {
      controller.close();
      return;
    }
    const n = Math.min(block.length, total - sent);
    controller.enqueue(block.slice(0, n));
    sent += n;
  },
})
  .pipeThrough(sealStream(keyring))
  .pipeThrough(openStream(keyring))
  .pipeTo(
    new WritableStream({
      write(part) {
        sample();
        check.intact &&= part[0] === block[received % block.length];
        received += part.length;
      },
    }),
  );
clearInterval(timer);
const seconds = (performance.now() - started) / 1000;
if (received !== total || !check.intact) throw new Error(`stream lost data: ${received} of ${total} bytes`);
const toMiB = (n: number): number => Math.round((n / 1024 / 1024) * 10) / 10;
console.log(
  JSON.stringify({
    mib,
    seconds: Math.round(seconds * 100) / 100,
    throughputMBps: Math.round(total / 1e6 / seconds),
    peakRssMiB: toMiB(peak.rss),
    peakHeapMiB: toMiB(peak.heapUsed),
    peakArrayBuffersMiB: toMiB(peak.arrayBuffers),
  }),
);
