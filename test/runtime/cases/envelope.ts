import {
  armor,
  dearmor,
  createKeyring,
  EnvelopeError,
  externalLayer,
  generateKeyring,
  generateLayerKey,
  importKeyring,
  inspect,
  open,
  openStream,
  openSync,
  openWithInfo,
  reencrypt,
  passphraseLayer,
  seal,
  sealStream,
  sealSync,
  type EnvelopeBackend,
} from 'mamlkit/envelope';
import v2File from '../../vectors/envelope/v2-layers.json' with { type: 'json' };
import {
  createTrustStore,
  generateSigningKeyPair,
  importSigningSecretJwk,
  signingPublicKey,
} from 'mamlkit/sign';
import vectorFile from '../../vectors/envelope/vectors.json' with { type: 'json' };
import signedFile from '../../vectors/envelope/signed.json' with { type: 'json' };
import { assertBytesEqual, assertEqual, captureError, type RuntimeCase } from '../harness.js';

function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function replay(draws: readonly string[]): (n: number) => Uint8Array {
  let next = 0;
  return (n) => {
    const draw = fromHex(draws[next++] ?? '');
    if (draw.length !== n) throw new Error(`unexpected random draw of ${n} bytes`);
    return draw;
  };
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(r.value);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((offset, p) => (out.set(p, offset), offset + p.length), 0);
  return out;
}

function bytesStream(bytes: Uint8Array, piece: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) controller.close();
      else controller.enqueue(bytes.slice(offset, (offset += piece)));
    },
  });
}

function errorCode(error: unknown): string {
  return error instanceof EnvelopeError ? error.code : `not an EnvelopeError: ${String(error)}`;
}

const backends: readonly EnvelopeBackend[] = ['webcrypto', 'noble'];

/** The vectors' test-only external callback: the layer key XOR a pad whose byte i is 0xa5 + 3i. */
function padExternal(name: string) {
  const xor = (bytes: Uint8Array): Uint8Array => bytes.map((byte, i) => byte ^ ((0xa5 + 3 * i) & 0xff));
  return externalLayer({
    name,
    wrap: (key) => Promise.resolve(xor(key)),
    unwrap: (encapsulation) => Promise.resolve(xor(encapsulation)),
  });
}

/** Conformance cases for `mamlkit/envelope`. */
export const cases: RuntimeCase[] = [
  ...vectorFile.vectors.flatMap((v): RuntimeCase[] => [
    {
      name: `envelope: frozen vector ${v.name} opens on both backends and re-seals identically`,
      run: async () => {
        const envelope = dearmor(v.envelope);
        const aad = v.aad === null ? new Uint8Array(0) : fromHex(v.aad);
        const plaintext = fromHex(v.plaintext);
        const keyrings = v.keyrings.map((text) => importKeyring(text));
        for (const keyring of keyrings) {
          for (const backend of backends) {
            assertBytesEqual(await open(envelope, keyring, { aad, backend }), plaintext, `${backend} open`);
          }
          assertBytesEqual(openSync(envelope, keyring, { aad }), plaintext, 'openSync');
        }
        for (const backend of backends) {
          const resealed = await seal(plaintext, keyrings, {
            aad,
            backend,
            random: replay(v.random),
            ...(v.chunkSize === null ? {} : { chunkSize: v.chunkSize }),
            ...(v.contentType === null ? {} : { contentType: v.contentType }),
          });
          assertEqual(armor(resealed), v.envelope, `${backend} re-seal`);
        }
      },
    },
  ]),
  ...v2File.vectors.map((v): RuntimeCase => ({
    name: `envelope: version 2 vector ${v.name} (passphrase and external layers) opens and re-seals identically`,
    run: async () => {
      const envelope = dearmor(v.envelope);
      const plaintext = fromHex(v.plaintext);
      const keyring = importKeyring(v.keyring, {
        passphrase: v.passphrase,
        resolveExternal: ({ name }) => padExternal(name),
      });
      assertEqual(inspect(envelope).version, 2, 'version');
      for (const backend of backends) {
        assertBytesEqual(await open(envelope, keyring, { backend }), plaintext, `${backend} open`);
        const resealed = await seal(plaintext, keyring, {
          backend,
          random: replay(v.random),
          ...(v.chunkSize === null ? {} : { chunkSize: v.chunkSize }),
          ...(v.contentType === null ? {} : { contentType: v.contentType }),
        });
        assertEqual(armor(resealed), v.envelope, `${backend} re-seal`);
      }
    },
  })),
  {
    name: 'envelope: passphrase and external layers fail closed with typed errors',
    run: async () => {
      const phrase = passphraseLayer('custodian four', { workFactor: 10 });
      const keyring = createKeyring([generateLayerKey(), phrase, padExternal('kms:runtime')]);
      const envelope = await seal('secret', keyring);
      assertBytesEqual(await open(envelope, keyring), new TextEncoder().encode('secret'), 'open');
      const wrong = createKeyring([
        keyring.layers[0] ?? phrase,
        passphraseLayer('custodian 4'),
        padExternal('kms:runtime'),
      ]);
      assertEqual(
        errorCode(await captureError(() => open(envelope, wrong))),
        'ERR_ENVELOPE_AUTH',
        'wrong passphrase',
      );
      assertEqual(
        errorCode(await captureError(() => open(envelope, keyring, { maxWorkFactor: 9 }))),
        'ERR_LIMIT_EXCEEDED',
        'work factor bound',
      );
      assertEqual(
        errorCode(await captureError(() => openSync(envelope, keyring))),
        'ERR_INVALID_ARGUMENT',
        'sync external',
      );
      const failing = externalLayer({
        name: 'kms:runtime',
        wrap: () => Promise.reject(new Error('down')),
        unwrap: () => Promise.reject(new Error('down')),
      });
      const broken = createKeyring([keyring.layers[0] ?? phrase, phrase, failing]);
      assertEqual(
        errorCode(await captureError(() => open(envelope, broken))),
        'ERR_ENVELOPE_AUTH',
        'unwrap fails',
      );
      assertEqual(
        errorCode(await captureError(() => seal('x', broken))),
        'ERR_ENVELOPE_EXTERNAL',
        'wrap fails',
      );
    },
  },
  ...signedFile.vectors.map((v): RuntimeCase => ({
    name: `envelope: signed vector ${v.name} opens under trust on both backends and re-seals identically`,
    run: async () => {
      const envelope = dearmor(v.envelope);
      const aad = v.aad === null ? new Uint8Array(0) : fromHex(v.aad);
      const plaintext = fromHex(v.plaintext);
      const keyrings = v.keyrings.map((text) => importKeyring(text));
      const secretKey = importSigningSecretJwk(v.signingKey);
      const trust = createTrustStore([signingPublicKey(secretKey)]);
      for (const keyring of keyrings) {
        for (const backend of backends) {
          const opened = await openWithInfo(envelope, keyring, { aad, backend, trust });
          assertBytesEqual(opened.plaintext, plaintext, `${backend} open`);
          assertEqual(opened.signer?.keyId, secretKey.keyId, `${backend} signer`);
          const streamed = await collect(
            bytesStream(envelope, 3000).pipeThrough(openStream(keyring, { aad, backend, trust })),
          );
          assertBytesEqual(streamed, plaintext, `${backend} openStream`);
        }
        assertBytesEqual(openSync(envelope, keyring, { aad, trust }), plaintext, 'openSync');
      }
      for (const backend of backends) {
        const resealed = await seal(plaintext, keyrings, {
          aad,
          backend,
          signer: secretKey,
          random: replay(v.random),
          ...(v.chunkSize === null ? {} : { chunkSize: v.chunkSize }),
          ...(v.contentType === null ? {} : { contentType: v.contentType }),
        });
        assertEqual(armor(resealed), v.envelope, `${backend} re-seal`);
      }
    },
  })),
  {
    name: 'envelope: signed seal/open fails closed, a changed signature fails, reencrypt rotates',
    run: async () => {
      const keyring = generateKeyring();
      const next = generateKeyring();
      const { secretKey, publicKey } = generateSigningKeyPair({ algorithm: 'ML-DSA-44' });
      const trust = createTrustStore([publicKey]);
      const plaintext = new Uint8Array(20_000).map((_, i) => (i * 5) & 0xff);
      for (const backend of backends) {
        const envelope = await seal(plaintext, keyring, { backend, signer: secretKey, chunkSize: 4096 });
        assertBytesEqual(await open(envelope, keyring, { backend, trust }), plaintext, `${backend} open`);
        const code = async (run: () => Promise<unknown>): Promise<string> =>
          errorCode(await captureError(run));
        assertEqual(
          await code(() => open(envelope, keyring, { backend })),
          'ERR_ENVELOPE_TRUST_REQUIRED',
          'no trust',
        );
        const unsigned = await seal(plaintext, keyring, { backend });
        assertEqual(
          await code(() => open(unsigned, keyring, { backend, trust })),
          'ERR_ENVELOPE_UNSIGNED',
          'unsigned',
        );
        const changed = envelope.slice();
        changed[envelope.length - 7] = (changed[envelope.length - 7] ?? 0) ^ 2;
        assertEqual(
          await code(() => open(changed, keyring, { backend, trust })),
          'ERR_ENVELOPE_SIGNATURE',
          'changed',
        );
        const streamed = () =>
          collect(bytesStream(changed, 5000).pipeThrough(openStream(keyring, { backend, trust })));
        assertEqual(await code(streamed), 'ERR_ENVELOPE_SIGNATURE', 'changed, streamed');
        const rotated = await reencrypt(envelope, { open: keyring, to: next, trust, backend });
        assertBytesEqual(await open(rotated, next, { backend }), plaintext, `${backend} rotated`);
        assertEqual(
          await code(() => open(rotated, keyring, { backend })),
          'ERR_ENVELOPE_NO_MATCHING_STANZA',
          'old key',
        );
      }
    },
  },
  {
    name: 'envelope: a message sealed here round-trips through seal/open and the streams, on both backends',
    run: async () => {
      const keyring = generateKeyring();
      const plaintext = new Uint8Array(150_000).map((_, i) => (i * 7) & 0xff);
      for (const backend of backends) {
        const envelope = await seal(plaintext, keyring, { backend, chunkSize: 16384 });
        assertBytesEqual(await open(envelope, keyring, { backend }), plaintext, `${backend} open`);
        const streamed = await collect(
          bytesStream(envelope, 5000).pipeThrough(openStream(keyring, { backend })),
        );
        assertBytesEqual(streamed, plaintext, `${backend} openStream`);
        const sealed = await collect(
          bytesStream(plaintext, 7000).pipeThrough(sealStream(keyring, { backend })),
        );
        assertBytesEqual(openSync(sealed, keyring), plaintext, `${backend} sealStream`);
      }
      assertEqual(inspect(sealSync(plaintext, keyring)).plaintextBytes, plaintext.length, 'inspect');
    },
  },
  {
    name: 'envelope: tampering, truncation and a missing layer fail with typed errors',
    run: async () => {
      const keyring = generateKeyring();
      const envelope = await seal('secret', keyring);
      const flipped = envelope.slice();
      flipped[envelope.length - 3] = (flipped[envelope.length - 3] ?? 0) ^ 4;
      assertEqual(
        errorCode(await captureError(() => open(flipped, keyring))),
        'ERR_ENVELOPE_TRUNCATED',
        'bit flip in the last chunk (damaged reads like cut)',
      );
      const cut = envelope.subarray(0, envelope.length - 23);
      assertEqual(
        errorCode(await captureError(() => open(cut, keyring))),
        'ERR_ENVELOPE_TRUNCATED',
        'truncated',
      );
      const three = { layers: keyring.layers.slice(0, 3) };
      assertEqual(
        errorCode(await captureError(() => open(envelope, three))),
        'ERR_ENVELOPE_NO_MATCHING_STANZA',
        'three of four layers',
      );
    },
  },
];
