import {
  exportSigningJwk,
  isSigningAlgorithm,
  SIGNING_ALGORITHMS,
  type SigningAlgorithm,
} from 'mamlkit/sign';
import {
  commandGroup,
  flag,
  FORCE_OPTION,
  JSON_OPTION,
  listOption,
  positionals,
  requiredOption,
  stringOption,
  type Command,
} from '../command.js';
import { CliError, EXIT_OK, usageError } from '../errors.js';
import { INPUT_FILE, readLimitedText, refuseOverwrite, STDIO, writeOutput } from '../io.js';
import {
  keyringText,
  loadPublicSigningKey,
  MAX_KEY_FILE_BYTES,
  PASSPHRASE_FILE_OPTION,
  passphraseSource,
} from '../key-files.js';
import {
  jwkText,
  PUBLIC_FORM_KINDS,
  publicKeyringText,
  publicLayerLine,
  readKeyFile,
  type KeyFile,
} from '../key-kinds.js';
import { fields, jsonWanted, printJson, printLines } from '../output.js';
import { isKeyId, parseUtcTime, trustFileText } from '../trust-file.js';

/** What `key info` reports about a key file: never secret material. */
function keyInfo(path: string, file: KeyFile): Record<string, unknown> {
  if (file.kind === 'signing-key') {
    const { key } = file;
    return {
      file: path,
      kind: 'signing-key',
      algorithm: key.algorithm,
      keyId: key.keyId,
      ...(key.created === undefined ? {} : { created: key.created }),
      secret: key.type === 'secret',
      protected: false,
    };
  }
  if (file.kind === 'trust-file') {
    const { store } = file;
    return {
      file: path,
      kind: 'trust-file',
      algorithms: store.algorithms,
      revoked: [...store.revoked],
      keys: [...store.keys.values()].map((entry) => ({
        keyId: entry.key.keyId,
        algorithm: entry.key.algorithm,
        ...(entry.notAfter === undefined ? {} : { notAfter: entry.notAfter }),
        ...(entry.label === undefined ? {} : { label: entry.label }),
        revoked: store.revoked.has(entry.key.keyId),
      })),
      secret: false,
      protected: false,
    };
  }
  if (file.protected) return { file: path, kind: 'keyring', secret: true, protected: true };
  return {
    file: path,
    kind: 'keyring',
    layers: file.layers.map(({ kind, kid, holding }) => ({ kind, keyId: kid, holds: holding })),
    secret: file.layers.some((layer) => layer.holding === 'secret'),
    protected: false,
  };
}

const HOLDINGS = {
  secret: 'secret key',
  public: 'public key (seals only)',
  passphrase: 'asks for a passphrase',
};

function infoLines(info: Record<string, unknown>, file: KeyFile): string[] {
  const rows: (readonly [string, string | undefined])[] = [['file', String(info['file'])]];
  if (file.kind === 'signing-key') {
    rows.push(
      ['kind', `${file.key.type} signing key`],
      ['algorithm', file.key.algorithm],
      ['key id', file.key.keyId],
      ['created', file.key.created],
    );
  } else if (file.kind === 'trust-file') {
    rows.push(['kind', 'trust file'], ['algorithms', file.store.algorithms.join(', ')]);
    rows.push(['revoked', file.store.revoked.size === 0 ? 'none' : [...file.store.revoked].join(' ')]);
    [...file.store.keys.values()].forEach((entry, index) => {
      const until = entry.notAfter === undefined ? '' : `, not after ${entry.notAfter}`;
      const label = entry.label === undefined ? '' : `, ${entry.label}`;
      const revoked = file.store.revoked.has(entry.key.keyId) ? ', REVOKED' : '';
      rows.push([
        `key ${index + 1}`,
        `${entry.key.keyId} (${entry.key.algorithm}${until}${label}${revoked})`,
      ]);
    });
  } else if (file.protected) {
    rows.push(['kind', 'envelope keyring, protected by a passphrase (layers are listed once it is opened)']);
  } else {
    rows.push(['kind', `envelope keyring of ${file.layers.length} layer(s)`]);
    file.layers.forEach((layer, index) => {
      rows.push([`layer ${index + 1}`, `${layer.kind}:${layer.kid} (${HOLDINGS[layer.holding]})`]);
    });
  }
  rows.push(['secret', info['secret'] === true ? 'yes: keep this file private' : 'no']);
  return fields(rows);
}

const info: Command = {
  name: 'info',
  summary: 'say what a key file is: kind, algorithm, key ids, public or secret (never prints a key)',
  usage: ['info FILE [--json]'],
  options: { json: JSON_OPTION },
  notes: [
    'FILE is a signing key (JWK from keygen, secret or public), an envelope keyring (secret,\n' +
      'public sealing keyring, one custodian layer file, or a passphrase-protected keyring) or a\n' +
      'trust file. Nothing secret is printed: key ids are thumbprints of the public keys.',
  ],
  examples: ['mamlkit key info release.jwk', 'mamlkit key info trust.json --json'],
  async run(input) {
    const [path = ''] = positionals(input, 'key info', { min: 1, max: 1 }, 'one FILE');
    const file = readKeyFile(await readLimitedText(path, MAX_KEY_FILE_BYTES, INPUT_FILE), path, INPUT_FILE);
    const report = keyInfo(path, file);
    if (flag(input.options, 'json')) printJson(report);
    else printLines(infoLines(report, file));
    return EXIT_OK;
  },
};

/** The public form of a key file's text, or a refusal saying why there is none. */
function publicText(path: string, file: KeyFile): { text: string; summary: Record<string, unknown> } {
  const refuse = (why: string): CliError => new CliError('ERR_KEY_KIND', `${path}: ${why}`);
  if (file.kind === 'trust-file') throw refuse('a trust file holds only public keys already');
  if (file.kind === 'signing-key') {
    if (file.key.type === 'public') throw refuse('this is already a public signing key');
    const { algorithm, keyId } = file.key;
    return { text: jwkText(exportSigningJwk(file.key)), summary: { kind: 'signing-key', algorithm, keyId } };
  }
  if (file.protected) throw refuse('a protected keyring is read with its passphrase first');
  const lines = file.layers.map((layer, index) => {
    const line = publicLayerLine(layer);
    if (line === undefined) {
      throw refuse(
        `layer ${index + 1} is ${layer.kind}, a symmetric key with no public form: sealing for this keyring needs the keyring itself (only ${PUBLIC_FORM_KINDS.join(', ')} layers seal in public)`,
      );
    }
    return line;
  });
  return {
    text: publicKeyringText(lines),
    summary: { kind: 'keyring', layers: file.layers.map(({ kind, kid }) => ({ kind, keyId: kid })) },
  };
}

const publicKey: Command = {
  name: 'public',
  summary: 'write the public key of a secret signing key, or the public sealing keyring of a keyring',
  usage: ['public SECRET [--out FILE] [--force] [--json]'],
  options: {
    out: { type: 'string', short: 'o', value: 'PATH', description: 'where to write it (default: stdout)' },
    'passphrase-file': PASSPHRASE_FILE_OPTION,
    force: FORCE_OPTION,
    json: JSON_OPTION,
  },
  notes: [
    'From a secret signing key: the public JWK (what keygen writes to KEY.pub; give it to --trust).\n' +
      `From a keyring whose layers are all ${PUBLIC_FORM_KINDS.join(', ')} layers: the public\n` +
      'sealing keyring (what keygen writes to KEYRING.pub). A symmetric (aes-siv) layer has no\n' +
      'public form: that is refused. A protected keyring is opened with the passphrase first.',
  ],
  examples: [
    'mamlkit key public release.jwk --out release.jwk.pub',
    'mamlkit key public inbox.keyring --out inbox.keyring.pub',
  ],
  async run(input) {
    const [path = ''] = positionals(input, 'key public', { min: 1, max: 1 }, 'one SECRET key file');
    const { options } = input;
    const out = stringOption(options, 'out') ?? STDIO;
    const json = jsonWanted(options, out);
    const force = flag(options, 'force');
    await refuseOverwrite(out, force, '--out');
    const file = readKeyFile(
      await keyringText(path, INPUT_FILE, passphraseSource(options)),
      path,
      INPUT_FILE,
    );
    const { text, summary } = publicText(path, file);
    await writeOutput(out, text, { force, source: '--out' });
    if (json) printJson({ file: path, out, ...summary });
    else if (out !== STDIO) printLines([`public key of ${path}: ${out}`]);
    return EXIT_OK;
  },
};

function algorithmsOption(names: readonly string[]): readonly SigningAlgorithm[] | undefined {
  if (names.length === 0) return undefined;
  const bad = names.find((name) => !isSigningAlgorithm(name));
  if (bad !== undefined) throw usageError(`--algorithm takes ${SIGNING_ALGORITHMS.join(', ')}, not '${bad}'`);
  return names as SigningAlgorithm[];
}

function notAfterOption(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const date = parseUtcTime(text);
  if (date === undefined)
    throw usageError(`--not-after takes a UTC time like 2026-12-31T23:59:59Z, not '${text}'`);
  return date;
}

const trust: Command = {
  name: 'trust',
  summary: 'write a trust file: public keys with expiry, revoked key ids and an algorithm allow-list',
  usage: [
    'trust PUBKEY… --out trust.json [--not-after TIME] [--algorithm ALG]… [--revoke KEYID]… [--force] [--json]',
  ],
  options: {
    out: {
      type: 'string',
      short: 'o',
      value: 'PATH',
      description: 'where to write the trust file (required)',
    },
    'not-after': {
      type: 'string',
      value: 'TIME',
      description: 'signatures by these keys are refused after TIME (UTC, 2026-12-31T23:59:59Z)',
    },
    algorithm: {
      type: 'string',
      multiple: true,
      value: 'ALG',
      description: `accept only these algorithms (default all: ${SIGNING_ALGORITHMS.join(', ')})`,
    },
    revoke: {
      type: 'string',
      multiple: true,
      value: 'KEYID',
      description: "refuse signatures by this key id (see 'mamlkit key info')",
    },
    force: FORCE_OPTION,
    json: JSON_OPTION,
  },
  notes: [
    'Give the file to any --trust option (verify, open, rotate, gate, audit verify) instead of\n' +
      'public key files. The format is specified in docs/spec/trust.md; the file may be edited by\n' +
      'hand (a key gets its own "notAfter" or "label"), and every command reads it strictly.',
    'To revoke a key, list its id under "revoked" (--revoke KEYID, or by hand): a revoked key stays\n' +
      'refused even while it is listed under "keys". A key id may start with "-": give it as\n' +
      '--revoke=KEYID, since "--revoke -…" is refused as ambiguous.',
  ],
  examples: [
    'mamlkit key trust release.jwk.pub ci.jwk.pub --out trust.json --algorithm ML-DSA-87',
    'mamlkit key trust release.jwk.pub --revoke 0BbNoIc9n3XrUqfyLqF8HgYkfxZxC2eYqz6-5bQ1s9c --out trust.json --force',
  ],
  async run(input) {
    const paths = positionals(input, 'key trust', { min: 1, max: 256 }, 'one or more PUBKEY files');
    const { options } = input;
    const out = requiredOption(options, 'out', 'key trust');
    const json = jsonWanted(options, out);
    const force = flag(options, 'force');
    await refuseOverwrite(out, force, '--out');
    const keys = await Promise.all(paths.map((path) => loadPublicSigningKey(path, INPUT_FILE)));
    const algorithms = algorithmsOption(listOption(options, 'algorithm'));
    const notAfter = notAfterOption(stringOption(options, 'not-after'));
    const revoked = listOption(options, 'revoke');
    const badId = revoked.find((id) => !isKeyId(id));
    if (badId !== undefined) {
      throw usageError(
        `--revoke takes a key id (43 base64url characters, see 'mamlkit key info'), not '${badId}'`,
      );
    }
    const text = trustFileText(
      {
        keys,
        ...(algorithms === undefined ? {} : { algorithms }),
        ...(notAfter === undefined ? {} : { notAfter }),
        revoked,
      },
      out,
    );
    await writeOutput(out, text, { force, source: '--out' });
    const keyIds = keys.map((key) => key.keyId);
    if (json) printJson({ out, keys: keyIds, revoked, algorithms: algorithms ?? SIGNING_ALGORITHMS });
    else if (out !== STDIO) printLines([`trust file for ${keyIds.length} key(s): ${out}`]);
    return EXIT_OK;
  },
};

/** `mamlkit key`: describe key files, derive public keys, write trust files. */
export const key: Command = commandGroup(
  'key',
  'describe a key file, derive its public key, or write a trust file',
  [info, publicKey, trust],
);
