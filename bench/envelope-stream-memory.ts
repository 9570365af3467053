/**
 * Streams N MiB (default 200) through sealStream and then openStream in one pipeline and prints
 * one JSON line with the memory seen while doing it: `npx tsx bench/envelope-stream-memory.ts 200`
 * gives the peak RSS, heap and ArrayBuffer memory (sampled every 5 ms and at every write) and the
 * RSS before the first byte; `node --expose-gc --import tsx bench/envelope-stream-memory.ts 200
 * --retained` instead collects garbage after every 16 MiB and gives the most memory still held
 * then: what the pipeline keeps, without the garbage the collector has not reached yet. Run by
 * bench/envelope.bench.ts for 50, 200 and 800 MiB; constant-memory streaming shows as the same
 * retained memory for all, and peaks that stop growing once the collector runs.
 */
import { generateKeyring, openStream, sealStream } from 'mamlkit/envelope';

const mib = Number(process.argv[2] ?? '200');
const retained = process.argv.includes('--retained');
const collect = (globalThis as { gc?: (options: { type: 'major'; execution: 'sync' }) => void }).gc;
if (retained && collect === undefined) throw new Error('--retained needs node --expose-gc');
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
/** A full, synchronous collection (twice: the second frees what the first only finalised), then a sample. */
const sampleRetained = (): void => {
  collect?.({ type: 'major', execution: 'sync' });
  collect?.({ type: 'major', execution: 'sync' });
  sample();
};
const idleRss = process.memoryUsage().rss;
const timer = retained ? undefined : setInterval(sample, 5);

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
    // Views of one block: the streams never modify their input, and a fresh copy per write
    // would be the bench's own garbage, not the pipeline's.
    controller.enqueue(block.subarray(0, n));
    sent += n;
  },
})
  .pipeThrough(sealStream(keyring))
  .pipeThrough(openStream(keyring))
  .pipeTo(
    new WritableStream({
      write(part) {
        const sixteenMiB = 16 * 1024 * 1024;
        const crossed = Math.floor((received + part.length) / sixteenMiB) > Math.floor(received / sixteenMiB);
        if (!retained) sample();
        else if (crossed) sampleRetained();
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
    mode: retained ? 'retained' : 'peak',
    seconds: Math.round(seconds * 100) / 100,
    throughputMBps: Math.round(total / 1e6 / seconds),
    idleRssMiB: toMiB(idleRss),
    rssMiB: toMiB(peak.rss),
    heapMiB: toMiB(peak.heapUsed),
    arrayBuffersMiB: toMiB(peak.arrayBuffers),
  }),
);
