import { MAML_DEFAULT_LIMITS, type MamlDocument } from 'mamlkit/maml';
import { detachedHasher, MAX_SIGNED_MAML_CHARS, signDetached, signMaml } from 'mamlkit/sign';
import { flag, FORCE_OPTION, positionals, requiredOption, stringOption, type Command } from '../command.js';
import { CliError, EXIT_OK, EXIT_REJECTED, usageError } from '../errors.js';
import {
  displayName,
  hashInput,
  INPUT_FILE,
  OUTPUT_FILE,
  readInput,
  refuseOverwrite,
  STDIO,
  writeOutput,
} from '../io.js';
import { expectMaml } from '../file-kind.js';
import { printStatus } from '../output.js';
import { loadSigningKey } from '../key-files.js';
import { diagnosticLines, judgeMaml, type MamlJudgement } from '../maml-report.js';

/** Largest MAML file read for signing or verifying: UTF-8 needs at most 3 bytes per UTF-16 code unit. */
export const MAX_SIGNED_MAML_BYTES: number = MAX_SIGNED_MAML_CHARS * 3;

/**
 * The document to sign, after printing its diagnostics on standard error (standard output may
 * carry the signed document). A document the parser refuses is never signed: no part of mamlkit
 * reads it one way, so the gate could never judge what the signature covers. One that parses
 * but fails strict validation is signed only with `--allow-invalid`.
 */
function signable(file: string, judgement: MamlJudgement, allowInvalid: boolean): MamlDocument {
  const name = displayName(file);
  const lines = diagnosticLines(name, judgement.diagnostics);
  if (lines.length > 0) process.stderr.write(`${lines.join('\n')}\n`);
  const errors = judgement.diagnostics.filter((d) => d.severity === 'error').length;
  if (judgement.document === undefined || judgement.unparseable) {
    throw new CliError(
      'ERR_SIGN_MAML_UNPARSEABLE',
      `refusing to sign ${name}: it does not parse one way (${errors} error(s) above); --allow-invalid does not change that`,
      EXIT_REJECTED,
    );
  }
  if (!judgement.valid && !allowInvalid) {
    throw new CliError(
      'ERR_SIGN_MAML_INVALID',
      `refusing to sign ${name}: strict validation found ${errors} error(s) above; fix them, or sign anyway with --allow-invalid`,
      EXIT_REJECTED,
    );
  }
  return judgement.document;
}

/** `mamlkit sign`: embedded or detached ML-DSA signatures. */
export const sign: Command = {
  name: 'sign',
  summary: 'sign a MAML file (embedded signature block) or any file (detached signature)',
  usage: [
    'sign FILE --key KEY [--out PATH] [--allow-invalid]',
    'sign FILE --key KEY --detached [--out FILE.sig] [--trusted-comment TEXT] [--comment TEXT]',
  ],
  options: {
    key: {
      type: 'string',
      short: 'k',
      value: 'KEY',
      description: 'secret signing key (JWK from keygen; required)',
    },
    detached: {
      type: 'boolean',
      short: 'd',
      description: 'write a detached signature instead of editing FILE',
    },
    out: {
      type: 'string',
      short: 'o',
      value: 'PATH',
      description: 'output (default: FILE itself when embedded, FILE.sig when detached; - for stdout)',
    },
    'trusted-comment': {
      type: 'string',
      value: 'TEXT',
      description: 'signed one-line comment (detached only)',
    },
    comment: { type: 'string', value: 'TEXT', description: 'unsigned one-line comment (detached only)' },
    'allow-invalid': {
      type: 'boolean',
      description: 'sign a MAML file that fails strict validation (never one that does not parse)',
    },
    force: FORCE_OPTION,
  },
  notes: [
    'Embedded: appends a maml-signature block to the ## Signatures section of FILE (co-signing keeps\n' +
      'earlier signatures valid; signing again with the same key replaces its block) and replaces FILE\n' +
      'atomically. Detached: writes a small text signature over the exact bytes of FILE, of any size,\n' +
      'read in chunks (memory stays constant). FILE - reads standard input and writes to standard output.',
    'Embedded signing first checks FILE as `mamlkit check` does, printing diagnostics on standard\n' +
      'error: a file that does not parse (empty, no front matter, bad YAML, an alias or size limit) is\n' +
      'never signed; one that fails strict validation is signed only with --allow-invalid (exit status 1).',
  ],
  examples: [
    'mamlkit sign workflow.maml.md --key release.jwk',
    'mamlkit sign model.bin --key release.jwk --detached --trusted-comment "model 1.2"',
  ],
  async run(input) {
    const [file = STDIO] = positionals(input, 'sign', { min: 1, max: 1 }, 'one FILE');
    const { options } = input;
    const detached = flag(options, 'detached');
    const key = await loadSigningKey(requiredOption(options, 'key', 'sign'), '--key');
    const force = flag(options, 'force');
    const explicitOut = stringOption(options, 'out');
    const outSource = explicitOut === undefined ? OUTPUT_FILE : '--out';
    if (!detached && (options['comment'] !== undefined || options['trusted-comment'] !== undefined)) {
      throw usageError('--comment and --trusted-comment apply to --detached signatures');
    }
    if (detached && options['allow-invalid'] !== undefined) {
      throw usageError('--allow-invalid applies to embedded signatures of MAML files, not to --detached');
    }
    if (detached) {
      const out = explicitOut ?? (file === STDIO ? STDIO : `${file}.sig`);
      await refuseOverwrite(out, force, outSource);
      const comment = stringOption(options, 'comment');
      const trustedComment = stringOption(options, 'trusted-comment');
      const digest = (await hashInput(file, INPUT_FILE, detachedHasher())).digest();
      const signature = signDetached(digest, key, {
        ...(comment === undefined ? {} : { comment }),
        ...(trustedComment === undefined ? {} : { trustedComment }),
      });
      await writeOutput(out, signature, { force, source: outSource });
      printStatus(out, [`signed ${file} with ${key.keyId} (${key.algorithm}): ${out}`]);
      return EXIT_OK;
    }
    const out = explicitOut ?? file;
    const inPlace = out === file;
    if (!inPlace) await refuseOverwrite(out, force, '--out');
    // One byte past the parser's limit is read, so a larger file is refused with its diagnostic.
    const bytes = await readInput(file, MAML_DEFAULT_LIMITS.maxDocumentBytes, INPUT_FILE);
    expectMaml(bytes, file, INPUT_FILE);
    const document = signable(file, judgeMaml(bytes, 'strict'), flag(options, 'allow-invalid'));
    const signed = signMaml(document.source, key);
    await writeOutput(out, signed, {
      force: force || inPlace,
      keepMode: inPlace,
      source: inPlace ? INPUT_FILE : '--out',
    });
    printStatus(out, [`signed ${file} with ${key.keyId} (${key.algorithm})${inPlace ? '' : `: ${out}`}`]);
    return EXIT_OK;
  },
};
