/**
 * The request-body group of `npm run bench -- policy`: preflightBody on a 2 MB Anthropic request
 * with one base64 image (the medical-imaging case), beside what any caller pays first.
 */
import { definePolicy, preflightBody } from 'mamlkit/policy';
import type { BenchGroup } from './harness.js';

const policy = definePolicy({
  providers: {
    anthropic: {
      models: {
        'claude-bench': {
          contextWindow: 200_000,
          maxOutputTokens: 64_000,
          source: 'https://platform.claude.com/docs/en/about-claude/models/overview',
          checkedAt: '2026-12-05',
          status: 'active',
        },
      },
    },
  },
});

/** A PNG header for 3000×2000 followed by pseudo-random bytes: 1.5 MB, 2 MB as base64. */
function imageBase64(): string {
  const bytes = new Uint8Array(1_500_000);
  const header = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
  bytes.set(header);
  bytes.set([0, 0, 0x0b, 0xb8, 0, 0, 0x07, 0xd0, 8, 6, 0, 0, 0], 16);
  let x = 0x12345678;
  for (let i = 29; i < bytes.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function bodyGroup(): BenchGroup {
  const body = {
    model: 'claude-bench',
    max_tokens: 4096,
    system: 'You are a careful radiology assistant.',
    messages: [
      {
        role: 'user',
        content: [
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: imageBase64() } },
          { type: 'text', text: 'Describe the findings in this scan.' },
        ],
      },
    ],
  };
  const text = JSON.stringify(body);
  const bytes = text.length;
  return {
    title: `preflightBody on a ${(bytes / 1e6).toFixed(1)} MB Anthropic request with one image`,
    note: 'Goal: under 1 ms per call. The image header is read from the base64 without decoding it; the byte size comes from one scan of the serialised body (or from the caller). The reference rows are costs a caller pays anyway: parsing the body text, and serialising the object to send it.',
    cases: [
      {
        name: 'preflightBody (parsed body)',
        run: () => preflightBody('anthropic', 'messages', body, policy),
      },
      {
        name: 'preflightBody (parsed body, bodyBytes given)',
        run: () => preflightBody('anthropic', 'messages', body, policy, { bodyBytes: bytes }),
      },
      { name: 'preflightBody (JSON text)', run: () => preflightBody('anthropic', 'messages', text, policy) },
      { name: 'reference: JSON.parse of the body text', run: () => JSON.parse(text) as unknown },
      { name: 'reference: JSON.stringify of the body', run: () => JSON.stringify(body) },
    ],
  };
}
