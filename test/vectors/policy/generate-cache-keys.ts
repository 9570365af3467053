/**
 * Regenerates cache-keys.json: `npx tsx test/vectors/policy/generate-cache-keys.ts`. Only needed
 * when the key format version changes; the vector test fails if this script and the frozen file
 * disagree.
 */
import { writeFileSync } from 'node:fs';
import { bytesToHex } from '@noble/hashes/utils.js';
import { cacheKeyInput, requestCacheKey, type CacheDestination } from '../../../src/policy/index.js';

interface Case {
  readonly name: string;
  readonly destination: CacheDestination;
  readonly body: unknown;
  readonly secret?: Uint8Array;
}

const messages = [{ role: 'user', content: 'Summarise this MAML workflow.' }];
const anthropic: CacheDestination = {
  provider: 'anthropic',
  endpoint: 'messages',
  headers: {
    'x-api-key': 'sk-ant-not-keyed',
    'Anthropic-Version': '2023-06-01',
    'anthropic-beta': 'files-api-2025-04-14',
    'content-type': 'application/json',
  },
};
const azure = (deployment: string, apiVersion: string): CacheDestination => ({
  provider: 'azure-openai',
  endpoint: 'chat_completions',
  deployment,
  baseUrl: 'https://contoso.openai.azure.com',
  apiVersion,
  headers: { 'api-key': 'not-keyed' },
});
const secret = (fill: number): Uint8Array => Uint8Array.from({ length: 32 }, (_, i) => (fill + i) & 0xff);

const cases: readonly Case[] = [
  { name: 'empty body, openai', destination: { provider: 'openai', endpoint: 'responses' }, body: {} },
  {
    name: 'anthropic messages with version and beta headers (credentials not keyed)',
    destination: anthropic,
    body: { model: 'claude-haiku-4-5', max_tokens: 512, messages },
  },
  {
    name: 'the same request with keys in another order',
    destination: anthropic,
    body: { messages, max_tokens: 512, model: 'claude-haiku-4-5' },
  },
  {
    name: 'azure deployment gpt-a',
    destination: azure('gpt-a', '2024-10-21'),
    body: { messages, max_tokens: 512 },
  },
  {
    name: 'azure deployment gpt-b, same body',
    destination: azure('gpt-b', '2024-10-21'),
    body: { messages, max_tokens: 512 },
  },
  {
    name: 'azure deployment gpt-a, another api-version',
    destination: azure('gpt-a', '2025-04-01-preview'),
    body: { messages, max_tokens: 512 },
  },
  {
    name: 'azure quantum target',
    destination: { provider: 'azure-quantum', endpoint: 'jobs', model: 'quantinuum.sim.h2-1e' },
    body: { shots: 100, circuit: 'OPENQASM 3.0; qubit[2] q; h q[0]; cx q[0], q[1];' },
  },
  {
    name: 'numbers, escapes, astral characters and sorting by UTF-16 code units',
    destination: { provider: 'openai', endpoint: 'chat_completions', model: 'gpt-5.1' },
    body: {
      model: 'gpt-5.1',
      temperature: 0.2,
      numbers: [-0, 1e21, 1e-7, 0.1, 9007199254740991],
      '\u0000': 'nul',
      '\ue000': 'private use',
      '\ud83d\ude00': 'astral key sorts before U+E000',
      text: 'Réponds en français. 日本語も OK 🚀 "quoted" \\ \u2028',
      stop: null,
      stream: false,
    },
  },
  {
    name: 'HMAC under secret 00..1f',
    destination: anthropic,
    body: { model: 'claude-haiku-4-5', max_tokens: 512, messages },
    secret: secret(0),
  },
  {
    name: 'HMAC under secret 01..20',
    destination: anthropic,
    body: { model: 'claude-haiku-4-5', max_tokens: 512, messages },
    secret: secret(1),
  },
];

const vectors = cases.map(({ name, destination, body, secret: key }) => ({
  name,
  destination,
  body,
  ...(key === undefined ? {} : { secret: bytesToHex(key) }),
  input: cacheKeyInput(destination, body),
  key: requestCacheKey(destination, body, key === undefined ? {} : { secret: key }),
}));

const file = new URL('./cache-keys.json', import.meta.url);
writeFileSync(
  file,
  `${JSON.stringify({ description: 'requestCacheKey vectors, key format mk1; see README.md', vectors }, null, 2)}\n`,
);
console.log(`wrote ${vectors.length} vectors to ${file.pathname}`);
