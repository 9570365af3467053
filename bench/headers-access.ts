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
const headers = new Headers({
  date: 'Fri, 21 Nov 2025 00:15:00 GMT',
  'content-type': 'application/json',
  'content-length': '131',
  connection: 'keep-alive',
  server: 'cloudflare',
  'cf-ray': '9a1b2c3d4e5f6a7b-SJC',
  'strict-transport-security': 'max-age=31536000; includeSubDomains; preload',
  'x-content-type-options': 'nosniff',
  'x-request-id': 'req_5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d',
  'openai-organization': 'org-example',
  'openai-processing-ms': '312',
  'openai-version': '2020-10-01',
  'x-ratelimit-limit-requests': '10000',
  'x-ratelimit-remaining-requests': '9999',
  'x-ratelimit-reset-requests': '6ms',
  'x-ratelimit-limit-tokens': '30000000',
  'x-ratelimit-remaining-tokens': '29999982',
  'x-ratelimit-reset-tokens': '6m0s',
});
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
