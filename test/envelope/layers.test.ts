import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  armor,
  createKeyring,
  EnvelopeError,
  ENVELOPE_LIMITS,
  exportKeyring,
  exportLayerKey,
  exportLayerKeyJwk,
  externalLayer,
  generateLayerKey,
  generateRecipientKeyPair,
  importKeyring,
  importLayerKey,
  importLayerKeyJwk,
  inspect,
  LAYER_KINDS,
  layerPlaceholder,
  open,
  openSync,
  passphraseLayer,
  protectKeyring,
  rewrap,
  seal,
  sealingLayer,
  sealSync,
  sealStream,
  openStream,
  unprotectKeyring,
  type KeyImportOptions,
  type LayerKey,
  type LayerKind,
} from '../../src/envelope/index.js';
import { codeOf, collect, padExternal, seededRandom, streamOf, syncCodeOf } from './helpers.js';

const random = seededRandom('layers');
/** A cheap work factor: the tests are about behaviour, not cost. */
const LOW = ENVELOPE_LIMITS.minWorkFactor;

/** Two distinct layers of every registered kind (a Record over LayerKind: a new kind must add its samples). */
const samples: Record<LayerKind, readonly [LayerKey, LayerKey]> = {
  'aes-siv': [generateLayerKey({ random }), generateLayerKey({ random })],
  'ml-kem-1024': [generateRecipientKeyPair({ random }), generateRecipientKeyPair({ random })],
  'x-wing': [
    generateRecipientKeyPair({ random, kem: 'x-wing' }),
    generateRecipientKeyPair({ random, kem: 'x-wing' }),
  ],
  passphrase: [
    passphraseLayer('first custodian', { workFactor: LOW }),
    passphraseLayer('second one', { workFactor: LOW }),
  ],
  external: [padExternal('kms:key-1'), padExternal('kms:key-2')],
};

/** Import options that give back what the samples hold. */
function importOptions(layer: LayerKey): KeyImportOptions {
  return {
    ...(layer.kind === 'passphrase' ? { passphrase: layer.passphrase } : {}),
    resolveExternal: ({ name }) => padExternal(name),
  };
}

/** The fields that define a layer (functions compared by presence). */
function fieldsOf(layer: LayerKey): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(layer).map(([key, value]) => [key, typeof value === 'function' ? 'function' : value]),
  );
}

const all = LAYER_KINDS.flatMap((descriptor) => samples[descriptor.kind]);

describe('layers as one interface: the kind table', () => {
  it('layers as one interface: the table has one descriptor per kind with distinct names and ids 1 to 5', () => {
    expect(LAYER_KINDS.map((d) => [d.kind, d.id])).toEqual([
      ['aes-siv', 1],
      ['ml-kem-1024', 2],
      ['x-wing', 3],
      ['passphrase', 4],
      ['external', 5],
    ]);
    expect(Object.keys(samples).sort()).toEqual(LAYER_KINDS.map((d) => d.kind).sort());
  });

  it('layers as one interface: every registered kind round-trips through text and JWK, secret and public', () => {
    for (const layer of all) {
      for (const publicOnly of [false, true]) {
        const expected = fieldsOf(publicOnly ? sealingLayer(layer) : layer);
        const text = exportLayerKey(layer, { public: publicOnly });
        expect(fieldsOf(importLayerKey(text, importOptions(layer)))).toEqual(expected);
        const jwk = exportLayerKeyJwk(layer, { public: publicOnly });
        expect(jwk.alg).toBe(layer.kind);
        expect(
          fieldsOf(importLayerKeyJwk(JSON.parse(JSON.stringify(jwk)) as typeof jwk, importOptions(layer))),
        ).toEqual(expected);
      }
    }
  });

  it('layers as one interface: every registered kind seals and opens, alone and with the others', async () => {
    for (const layer of all) {
      const keyring = createKeyring([layer]);
      const envelope = await seal('one kind', keyring, { random });
      expect(new TextDecoder().decode(await open(envelope, keyring))).toBe('one kind');
    }
    const mixed = createKeyring(LAYER_KINDS.map((d) => samples[d.kind][0]));
    const envelope = await seal('every kind', mixed);
    expect(new TextDecoder().decode(await open(envelope, mixed))).toBe('every kind');
    expect(inspect(envelope).stanzas[0]?.layers.map((l) => l.kind)).toEqual(LAYER_KINDS.map((d) => d.kind));
  });

  it('layers as one interface: a passphrase is never written by export; its text form is a placeholder', () => {
    const layer = samples.passphrase[0];
    // The placeholder carries the sealing work factor (10 here), never the passphrase.
    expect(exportLayerKey(layer)).toBe('mamlkit-key-1:passphrase:ask:0000000000000000:Cg');
    expect(layerPlaceholder('passphrase')).toBe('mamlkit-key-1:passphrase:ask:0000000000000000:');
    expect(JSON.stringify(exportLayerKeyJwk(layer))).not.toContain('custodian');
    expect(syncCodeOf(() => importLayerKey(exportLayerKey(layer)))).toBe('ERR_ENVELOPE_KEY_INVALID');
    // A member of another kind is refused, not ignored.
    const aes = exportLayerKeyJwk(samples['aes-siv'][0]);
    expect(syncCodeOf(() => importLayerKeyJwk({ ...aes, pub: aes.k ?? '' }))).toBe(
      'ERR_ENVELOPE_KEY_INVALID',
    );
    const external = samples.external[0];
    expect(syncCodeOf(() => importLayerKey(exportLayerKey(external)))).toBe('ERR_ENVELOPE_KEY_INVALID');
  });
});

describe('hand-built keyrings are checked for every kind', () => {
  it('hand-built keyrings: a repeated layer or a changed key id is refused, whatever the kinds (property over the table)', () => {
    const indexes = fc.uniqueArray(fc.integer({ min: 0, max: all.length - 1 }), {
      minLength: 1,
      maxLength: 6,
    });
    fc.assert(
      fc.property(indexes, fc.nat(), fc.nat(), fc.boolean(), (picked, at, from, changeKid) => {
        const layers = picked.map((i) => all[i] as LayerKey);
        expect(() => createKeyring(layers)).not.toThrow();
        const source = layers[from % layers.length] as LayerKey;
        const broken = [...layers];
        if (changeKid) {
          const kid =
            (parseInt(source.kid.slice(0, 2), 16) ^ 1).toString(16).padStart(2, '0') + source.kid.slice(2);
          broken[from % layers.length] = { ...source, kid };
        } else {
          broken.splice(at % (layers.length + 1), 0, { ...source });
        }
        const error = syncCodeOf(() => createKeyring(broken));
        expect(error).toBe('ERR_ENVELOPE_KEY_INVALID');
        expect(() => sealSync('x', { layers: broken })).toThrow(
          changeKid ? /key id does not match/ : /same key/,
        );
      }),
    );
  });

  it('hand-built keyrings: the same passphrase twice, or one KMS key in two layers, is one key', () => {
    const twice = [passphraseLayer('same', { workFactor: LOW }), passphraseLayer('same', { workFactor: 12 })];
    expect(() => createKeyring(twice)).toThrow(/layers 1 and 2 hold the same key/);
    // NFC: "é" composed and decomposed are one passphrase.
    expect(() => createKeyring([passphraseLayer('caf\u00e9'), passphraseLayer('cafe\u0301')])).toThrow(
      /same key/,
    );
    expect(() => createKeyring([padExternal('kms:a'), padExternal('kms:a')])).toThrow(/same key/);
  });
});

describe('passphrase layer (kind 4)', () => {
  const layer = passphraseLayer('correct horse battery staple', { workFactor: LOW });

  it('passphrase layer: opens with the passphrase (NFC-normalised) and fails closed with another', () => {
    const composed = passphraseLayer('caf\u00e9', { workFactor: LOW });
    const envelope = sealSync('secret', { layers: [composed] });
    expect(new TextDecoder().decode(openSync(envelope, { layers: [passphraseLayer('cafe\u0301')] }))).toBe(
      'secret',
    );
    expect(syncCodeOf(() => openSync(envelope, { layers: [passphraseLayer('cafe')] }))).toBe(
      'ERR_ENVELOPE_AUTH',
    );
  });

  it('passphrase layer: an empty passphrase or a work factor outside 10 to 20 is refused', () => {
    expect(syncCodeOf(() => passphraseLayer(''))).toBe('ERR_ENVELOPE_KEY_INVALID');
    expect(syncCodeOf(() => passphraseLayer('x', { workFactor: 9 }))).toBe('ERR_ENVELOPE_KEY_INVALID');
    expect(syncCodeOf(() => passphraseLayer('x', { workFactor: 21 }))).toBe('ERR_ENVELOPE_KEY_INVALID');
    expect(
      syncCodeOf(() =>
        sealSync('x', { layers: [{ kind: 'passphrase', kid: '0000000000000000', passphrase: '' }] }),
      ),
    ).toBe('ERR_ENVELOPE_KEY_INVALID');
  });

  it('passphrase layer: the encapsulation is the work factor and a 16-byte salt drawn from the random source', () => {
    const draws: number[] = [];
    const envelope = sealSync(
      'x',
      { layers: [layer] },
      { random: (n) => (draws.push(n), new Uint8Array(n).fill(7)) },
    );
    expect(draws).toEqual([32, 32, 16]);
    const header = inspect(envelope);
    expect(header.version).toBe(2);
    expect(header.stanzas[0]?.layers).toEqual([{ kind: 'passphrase', kid: '0000000000000000' }]);
  });

  it('passphrase layer: a work factor above the bound is ERR_LIMIT_EXCEEDED before any key work', async () => {
    const seen: Uint8Array[] = [];
    const outer = padExternal('kms:outer', seen);
    const keyring = createKeyring([layer, outer]);
    const envelope = await seal('x', keyring);
    seen.length = 0;
    // The outer external layer would be unwrapped first: it is never asked.
    expect(await codeOf(() => open(envelope, keyring, { maxWorkFactor: LOW - 1 }))).toBe(
      'ERR_LIMIT_EXCEEDED',
    );
    expect(seen).toHaveLength(0);
    // A header that claims work factor 31 (2^31 scrypt) is refused at once, at the default bound.
    const edited = Uint8Array.from(envelope);
    const offset = findWorkFactor(edited);
    expect(edited[offset]).toBe(LOW);
    edited[offset] = 31;
    expect(await codeOf(() => open(edited, keyring))).toBe('ERR_LIMIT_EXCEEDED');
    expect(seen).toHaveLength(0);
    expect(await codeOf(() => open(envelope, keyring, { maxWorkFactor: 21 }))).toBe('ERR_INVALID_ARGUMENT');
  });

  it('passphrase layer: kinds 4 and 5 make a version 2 envelope; kinds 1 to 3 still make version 1', async () => {
    expect(inspect(sealSync('x', { layers: [samples['aes-siv'][0]] })).version).toBe(1);
    expect(inspect(sealSync('x', { layers: [layer] })).version).toBe(2);
    expect(inspect(await seal('x', { layers: [samples.external[0]] })).version).toBe(2);
    // A version 1 header carrying kind 4 is not a version 1 envelope.
    const v2 = sealSync('x', { layers: [layer] });
    const asV1 = Uint8Array.from(v2);
    asV1[4] = 1;
    expect(syncCodeOf(() => inspect(asV1))).toBe('ERR_ENVELOPE_FORMAT');
    // And rewrap cannot add a kind-4 stanza to a version 1 envelope.
    const v1 = sealSync('x', { layers: [samples['aes-siv'][0]] });
    expect(
      syncCodeOf(() => rewrap(v1, { open: { layers: [samples['aes-siv'][0]] }, add: [{ layers: [layer] }] })),
    ).toBe('ERR_INVALID_ARGUMENT');
  });
});

/** Offset of the first passphrase layer's work factor byte in a one-stanza envelope. */
function findWorkFactor(envelope: Uint8Array): number {
  const typeLength = envelope[46] ?? 0;
  // stanza count, layer count, then the first layer: kind, key id (8), length (2), encapsulation.
  return 47 + typeLength + 1 + 1 + 1 + 8 + 2;
}

describe('external layer (kind 5)', () => {
  it('external layer: the callbacks get the layer key and a context of label, kind, key id and params', async () => {
    const seen: Uint8Array[] = [];
    const layer = padExternal('kms:context', seen);
    const envelope = await seal('x', { layers: [layer] }, { contentType: 'text/plain' });
    await open(envelope, { layers: [layer] });
    expect(seen).toHaveLength(2);
    const [wrapped, unwrapped] = seen as [Uint8Array, Uint8Array];
    expect(unwrapped).toEqual(wrapped);
    const label = new TextEncoder().encode('mamlkit-envelope/v2 external');
    expect(wrapped.subarray(0, label.length)).toEqual(label);
    expect(wrapped[label.length]).toBe(5);
    expect(Buffer.from(wrapped.subarray(label.length + 1, label.length + 9)).toString('hex')).toBe(layer.kid);
    // The params: version 2, suite 1, chunk size, nonce, content type.
    expect([...wrapped.subarray(label.length + 9, label.length + 11)]).toEqual([2, 1]);
    expect(new TextDecoder().decode(wrapped.subarray(wrapped.length - 10))).toBe('text/plain');
  });

  it('external layer: a throwing or garbage callback is a typed error that keeps the cause', async () => {
    const boom = new Error('KMS unavailable');
    const failing = (wrap: () => Promise<Uint8Array>, unwrap: () => Promise<Uint8Array>) =>
      externalLayer({ name: 'kms:failing', wrap, unwrap });
    const good = padExternal('kms:failing');
    const sealError = await seal('x', {
      layers: [
        failing(
          () => Promise.reject(boom),
          () => Promise.reject(boom),
        ),
      ],
    }).catch((e: unknown) => e);
    expect((sealError as EnvelopeError).code).toBe('ERR_ENVELOPE_EXTERNAL');
    expect((sealError as EnvelopeError).cause).toBe(boom);
    for (const bad of [
      new Uint8Array(0),
      new Uint8Array(ENVELOPE_LIMITS.maxExternalEncapsulationBytes + 1),
    ]) {
      const layer = failing(
        () => Promise.resolve(bad),
        () => Promise.reject(boom),
      );
      expect(await codeOf(() => seal('x', { layers: [layer] }))).toBe('ERR_ENVELOPE_EXTERNAL');
    }
    const envelope = await seal('x', { layers: [good] });
    const openError = await open(envelope, {
      layers: [
        failing(
          () => Promise.reject(boom),
          () => Promise.reject(boom),
        ),
      ],
    }).catch((e: unknown) => e);
    expect((openError as EnvelopeError).code).toBe('ERR_ENVELOPE_AUTH');
    expect((openError as EnvelopeError).cause).toBe(boom);
    const short = failing(
      () => Promise.reject(boom),
      () => Promise.resolve(new Uint8Array(63)),
    );
    expect(await codeOf(() => open(envelope, { layers: [short] }))).toBe('ERR_ENVELOPE_AUTH');
    const wrong = failing(
      () => Promise.reject(boom),
      () => Promise.resolve(new Uint8Array(64)),
    );
    expect(await codeOf(() => open(envelope, { layers: [wrong] }))).toBe('ERR_ENVELOPE_AUTH');
  });

  it('external layer: the synchronous paths refuse it with ERR_INVALID_ARGUMENT and never call it', async () => {
    const seen: Uint8Array[] = [];
    const layer = padExternal('kms:sync', seen);
    expect(syncCodeOf(() => sealSync('x', { layers: [layer] }))).toBe('ERR_INVALID_ARGUMENT');
    const envelope = await seal('x', { layers: [layer] });
    seen.length = 0;
    expect(syncCodeOf(() => openSync(envelope, { layers: [layer] }))).toBe('ERR_INVALID_ARGUMENT');
    expect(
      syncCodeOf(() =>
        rewrap(envelope, { open: { layers: [layer] }, add: [{ layers: [samples.passphrase[0]] }] }),
      ),
    ).toBe('ERR_INVALID_ARGUMENT');
    expect(seen).toHaveLength(0);
  });

  it('external layer: streams seal and open it, byte for byte as seal does', async () => {
    const keyring = createKeyring([samples['aes-siv'][0], samples.external[0]]);
    const plaintext = new Uint8Array(10_000).fill(3);
    const draws = (seed: string) => seededRandom(seed);
    const whole = await seal(plaintext, keyring, { random: draws('s'), chunkSize: 4096 });
    const streamed = await collect(
      streamOf(plaintext, [777]).pipeThrough(sealStream(keyring, { random: draws('s'), chunkSize: 4096 })),
    );
    expect(streamed).toEqual(whole);
    expect(await collect(streamOf(whole, [1000]).pipeThrough(openStream(keyring)))).toEqual(plaintext);
  });
});

describe('custody: protected secret key files', () => {
  it('custody: protectKeyring and unprotectKeyring round-trip keyring text under a passphrase', () => {
    const text = exportKeyring(createKeyring([samples['aes-siv'][0], samples['ml-kem-1024'][0]]));
    const file = protectKeyring(text, 'custodian passphrase', { workFactor: LOW });
    expect(file).toMatch(/^-----BEGIN MAMLKIT ENVELOPE-----/);
    expect(file).not.toContain(text.slice(30, 60));
    expect(unprotectKeyring(file, 'custodian passphrase')).toBe(text);
    expect(importKeyring(unprotectKeyring(file, 'custodian passphrase')).layers).toHaveLength(2);
    expect(syncCodeOf(() => unprotectKeyring(file, 'wrong'))).toBe('ERR_ENVELOPE_AUTH');
    expect(syncCodeOf(() => unprotectKeyring(file, 'custodian passphrase', { maxWorkFactor: LOW - 1 }))).toBe(
      'ERR_LIMIT_EXCEEDED',
    );
    const notAKeyring = sealSync(
      'x',
      { layers: [passphraseLayer('p', { workFactor: LOW })] },
      { contentType: 'text/plain' },
    );
    expect(syncCodeOf(() => unprotectKeyring(armor(notAKeyring), 'p'))).toBe('ERR_ENVELOPE_FORMAT');
  });
});
