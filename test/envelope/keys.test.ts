import { describe, expect, it } from 'vitest';
import {
  armor,
  createKeyring,
  dearmor,
  exportKeyring,
  exportLayerKey,
  exportLayerKeyJwk,
  generateKeyring,
  generateLayerKey,
  generateRecipientKeyPair,
  importKeyring,
  importLayerKey,
  importLayerKeyJwk,
  open,
  recipientPublicKey,
  sealingLayer,
  sealSync,
  symmetricLayerKey,
  type LayerKeyJwk,
} from '../../src/envelope/index.js';
import { codeOf, patterned, seededRandom, syncCodeOf } from './helpers.js';

const random = seededRandom('keys');

describe('layer keys', () => {
  it('generates 64-byte layer keys with 16-hex-digit key ids that are not the key', () => {
    const layer = generateLayerKey({ random });
    expect(layer.key).toHaveLength(64);
    expect(layer.kid).toMatch(/^[0-9a-f]{16}$/);
    expect(symmetricLayerKey(layer.key).kid).toBe(layer.kid);
    expect(generateLayerKey({ random }).kid).not.toBe(layer.kid);
  });

  it('round-trips every kind through text and JSON, secret and public', () => {
    const layers = [
      generateLayerKey({ random }),
      generateRecipientKeyPair({ random }),
      generateRecipientKeyPair({ kem: 'x-wing', random }),
    ];
    for (const layer of layers) {
      expect(importLayerKey(exportLayerKey(layer))).toEqual(layer);
      expect(importLayerKeyJwk(JSON.parse(JSON.stringify(exportLayerKeyJwk(layer))) as LayerKeyJwk)).toEqual(
        layer,
      );
      if (layer.kind !== 'aes-siv') {
        const pub = importLayerKey(exportLayerKey(layer, { public: true }));
        expect(pub).toEqual(recipientPublicKey(layer.kind, layer.publicKey));
        expect('secretKey' in pub).toBe(false);
        expect(importLayerKeyJwk(exportLayerKeyJwk(layer, { public: true }))).toEqual(pub);
      }
    }
    expect(exportLayerKey(layers[0] ?? generateLayerKey())).toMatch(
      /^mamlkit-key-1:aes-siv:secret:[0-9a-f]{16}:[\w-]{86}$/,
    );
  });

  it('rejects mistyped, corrupted and malformed keys', () => {
    const text = exportLayerKey(generateLayerKey({ random }));
    const parts = text.split(':');
    const material = parts[4] ?? '';
    const corrupted = [...parts.slice(0, 4), `${material[0] === 'A' ? 'B' : 'A'}${material.slice(1)}`].join(
      ':',
    );
    expect(syncCodeOf(() => importLayerKey(corrupted))).toBe('ERR_ENVELOPE_KEY_INVALID');
    expect(syncCodeOf(() => importLayerKey(text.replace('secret', 'public')))).toBe(
      'ERR_ENVELOPE_KEY_INVALID',
    );
    expect(syncCodeOf(() => importLayerKey(text.replace('aes-siv', 'rsa')))).toBe('ERR_ENVELOPE_KEY_INVALID');
    expect(syncCodeOf(() => importLayerKey(`${text}=`))).toBe('ERR_ENVELOPE_KEY_INVALID');
    expect(syncCodeOf(() => importLayerKey(text.slice(0, -2)))).toBe('ERR_ENVELOPE_KEY_INVALID');
    expect(syncCodeOf(() => importLayerKey('hello'))).toBe('ERR_ENVELOPE_KEY_INVALID');
    expect(syncCodeOf(() => importLayerKey('x'.repeat(70_000)))).toBe('ERR_LIMIT_EXCEEDED');
    expect(syncCodeOf(() => symmetricLayerKey(new Uint8Array(32)))).toBe('ERR_ENVELOPE_KEY_INVALID');
    expect(syncCodeOf(() => recipientPublicKey('x-wing', new Uint8Array(10)))).toBe(
      'ERR_ENVELOPE_KEY_INVALID',
    );
    const pair = generateRecipientKeyPair({ kem: 'x-wing', random });
    const other = generateRecipientKeyPair({ kem: 'x-wing', random });
    const jwk = { ...exportLayerKeyJwk(pair), pub: exportLayerKeyJwk(other).pub };
    expect(syncCodeOf(() => importLayerKeyJwk(jwk as LayerKeyJwk))).toBe('ERR_ENVELOPE_KEY_INVALID');
    expect(syncCodeOf(() => importLayerKeyJwk({ kty: 'oct' } as unknown as LayerKeyJwk))).toBe(
      'ERR_ENVELOPE_KEY_INVALID',
    );
  });
});

describe('KEM keys the KEM rejects', () => {
  it('are ERR_ENVELOPE_KEY_INVALID at import, at sealing and at opening', async () => {
    for (const kem of ['ml-kem-1024', 'x-wing'] as const) {
      const pair = generateRecipientKeyPair({ kem, random });
      const badPublic = new Uint8Array(pair.publicKey.length).fill(0xff);
      expect(syncCodeOf(() => recipientPublicKey(kem, badPublic))).toBe('ERR_ENVELOPE_KEY_INVALID');
      const handMade = { ...sealingLayer(pair), publicKey: badPublic };
      expect(syncCodeOf(() => sealSync('x', { layers: [handMade] }))).toBe('ERR_ENVELOPE_KEY_INVALID');
      const envelope = sealSync('x', { layers: [pair] });
      const truncatedSecret = { ...pair, secretKey: pair.secretKey.subarray(1) };
      expect(await codeOf(() => open(envelope, { layers: [truncatedSecret] }))).toBe(
        'ERR_ENVELOPE_KEY_INVALID',
      );
    }
  });
});

describe('keyrings', () => {
  it('exports and imports a keyring as text, in order, with comments', async () => {
    const keyring = createKeyring([
      generateLayerKey({ random }),
      generateRecipientKeyPair({ kem: 'x-wing', random }),
    ]);
    const text = `# layer keys of the imaging archive\n${exportKeyring(keyring)}\n`;
    const imported = importKeyring(text.replace(/\n/g, '\r\n'));
    expect(imported).toEqual(keyring);
    expect(await open(sealSync('ok', keyring), imported)).toEqual(new TextEncoder().encode('ok'));
  });

  it('checks layer counts and shapes', async () => {
    expect(syncCodeOf(() => importKeyring('# nothing\n'))).toBe('ERR_ENVELOPE_KEY_INVALID');
    expect(syncCodeOf(() => generateKeyring({ layers: 0 }))).toBe('ERR_ENVELOPE_KEY_INVALID');
    expect(generateKeyring({ layers: 8 }).layers).toHaveLength(8);
    const layer = generateLayerKey({ random });
    expect(await codeOf(() => Promise.resolve(createKeyring([{ ...layer, kid: 'zz' }])))).toBe(
      'ERR_ENVELOPE_KEY_INVALID',
    );
    expect(syncCodeOf(() => createKeyring([{ ...layer, key: new Uint8Array(63) }]))).toBe(
      'ERR_ENVELOPE_KEY_INVALID',
    );
    expect(syncCodeOf(() => createKeyring([{ ...layer, kind: 'rsa' } as never]))).toBe(
      'ERR_ENVELOPE_KEY_INVALID',
    );
  });
});

describe('armor', () => {
  const envelope = sealSync(patterned(700), generateKeyring({ layers: 2, random }), { random });
  const text = armor(envelope);

  it('round-trips with 64-character lines, inside surrounding whitespace and CRLF', () => {
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('-----BEGIN MAMLKIT ENVELOPE-----');
    expect(lines.slice(1, -2).every((line) => line.length === 64)).toBe(true);
    expect(dearmor(text)).toEqual(envelope);
    expect(dearmor(`\n  ${text.replace(/\n/g, '\r\n')}  \n`)).toEqual(envelope);
    expect((JSON.parse(JSON.stringify({ text })) as { text: string }).text).toBe(text);
  });

  it('rejects garbage, bad lines and non-canonical base64', () => {
    const lines = text.trimEnd().split('\n');
    const body = lines.slice(1, -1);
    const last = body[body.length - 1] ?? '';
    const bad = [
      'hello',
      text.replace('BEGIN', 'BEGON'),
      lines.slice(0, -1).join('\n'),
      [lines[0], `${body[0] ?? ''}A`, ...body.slice(1), lines[lines.length - 1]].join('\n'),
      [lines[0], ...body.slice(0, -1), `${last.slice(0, -1)}!`, lines[lines.length - 1]].join('\n'),
      [lines[0], ...body, '', lines[lines.length - 1]].join('\n'),
      `${lines[0]}\n${lines[lines.length - 1]}`,
      ['-----BEGIN MAMLKIT ENVELOPE-----', 'AB==', '-----END MAMLKIT ENVELOPE-----'].join('\n'),
      ['-----BEGIN MAMLKIT ENVELOPE-----', 'AAA', '-----END MAMLKIT ENVELOPE-----'].join('\n'),
    ];
    for (const input of bad) expect(syncCodeOf(() => dearmor(input))).toBe('ERR_ENVELOPE_ARMOR');
    expect(syncCodeOf(() => dearmor(42 as unknown as string))).toBe('ERR_INVALID_ARGUMENT');
  });
});
