/**
 * One process of the shared-limiter load test: `tsx shared-limiter-worker.ts <redis url> <key>
 * <worker> <count>` makes `count` reservations one after another on `key` and prints, as one
 * JSON line, each one's send time on the server clock (`at + delayMs`), whether it was
 * admitted, and its input tokens.
 */
import { createClient } from 'redis';
import { reserveShared } from '../../src/policy/limiter/shared-limiter.js';
import type { RedisEval } from '../../src/redis/eval.js';
import { LOAD_LIMITS, loadCost } from './shared-limiter-load.js';

const [url = '', key = '', worker = '0', count = '0'] = process.argv.slice(2);
const client = await createClient({ url }).connect();
const evalScript: RedisEval = (script, keys, args) =>
  client.eval(script, { keys: [...keys], arguments: [...args] });
const sends: [sendAt: number, ok: boolean, inputTokens: number][] = [];
for (let i = 0; i < Number(count); i++) {
  const cost = loadCost(Number(worker), i);
  const r = await reserveShared(evalScript, key, LOAD_LIMITS, cost, { maxWaitMs: 120_000 });
  sends.push([r.at + r.delayMs, r.ok, cost.inputTokens]);
}
client.destroy();
process.stdout.write(`${JSON.stringify(sends)}\n`);
