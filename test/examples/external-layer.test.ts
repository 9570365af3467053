/** examples/external-layer.ts: an external layer held by a non-extractable WebCrypto key. */
import { describe, expect, it } from 'vitest';
import { bin, runCommand } from './helpers.js';

describe('external layer example', { timeout: 60_000 }, () => {
  it('external layer: seals and opens with a non-extractable WebCrypto key, and another key opens nothing', async () => {
    const output = await runCommand(bin('tsx'), ['examples/external-layer.ts']);
    expect(output.code).toBe(0);
    expect(output.stdout).toBe(
      'wrapping key extractable: false\n' +
        'layers: aes-siv, aes-siv, aes-siv, external\n' +
        'opened: pay 10 EUR to bob\n' +
        'other key: ERR_ENVELOPE_AUTH\n',
    );
  });
});
