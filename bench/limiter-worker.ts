/**
 * One process of the 8-process shared-limiter bench (forked by bench/limiter.bench.ts):
 * `limiter-worker.ts <redis url> <case>`; on each message `{ n }` it makes `n` reservations one
 * after another with that case's limiter and answers `{ done: n }`.
 */
import { reservationCases } from './limiter-cases.js';

const [url = '', name = ''] = process.argv.slice(2);
const cases = await reservationCases(url);
const reserveOnce = cases.reserve[name];
if (reserveOnce === undefined) throw new Error(`unknown case ${name}`);
process.on('message', (message: { n: number }) => {
  void (async () => {
    for (let i = 0; i < message.n; i++) await reserveOnce();
    process.send?.({ done: message.n });
  })();
});
process.on('SIGTERM', () => {
  cases.close();
  process.exit(0);
});
process.send?.({ ready: true });
