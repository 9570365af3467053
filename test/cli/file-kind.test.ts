import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  exportLayerKey,
  generateLayerKey,
  generateRecipientKeyPair,
  protectKeyring,
} from '../../src/envelope/index.js';
import { exportSigningJwk, generateSigningKeyPair } from '../../src/sign/index.js';
import { sniffFileKind, type FileKind } from '../../src/cli/file-kind.js';
import { INPUT_FILE } from '../../src/cli/io.js';
import { readKeyFile, type KeyFile } from '../../src/cli/key-kinds.js';
import { trustFileText } from '../../src/cli/trust-file.js';
import { ensureBuilt, expectWrongKind, mamlkit, tempDir, VALID_MAML } from './helpers.js';

beforeAll(ensureBuilt, 300_000);

const pair = generateSigningKeyPair({ algorithm: 'ML-DSA-44', seed: new Uint8Array(32).fill(7) });
const secretLines = [1, 2, 3].map(() => exportLayerKey(generateLayerKey()));
const publicLines = [1, 2].map(() =>
  exportLayerKey(generateRecipientKeyPair({ kem: 'x-wing' }), { public: true }),
);
const JSON_FILES: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  'secret-signing-key': { ...exportSigningJwk(pair.secretKey, { includePrivate: true }) },
  'public-signing-key': { ...exportSigningJwk(pair.publicKey) },
  'trust-file': JSON.parse(trustFileText({ keys: [pair.publicKey] }, 'trust.json')) as Record<
    string,
    unknown
  >,
};

/** The sniffer's kind of what readKeyFile read. */
function kindRead(file: KeyFile): FileKind {
  if (file.kind === 'trust-file') return 'trust-file';
  if (file.kind === 'signing-key') return `${file.key.type}-signing-key`;
  if (file.protected) return 'armored-envelope';
  return file.layers.some((layer) => layer.holding === 'secret') ? 'keyring' : 'public-keyring';
}

/** JSON text of an object with its members in the given order, compact or indented, after some whitespace. */
function jsonText(
  value: Readonly<Record<string, unknown>>,
  order: readonly number[],
  indent: number,
): string {
  const entries = Object.entries(value);
  const shuffled = order.map((i) => entries[i % entries.length]).filter((entry) => entry !== undefined);
  const members = Object.fromEntries([...shuffled, ...entries]);
  return JSON.stringify(members, null, indent);
}

describe('item 2: one sniffer decides what a key file is', () => {
  it('item 2: a JSON key file is named by its parsed members, in any order and layout, and read as that kind (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(JSON_FILES)),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.constantFrom(0, 2),
        fc.constantFrom('', ' ', '\n\t'),
        (kind, order, indent, space) => {
          const text = `${space}${jsonText(JSON_FILES[kind] ?? {}, order, indent)}\n`;
          expect(sniffFileKind(text)).toBe(kind);
          expect(kindRead(readKeyFile(text, 'key.json', INPUT_FILE))).toBe(kind);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('item 2: look-alike text inside a JSON string does not change the kind (property)', () => {
    const lookAlikes = ['"priv": "x"', '"kty": "AKP"', '{"type": "mamlkit-trust"', '"priv":'];
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(JSON_FILES)),
        fc.constantFrom(...lookAlikes),
        fc.boolean(),
        (kind, text, first) => {
          const value = JSON_FILES[kind] ?? {};
          // Text that looks like a member, inside a string: a trust file's label, or another member.
          const other = first ? { note: text, ...value } : { ...value, note: text };
          const trustFile = JSON_FILES['trust-file'] as { keys: Record<string, unknown>[] };
          const labelled = { ...trustFile, keys: trustFile.keys.map((entry) => ({ ...entry, label: text })) };
          expect(sniffFileKind(JSON.stringify(labelled))).toBe('trust-file');
          expect(kindRead(readKeyFile(JSON.stringify(labelled), 't.json', INPUT_FILE))).toBe('trust-file');
          expect(sniffFileKind(JSON.stringify({ note: text, data: [1] }))).toBe('other');
          expect(sniffFileKind(JSON.stringify(other))).toBe(kind);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('item 2: a keyring is named by its key lines wherever they are, secret when one is, and read as that kind (property)', () => {
    const lines = [...secretLines, ...publicLines, '# a comment', '', '   '];
    fc.assert(
      fc.property(fc.shuffledSubarray(lines, { minLength: 1 }), (chosen) => {
        const text = `${chosen.join('\n')}\n`;
        const keys = chosen.filter((line) => line.startsWith('mamlkit-key-1:'));
        const kind = chosen.some((line) => secretLines.includes(line)) ? 'keyring' : 'public-keyring';
        if (keys.length === 0) {
          expect(sniffFileKind(text)).toBe('other');
          return;
        }
        expect(sniffFileKind(text)).toBe(kind);
        expect(kindRead(readKeyFile(text, 'k.keyring', INPUT_FILE))).toBe(kind);
      }),
      { numRuns: 40 },
    );
    // A stray line does not make a keyring another kind: reading it names the line's problem.
    const stray = `${secretLines[0] ?? ''}\nnot a key line\n`;
    expect(sniffFileKind(stray)).toBe('keyring');
    expect(() => readKeyFile(stray, 'k.keyring', INPUT_FILE)).toThrow(
      /^k\.keyring: a layer key reads mamlkit-key-1/,
    );
    const locked = protectKeyring(`${secretLines.join('\n')}\n`, 'correct horse', { workFactor: 10 });
    expect(sniffFileKind(locked)).toBe('armored-envelope');
    expect(kindRead(readKeyFile(locked, 'k.keyring', INPUT_FILE))).toBe('armored-envelope');
  });

  it('item 2: ambiguous JSON (a repeated member) is no kind, and reading it names the problem', () => {
    const text = `{"kty":"AKP","kty":"RSA","alg":"ML-DSA-44"}`;
    expect(sniffFileKind(text)).toBe('other');
    expect(() => readKeyFile(text, 'dup.jwk', INPUT_FILE)).toThrow(/dup\.jwk: not valid JSON/);
  });

  it('item 2: every command names a trust file (members in any order) and an audit log for what they are', () => {
    const dir = tempDir();
    const trust = JSON_FILES['trust-file'] ?? {};
    writeFileSync(join(dir, 'trust.json'), jsonText(trust, [Object.keys(trust).indexOf('keys')], 2));
    writeFileSync(join(dir, 'notes.md'), VALID_MAML);
    writeFileSync(join(dir, 'log.jsonl'), '{"seq":0,"actor":"a://b","hash":"x"}\n');
    const cases: [string[], string][] = [
      [
        ['sign', 'notes.md', '--key', 'trust.json'],
        '--key trust.json is a trust file, not a secret signing key (it lists trusted keys, given as the only --trust)',
      ],
      [
        ['key', 'info', 'log.jsonl'],
        "input file 'log.jsonl' is an audit log, not a key file (to check it use mamlkit audit verify)",
      ],
    ];
    expectWrongKind(dir, cases);
    const info = mamlkit(dir, ['key', 'info', 'trust.json', '--json']);
    expect(info.status, info.stderr).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({ kind: 'trust-file' });
  });
});
