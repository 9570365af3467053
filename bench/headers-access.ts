/**
 * What reading a `Headers` object costs in each runtime, the measurement behind the choice in
 * src/policy/headers/read.ts (a reader of few names uses `get`, one of many uses `forEach`).
 * Web APIs only, so the same file runs everywhere:
 *
 *   npx tsx bench/headers-access.ts
 *   node_modules/.bin/deno run bench/headers-access.ts
 *   node_modules/.bin/bun bench/headers-access.ts
 *
 * Prints the time per call of each access pattern over a 20-header OpenAI-shaped response.
 */
import { openaiResponseHeaders } from './response-headers.ts';

const headers = new Headers(openaiResponseHeaders);
const retryNames = ['retry-after-ms', 'retry-after', 'x-should-retry'];
const openaiNames = [...retryNames, ...[...headers.keys()].filter((name) => name.startsWith('x-ratelimit-'))];

const patterns: [string, () => number][] = [
  [
    'forEach over every header',
    () => {
      let count = 0;
      headers.forEach(() => count++);
      return count;
    },
  ],
  [
    'for…of over every header',
    () => {
      let count = 0;
      for (const entry of headers) count += entry.length;
      return count;
    },
  ],
  [
    `get × ${retryNames.length} (planRetry's names)`,
    () => retryNames.filter((name) => headers.get(name) !== null).length,
  ],
  [
    `get × ${openaiNames.length} (parseRateLimitHeaders' OpenAI names)`,
    () => openaiNames.filter((name) => headers.get(name) !== null).length,
  ],
];

const calls = 100_000;
for (const [name, run] of patterns) {
  for (let i = 0; i < calls / 10; i++) run();
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    for (let i = 0; i < calls; i++) run();
    times.push(((performance.now() - start) * 1000) / calls);
  }
  times.sort((a, b) => a - b);
  console.log(`${name}: ${(times[2] ?? 0).toFixed(3)} µs per call (median of 5 rounds)`);
}
