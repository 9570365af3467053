import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createTrustStore,
  exportSigningJwk,
  generateSigningKeyPair,
  SIGNING_ALGORITHMS,
  signingPublicKey,
  type TrustStore,
} from '../../src/sign/index.js';
import { CliError } from '../../src/cli/errors.js';
import { parseTrustFile, readJsonFile, trustFileText } from '../../src/cli/trust-file.js';

const seed = (n: number) => new Uint8Array(32).fill(n);
const SECRETS = [1, 2, 3].map(
  (n, i) =>
    generateSigningKeyPair({ algorithm: SIGNING_ALGORITHMS[i] ?? 'ML-DSA-44', seed: seed(n) }).secretKey,
);
const KEYS = SECRETS.map((key) => signingPublicKey(key));
const KNOWN_MEMBERS = new Set([
  'type',
  'version',
  'algorithms',
  'revoked',
  'keys',
  'key',
  'notAfter',
  'label',
]);
const KNOWN_JWK = new Set(['kty', 'alg', 'pub', 'kid', 'created', 'priv']);

/** A store as comparable plain data. */
function plain(store: TrustStore): unknown {
  return {
    keys: [...store.keys.entries()].map(([id, entry]) => [id, entry.key.keyId, entry.notAfter, entry.label]),
    algorithms: store.algorithms,
    revoked: [...store.revoked].sort(),
  };
}

function parse(text: string): TrustStore {
  return parseTrustFile(readJsonFile(text, 'trust.json'), 'trust.json');
}

function code(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof CliError) return error.code;
    throw error;
  }
}

const input = fc.record({
  keys: fc.subarray(KEYS, { minLength: 1 }),
  notAfter: fc.option(fc.integer({ min: 0, max: 4_102_444_800 }), { nil: undefined }),
  algorithms: fc.option(fc.subarray([...SIGNING_ALGORITHMS], { minLength: 1 }), { nil: undefined }),
  revoked: fc.subarray(KEYS.map((key) => key.keyId)),
});

const VALID = trustFileText({ keys: KEYS, revoked: [KEYS[0]?.keyId ?? ''] }, 'trust.json');

describe('issue 19: the trust file is the library trust store as JSON, read one way', () => {
  it('issue 19 (a trust file for the CLI): what key trust writes reads back as the store createTrustStore builds', () => {
    fc.assert(
      fc.property(input, ({ keys, notAfter, algorithms, revoked }) => {
        const date = notAfter === undefined ? undefined : new Date(notAfter * 1000);
        const text = trustFileText(
          {
            keys,
            revoked,
            ...(date === undefined ? {} : { notAfter: date }),
            ...(algorithms === undefined ? {} : { algorithms }),
          },
          'trust.json',
        );
        const expected = createTrustStore(
          keys.map((key) => (date === undefined ? { key } : { key, notAfter: date })),
          { revoked, ...(algorithms === undefined ? {} : { algorithms }) },
        );
        expect(plain(parse(text))).toEqual(plain(expected));
      }),
      { numRuns: 60 },
    );
  });

  it('issue 19: an unknown member anywhere in a trust file is an error, never ignored', () => {
    const where = fc.constantFrom('file', 'entry', 'key');
    const name = fc
      .string({ minLength: 1, maxLength: 12 })
      .filter((n) => !KNOWN_MEMBERS.has(n) && !KNOWN_JWK.has(n) && n !== '__proto__');
    fc.assert(
      fc.property(where, name, fc.jsonValue(), (level, member, value) => {
        const json = JSON.parse(VALID) as { keys: { key: Record<string, unknown> }[] } & Record<
          string,
          unknown
        >;
        const entry = json.keys[0] as Record<string, unknown> & { key: Record<string, unknown> };
        const target = level === 'file' ? json : level === 'entry' ? entry : entry.key;
        target[member] = value;
        expect(code(() => parse(JSON.stringify(json)))).toBe('ERR_TRUST_FILE');
      }),
      { numRuns: 80 },
    );
  });

  it('issue 19: a member given twice is an error where JSON.parse would keep the last one', () => {
    const members = ['type', 'version', 'revoked', 'keys'];
    fc.assert(
      fc.property(fc.constantFrom(...members), fc.jsonValue(), (member, value) => {
        const json = JSON.parse(VALID) as Record<string, unknown>;
        // Prepended by slicing, not String.replace: a value such as "$'" is a replacement pattern there.
        const text = `{${JSON.stringify(member)}:${JSON.stringify(value)},${JSON.stringify(json).slice(1)}`;
        // JSON.parse takes the last value and sees a valid file; the trust file reader refuses it.
        expect(() => JSON.parse(text) as unknown).not.toThrow();
        expect(code(() => parse(text))).toBe('ERR_TRUST_FILE');
      }),
      { numRuns: 40 },
    );
  });

  it('issue 19: secret key material in a trust file is refused with its own code', () => {
    for (const secret of SECRETS) {
      const text = JSON.stringify({
        type: 'mamlkit-trust',
        version: 1,
        keys: [{ key: exportSigningJwk(secret, { includePrivate: true }) }],
      });
      expect(code(() => parse(text))).toBe('ERR_KEY_SECRET');
    }
  });

  it('issue 19: times are only the one UTC form, and name a real instant', () => {
    const json = JSON.parse(VALID) as { keys: Record<string, unknown>[] };
    for (const notAfter of [
      '2026-02-30T00:00:00Z',
      '2026-12-31',
      '2026-12-31T23:59:59+00:00',
      '2026-12-31T23:59:59.5Z',
      1,
    ]) {
      const bad = { ...json, keys: [{ ...json.keys[0], notAfter }] };
      expect(code(() => parse(JSON.stringify(bad)))).toBe('ERR_TRUST_FILE');
    }
    const good = { ...json, keys: [{ ...json.keys[0], notAfter: '2026-12-31T23:59:59Z', label: 'ci' }] };
    expect([...parse(JSON.stringify(good)).keys.values()][0]).toMatchObject({
      notAfter: '2026-12-31T23:59:59Z',
      label: 'ci',
    });
  });
});
