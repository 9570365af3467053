import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ENVELOPE_LIMITS,
  exportLayerKey,
  LAYER_KINDS,
  layerPlaceholder,
  protectKeyring,
  type LayerKind,
} from 'mamlkit/envelope';
import {
  DEFAULT_SIGNING_ALGORITHM,
  exportSigningJwk,
  generateSigningKeyPair,
  isSigningAlgorithm,
  SIGNING_ALGORITHMS,
} from 'mamlkit/sign';
import {
  flag,
  FORCE_OPTION,
  integerOption,
  JSON_OPTION,
  positionals,
  stringOption,
  type Command,
  type OptionValues,
} from '../command.js';
import { EXIT_OK, usageError } from '../errors.js';
import { OUTPUT_FILE, refuseOverwrite, SECRET_MODE, STDIO, writeOutput } from '../io.js';
import { PASSPHRASE_FILE_OPTION, passphraseSource, type PassphraseSource } from '../key-files.js';
import { jwkText, keyringHeader, publicKeyringText, publicLayerLine } from '../key-kinds.js';
import { fields, printJson, printLines } from '../output.js';

/** Kinds keygen makes, from the kind table: kinds it can generate, and kinds named by a placeholder. */
const KEYGEN_KINDS: readonly LayerKind[] = LAYER_KINDS.filter(
  (descriptor) => descriptor.generate !== undefined || descriptor.placeholder !== undefined,
).map((descriptor) => descriptor.kind);
/** Kinds with a public part (`--kem`): key pairs whose public keyring seals. */
const KEM_KINDS: readonly LayerKind[] = LAYER_KINDS.filter(
  (descriptor) =>
    descriptor.generate !== undefined && descriptor.parts.some((part) => part.name === 'public'),
).map((descriptor) => descriptor.kind);

/** Random bytes for key generation. */
function random(n: number): Uint8Array {
  return new Uint8Array(randomBytes(n));
}

interface KeyFiles {
  readonly kind: 'signing' | 'keyring';
  readonly secret: string;
  readonly public?: string;
  readonly summary: Readonly<Record<string, string | number | readonly string[]>>;
}

function signingKey(options: OptionValues): KeyFiles {
  const algorithm = stringOption(options, 'alg') ?? DEFAULT_SIGNING_ALGORITHM;
  if (!isSigningAlgorithm(algorithm)) {
    throw usageError(`--alg must be one of ${SIGNING_ALGORITHMS.join(', ')}, not '${algorithm}'`);
  }
  const { secretKey } = generateSigningKeyPair({ algorithm });
  return {
    kind: 'signing',
    secret: jwkText(exportSigningJwk(secretKey, { includePrivate: true })),
    public: jwkText(exportSigningJwk(secretKey)),
    summary: { algorithm, keyId: secretKey.keyId, created: secretKey.created ?? '' },
  };
}

/** One generated layer: its key-file line, its public line (kinds that have one), its summary. */
interface LayerLines {
  readonly kind: LayerKind;
  readonly secret: string;
  readonly public?: string;
  readonly label: string;
}

function generateLayer(kind: LayerKind): LayerLines {
  const descriptor = LAYER_KINDS.find((entry) => entry.kind === kind);
  if (descriptor?.generate === undefined) {
    const line = layerPlaceholder(kind);
    return { kind, secret: line, public: line, label: `${kind} (asked for when the keyring is read)` };
  }
  const layer = descriptor.generate(random);
  const publicLine = publicLayerLine(layer);
  return {
    kind,
    secret: exportLayerKey(layer),
    ...(publicLine === undefined ? {} : { public: publicLine }),
    label: `${kind}:${layer.kid}`,
  };
}

/** The layer kinds asked for: `--kinds LIST`, or N layers of `--kem` (default aes-siv). */
function layerKinds(options: OptionValues): LayerKind[] {
  const listed = stringOption(options, 'kinds');
  const kem = stringOption(options, 'kem');
  if (listed !== undefined && kem !== undefined)
    throw usageError('--kinds names every layer: leave out --kem');
  if (kem !== undefined && !KEM_KINDS.includes(kem as LayerKind)) {
    throw usageError(`--kem must be one of ${KEM_KINDS.join(', ')}, not '${kem}'`);
  }
  if (listed === undefined) {
    const count = integerOption(options, 'layers', {
      min: ENVELOPE_LIMITS.minLayers,
      max: ENVELOPE_LIMITS.maxLayers,
      fallback: 4,
    });
    return Array.from({ length: count }, () => (kem ?? 'aes-siv') as LayerKind);
  }
  const kinds = listed.split(',').map((kind) => kind.trim());
  const unknown = kinds.find((kind) => !KEYGEN_KINDS.includes(kind as LayerKind));
  if (unknown !== undefined) throw usageError(`--kinds takes ${KEYGEN_KINDS.join(', ')}, not '${unknown}'`);
  if (kinds.length > ENVELOPE_LIMITS.maxLayers) {
    throw usageError(`a keyring has at most ${ENVELOPE_LIMITS.maxLayers} layers, not ${kinds.length}`);
  }
  if (
    stringOption(options, 'layers') !== undefined &&
    Number(stringOption(options, 'layers')) !== kinds.length
  ) {
    throw usageError(
      `--layers ${stringOption(options, 'layers') ?? ''} does not match the ${kinds.length} kinds of --kinds`,
    );
  }
  return kinds as LayerKind[];
}

/** Summary entries as label/value lines (lists joined by spaces). */
function summaryFields(summary: Readonly<Record<string, unknown>>): (readonly [string, string])[] {
  return Object.entries(summary).map(
    ([label, value]) => [label, Array.isArray(value) ? value.join(' ') : String(value)] as const,
  );
}

const SECRET_NOTE = '# SECRET: keep this file private\n';

/** Secret key-file text, protected with the passphrase when `--protect` is given. */
async function secretText(text: string, protect: PassphraseSource | undefined): Promise<string> {
  return protect === undefined ? text : protectKeyring(text, await protect());
}

/** The public sealing keyring, when every layer has a public form. */
function publicKeyring(layers: readonly LayerLines[]): string | undefined {
  const lines = layers.flatMap((layer) => (layer.public === undefined ? [] : [layer.public]));
  return lines.length === layers.length ? publicKeyringText(lines) : undefined;
}

async function envelopeKeyring(
  options: OptionValues,
  protect: PassphraseSource | undefined,
): Promise<KeyFiles> {
  const layers = layerKinds(options).map(generateLayer);
  const lines = layers.map((layer) => layer.secret).join('\n');
  const publicText = publicKeyring(layers);
  return {
    kind: 'keyring',
    secret: await secretText(`${keyringHeader(layers.length)}${SECRET_NOTE}${lines}\n`, protect),
    ...(publicText === undefined ? {} : { public: publicText }),
    summary: { layers: layers.map((layer) => layer.label) },
  };
}

/** `keygen --split DIR`: one key file per layer (one per custodian), never replacing a file. */
async function splitKeyring(
  options: OptionValues,
  directory: string,
  protect: PassphraseSource | undefined,
): Promise<Record<string, unknown>> {
  const layers = layerKinds(options).map(generateLayer);
  const names = layers.map((layer, i) => join(directory, `layer-${i + 1}-${layer.kind}.key`));
  const publicText = publicKeyring(layers);
  const publicPath = join(directory, 'keyring.pub');
  await mkdir(directory, { recursive: true, mode: 0o700 });
  for (const path of publicText === undefined ? names : [...names, publicPath])
    await refuseOverwrite(path, false, OUTPUT_FILE);
  for (const [i, layer] of layers.entries()) {
    const text = `# mamlkit keyring: layer ${i + 1} of ${layers.length} (${layer.kind}); give it with --keyring in layer order\n${SECRET_NOTE}${layer.secret}\n`;
    await writeOutput(names[i] ?? '', await secretText(text, protect), {
      force: false,
      mode: SECRET_MODE,
      source: OUTPUT_FILE,
    });
  }
  if (publicText !== undefined) {
    await writeOutput(publicPath, publicText, { force: false, source: OUTPUT_FILE });
  }
  return {
    layers: layers.map((layer) => layer.label),
    files: names,
    ...(publicText === undefined ? {} : { public: publicPath }),
  };
}

/** `mamlkit keygen`: ML-DSA signing keys and envelope keyrings. */
export const keygen: Command = {
  name: 'keygen',
  summary: 'generate an ML-DSA signing key or an envelope keyring',
  usage: [
    'keygen [--alg ML-DSA-87] --out KEY [--force]',
    'keygen --layers 4 [--kem ml-kem-1024] [--protect] --out KEYRING [--force]',
    'keygen --kinds aes-siv,aes-siv,ml-kem-1024,passphrase --split DIR [--protect]',
  ],
  options: {
    out: {
      type: 'string',
      short: 'o',
      value: 'PATH',
      description: 'where to write the secret key (required, except with --split)',
    },
    alg: {
      type: 'string',
      value: 'ALG',
      description: `signing key algorithm: ${SIGNING_ALGORITHMS.join(', ')} (default ${DEFAULT_SIGNING_ALGORITHM})`,
    },
    layers: {
      type: 'string',
      value: 'N',
      description: `make an envelope keyring of N layers, ${ENVELOPE_LIMITS.minLayers} to ${ENVELOPE_LIMITS.maxLayers} (default 4)`,
    },
    kem: {
      type: 'string',
      value: 'KEM',
      description: `make every keyring layer a post-quantum key pair: ${KEM_KINDS.join(' or ')}`,
    },
    kinds: {
      type: 'string',
      value: 'LIST',
      description: `the kind of each layer, layer 1 first, comma-separated: ${KEYGEN_KINDS.join(', ')}`,
    },
    split: {
      type: 'string',
      value: 'DIR',
      description: 'write one key file per layer (one per custodian) into DIR, named layer-N-KIND.key',
    },
    protect: {
      type: 'boolean',
      description:
        'protect the secret key file(s) with a passphrase (--passphrase-file or MAMLKIT_PASSPHRASE)',
    },
    'passphrase-file': PASSPHRASE_FILE_OPTION,
    force: FORCE_OPTION,
    json: JSON_OPTION,
  },
  notes: [
    'A signing key (the default, or with --alg) is written to PATH as a JSON Web Key of type "AKP"\n' +
      'holding the 32-byte seed (mode 0600), and its public part to PATH.pub (public JWK: give it to\n' +
      'verifiers for --trust).',
    'A keyring (with --layers or --kem) is written to PATH as text, one "mamlkit-key-1:…" line per\n' +
      'layer (mode 0600). Symmetric layers (the default: 512-bit AES-SIV keys) have no public part.\n' +
      'With --kem, PATH.pub holds the public sealing keyring: it seals but cannot open.',
    'With --split DIR, each layer goes to its own file DIR/layer-N-KIND.key (mode 0600), to hand to\n' +
      'its custodian; open takes them back with --keyring, once per file, in layer order. Existing\n' +
      'files are never replaced. A passphrase layer is a placeholder line: the passphrase is asked\n' +
      'for (--passphrase-file or MAMLKIT_PASSPHRASE) when the keyring is read.',
    'With --protect, each secret file is an armored envelope sealed under a passphrase layer\n' +
      '(scrypt, work factor 18); every command that reads key files opens it with the passphrase.',
    'Existing files are never replaced without --force.',
  ],
  examples: [
    'mamlkit keygen --alg ML-DSA-87 --out release.jwk',
    'mamlkit keygen --layers 4 --out vault.keyring',
    'mamlkit keygen --layers 1 --kem ml-kem-1024 --out inbox.keyring',
    'mamlkit keygen --layers 4 --split custodians/',
    'MAMLKIT_PASSPHRASE=… mamlkit keygen --layers 4 --protect --out vault.keyring',
  ],
  async run(input) {
    positionals(input, 'keygen', { min: 0, max: 0 }, 'no FILE argument');
    const { options } = input;
    const envelope = ['layers', 'kem', 'kinds', 'split'].some(
      (name) => stringOption(options, name) !== undefined,
    );
    if (envelope && stringOption(options, 'alg') !== undefined) {
      throw usageError(
        '--alg makes a signing key; --layers, --kem, --kinds and --split make a keyring: choose one',
      );
    }
    const protect = flag(options, 'protect') ? passphraseSource(options) : undefined;
    if (protect !== undefined && !envelope)
      throw usageError('--protect protects keyrings (with --layers, --kinds or --split)');
    const split = stringOption(options, 'split');
    if (split !== undefined) {
      if (stringOption(options, 'out') !== undefined || flag(options, 'force')) {
        throw usageError(
          '--split DIR writes one file per layer and never replaces one: leave out --out and --force',
        );
      }
      const result = await splitKeyring(options, split, protect);
      if (flag(options, 'json')) printJson({ kind: 'keyring', ...result });
      else printLines(fields(summaryFields(result)));
      return EXIT_OK;
    }
    const out = stringOption(options, 'out');
    if (out === undefined) throw usageError("keygen needs --out (see 'mamlkit keygen --help')");
    if (out === STDIO) throw usageError('keygen writes key files: --out needs a file name');
    const force = flag(options, 'force');
    const publicPath = `${out}.pub`;
    await refuseOverwrite(out, force, '--out');
    const files = envelope ? await envelopeKeyring(options, protect) : signingKey(options);
    if (files.public !== undefined) await refuseOverwrite(publicPath, force, OUTPUT_FILE);
    await writeOutput(out, files.secret, { force, mode: SECRET_MODE, source: '--out' });
    if (files.public !== undefined) {
      await writeOutput(publicPath, files.public, { force, source: OUTPUT_FILE });
    }
    const written = files.public === undefined ? { secret: out } : { secret: out, public: publicPath };
    if (flag(options, 'json')) {
      printJson({ kind: files.kind, ...files.summary, files: written });
      return EXIT_OK;
    }
    printLines(
      fields([...summaryFields(files.summary), ['secret', `${out} (mode 0600)`], ['public', written.public]]),
    );
    return EXIT_OK;
  },
};
