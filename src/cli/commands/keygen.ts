import {
  createKeyring,
  ENVELOPE_LIMITS,
  exportKeyring,
  generateKeyring,
  generateRecipientKeyPair,
  type KemKind,
  type Keyring,
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
  requiredOption,
  stringOption,
  type Command,
  type OptionValues,
} from '../command.js';
import { EXIT_OK, usageError } from '../errors.js';
import { refuseOverwrite, SECRET_MODE, STDIO, writeOutput } from '../io.js';
import { fields, printJson, printLines } from '../output.js';

const KEMS: readonly KemKind[] = ['ml-kem-1024', 'x-wing'];

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
  const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
  return {
    kind: 'signing',
    secret: json(exportSigningJwk(secretKey, { includePrivate: true })),
    public: json(exportSigningJwk(secretKey)),
    summary: { algorithm, keyId: secretKey.keyId, created: secretKey.created ?? '' },
  };
}

function envelopeKeyring(options: OptionValues): KeyFiles {
  const layers = integerOption(options, 'layers', {
    min: ENVELOPE_LIMITS.minLayers,
    max: ENVELOPE_LIMITS.maxLayers,
    fallback: 4,
  });
  const kem = stringOption(options, 'kem');
  if (kem !== undefined && !KEMS.includes(kem as KemKind)) {
    throw usageError(`--kem must be one of ${KEMS.join(', ')}, not '${kem}'`);
  }
  const keyring: Keyring =
    kem === undefined
      ? generateKeyring({ layers })
      : createKeyring(
          Array.from({ length: layers }, () => generateRecipientKeyPair({ kem: kem as KemKind })),
        );
  const kinds = keyring.layers.map((layer) => `${layer.kind}:${layer.kid}`);
  const header = `# mamlkit keyring: ${layers} layer(s), layer 1 first; every layer is needed to open\n`;
  return {
    kind: 'keyring',
    secret: `${header}# SECRET: keep this file private\n${exportKeyring(keyring)}`,
    ...(kem === undefined
      ? {}
      : {
          public: `${header}# public sealing keyring: seals, cannot open\n${exportKeyring(keyring, { public: true })}`,
        }),
    summary: { layers: kinds },
  };
}

/** `mamlkit keygen`: ML-DSA signing keys and envelope keyrings. */
export const keygen: Command = {
  name: 'keygen',
  summary: 'generate an ML-DSA signing key or an envelope keyring',
  usage: [
    'keygen [--alg ML-DSA-87] --out KEY [--force]',
    'keygen --layers 4 [--kem ml-kem-1024] --out KEYRING [--force]',
  ],
  options: {
    out: {
      type: 'string',
      short: 'o',
      value: 'PATH',
      description: 'where to write the secret key (required)',
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
      description: 'make every keyring layer a post-quantum key pair: ml-kem-1024 or x-wing',
    },
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
    'Existing files are never replaced without --force.',
  ],
  examples: [
    'mamlkit keygen --alg ML-DSA-87 --out release.jwk',
    'mamlkit keygen --layers 4 --out vault.keyring',
    'mamlkit keygen --layers 1 --kem ml-kem-1024 --out inbox.keyring',
  ],
  async run(input) {
    positionals(input, 'keygen', { min: 0, max: 0 }, 'no FILE argument');
    const { options } = input;
    const out = requiredOption(options, 'out', 'keygen');
    if (out === STDIO) throw usageError('keygen writes key files: --out needs a file name');
    const envelope =
      stringOption(options, 'layers') !== undefined || stringOption(options, 'kem') !== undefined;
    if (envelope && stringOption(options, 'alg') !== undefined) {
      throw usageError('--alg makes a signing key; --layers and --kem make a keyring: choose one');
    }
    const force = flag(options, 'force');
    const publicPath = `${out}.pub`;
    await refuseOverwrite(out, force);
    const files = envelope ? envelopeKeyring(options) : signingKey(options);
    if (files.public !== undefined) await refuseOverwrite(publicPath, force);
    await writeOutput(out, files.secret, { force, mode: SECRET_MODE });
    if (files.public !== undefined) await writeOutput(publicPath, files.public, { force });
    const written = files.public === undefined ? { secret: out } : { secret: out, public: publicPath };
    if (flag(options, 'json')) {
      printJson({ kind: files.kind, ...files.summary, files: written });
      return EXIT_OK;
    }
    const summary = Object.entries(files.summary).map(
      ([label, value]) => [label, Array.isArray(value) ? value.join(' ') : String(value)] as const,
    );
    printLines(fields([...summary, ['secret', `${out} (mode 0600)`], ['public', written.public]]));
    return EXIT_OK;
  },
};
