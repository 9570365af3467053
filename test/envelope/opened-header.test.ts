import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EnvelopeError,
  generateKeyring,
  inspect,
  openStream,
  sealSync,
  type Keyring,
  type OpenedHeader,
  type OpenStreamOptions,
} from '../../src/envelope/index.js';
import { createTrustStore, generateSigningKeyPair, type SigningKeyPair } from '../../src/sign/index.js';
import { codeOf, patterned, seededRandom, streamOf } from './helpers.js';

const random = seededRandom('opened-header');
const signers: readonly SigningKeyPair[] = (['ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87'] as const).map(
  (algorithm) => generateSigningKeyPair({ algorithm, seed: random(32) }),
);
const trust = createTrustStore(signers.map((pair) => pair.publicKey));

/** What happened, in order, while a stream opened `envelope`: each `onHeader` call and each plaintext chunk. */
interface Opening {
  readonly events: readonly ('header' | 'plaintext')[];
  readonly headers: readonly OpenedHeader[];
  /** The error code the stream ended with, or `ok`. */
  readonly outcome: string;
}

async function openWatched(
  envelope: Uint8Array,
  keyring: Keyring,
  options: Omit<OpenStreamOptions, 'onHeader'>,
): Promise<Opening> {
  const events: ('header' | 'plaintext')[] = [];
  const headers: OpenedHeader[] = [];
  const stream = openStream(keyring, {
    ...options,
    onHeader: (header) => {
      events.push('header');
      headers.push(header);
    },
  });
  const sink = new WritableStream<Uint8Array>({
    write: () => {
      events.push('plaintext');
    },
  });
  let outcome = 'ok';
  try {
    await streamOf(envelope, [333]).pipeThrough(stream).pipeTo(sink);
  } catch (error) {
    outcome = error instanceof EnvelopeError ? error.code : String(error);
  }
  return { events, headers, outcome };
}

/** A sealed message and what it was sealed with. */
const sealedCase = fc
  .record({
    seed: fc.string({ maxLength: 8 }),
    layers: fc.integer({ min: 1, max: 4 }),
    signer: fc.option(fc.constantFrom(...signers), { nil: undefined }),
    chunkSize: fc.constantFrom(4096, 5000, 65536),
    contentType: fc.stringMatching(/^[\x20-\x7e]{0,20}$/),
    length: fc.integer({ min: 0, max: 10_000 }),
  })
  .map(({ seed, layers, signer, chunkSize, contentType, length }) => {
    const keyring = generateKeyring({ layers, random: seededRandom(`keyring ${seed}`) });
    const envelope = sealSync(patterned(length), keyring, {
      chunkSize,
      contentType,
      random: seededRandom(`message ${seed}`),
      ...(signer === undefined ? {} : { signer: signer.secretKey }),
    });
    return { keyring, envelope, signed: signer !== undefined };
  });

describe('item 1: openStream reports the header it authenticated (onHeader)', () => {
  it('item 1: onHeader fires once, before any plaintext, with the facts inspect reads from the same bytes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(sealedCase, fc.boolean(), async ({ keyring, envelope, signed }, checked) => {
        const options = checked ? (signed ? { trust } : {}) : { ignoreSignature: true };
        const { events, headers, outcome } = await openWatched(envelope, keyring, options);
        expect(outcome).toBe('ok');
        expect(events[0]).toBe('header');
        expect(events.filter((event) => event === 'header')).toHaveLength(1);
        const info = inspect(envelope);
        const expected: OpenedHeader = {
          version: info.version,
          contentType: info.contentType,
          chunkSize: info.chunkSize,
          ...(info.signer === undefined
            ? {}
            : { signer: { algorithm: info.signer.algorithm, keyId: info.signer.keyId } }),
          signatureChecked: signed && checked,
        };
        expect(headers).toEqual([expected]);
      }),
      { numRuns: 25 },
    );
  });

  it('item 1: onHeader never fires for a header that fails (any changed header byte, another keyring, a refused signer)', async () => {
    await fc.assert(
      fc.asyncProperty(sealedCase, fc.nat(), fc.integer({ min: 1, max: 255 }), async (sealed, at, flip) => {
        const { keyring, envelope, signed } = sealed;
        const options = signed ? { trust } : {};
        const tampered = envelope.slice();
        const offset = at % inspect(envelope).headerBytes;
        tampered[offset] = (tampered[offset] ?? 0) ^ flip;
        const changed = await openWatched(tampered, keyring, options);
        expect(changed.outcome).not.toBe('ok');
        expect(changed.events).toEqual([]);
        const truncated = await openWatched(envelope.subarray(0, offset), keyring, options);
        expect(truncated.outcome).toBe('ERR_ENVELOPE_TRUNCATED');
        expect(truncated.events).toEqual([]);
        const stranger = await openWatched(envelope, generateKeyring({ random }), options);
        expect(stranger.outcome).toBe('ERR_ENVELOPE_NO_MATCHING_STANZA');
        expect(stranger.events).toEqual([]);
        const policy = await openWatched(envelope, keyring, signed ? {} : { trust });
        expect(policy.outcome).toBe(signed ? 'ERR_ENVELOPE_TRUST_REQUIRED' : 'ERR_ENVELOPE_UNSIGNED');
        expect(policy.events).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  it('item 1: a signer outside the trust store, or a bad signature, gets no report or an unverified one', async () => {
    const keyring = generateKeyring({ random });
    const [small, , big] = signers;
    if (small === undefined || big === undefined) throw new Error('no signers');
    const envelope = sealSync(patterned(100), keyring, { signer: big.secretKey, random });
    const untrusted = await openWatched(envelope, keyring, { trust: createTrustStore([small.publicKey]) });
    expect(untrusted.outcome).toBe('ERR_ENVELOPE_SIGNER_UNTRUSTED');
    expect(untrusted.events).toEqual([]);
    // The header authenticates, so it is reported; the footer fails at the end, and so does the stream.
    const forged = envelope.slice();
    forged[forged.length - 1] = (forged[forged.length - 1] ?? 0) ^ 1;
    const bad = await openWatched(forged, keyring, { trust });
    expect(bad.outcome).toBe('ERR_ENVELOPE_SIGNATURE');
    expect(bad.headers).toEqual([
      {
        version: 2,
        contentType: '',
        chunkSize: 65536,
        signer: { algorithm: big.publicKey.algorithm, keyId: big.publicKey.keyId },
        signatureChecked: true,
      },
    ]);
  });

  it('item 1: an onHeader that is not a function is ERR_INVALID_ARGUMENT', async () => {
    const options = { onHeader: 'log' } as unknown as OpenStreamOptions;
    expect(await codeOf(() => openStream(generateKeyring({ random }), options))).toBe('ERR_INVALID_ARGUMENT');
  });

  it('a check in onHeader, thrown or rejected after a wait, errors the stream before any plaintext', async () => {
    const keyring = generateKeyring({ random });
    const envelope = sealSync(patterned(200_000), keyring, { contentType: 'text/plain', random });
    const refusal = new Error('content type refused');
    const checks: readonly NonNullable<OpenStreamOptions['onHeader']>[] = [
      () => {
        throw refusal;
      },
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        throw refusal;
      },
    ];
    for (const onHeader of checks) {
      let plaintext = 0;
      const opened = streamOf(envelope, [333])
        .pipeThrough(openStream(keyring, { onHeader }))
        .pipeTo(
          new WritableStream({
            write: () => {
              plaintext++;
            },
          }),
        );
      await expect(opened).rejects.toBe(refusal);
      expect(plaintext).toBe(0);
    }
    let waited = false;
    const slow = async (): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      waited = true;
    };
    let seenBeforeWait = 0;
    await streamOf(envelope, [333])
      .pipeThrough(openStream(keyring, { onHeader: slow }))
      .pipeTo(
        new WritableStream({
          write: () => {
            if (!waited) seenBeforeWait++;
          },
        }),
      );
    expect(seenBeforeWait).toBe(0);
  });

  it('an unknown backend errors the stream without reporting the header', async () => {
    const keyring = generateKeyring({ random });
    const envelope = sealSync(patterned(100), keyring, { random });
    const options = { backend: 'bogus' } as unknown as Omit<OpenStreamOptions, 'onHeader'>;
    const opening = await openWatched(envelope, keyring, options);
    expect(opening).toEqual({ events: [], headers: [], outcome: 'ERR_INVALID_ARGUMENT' });
  });
});
