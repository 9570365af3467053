import {
  detachedHasher,
  keyRotationStatus,
  lookupTrustedKey,
  MAX_SIGNATURE_TEXT_CHARS,
  MAX_MAML_SIGNATURES,
  verifyDetached,
  verifyMaml,
  type SignatureCheck,
  type SignatureFailure,
  type TrustStore,
} from 'mamlkit/sign';
import {
  flag,
  integerOption,
  JSON_OPTION,
  listOption,
  positionals,
  stringOption,
  type Command,
} from '../command.js';
import { EXIT_OK, EXIT_REJECTED } from '../errors.js';
import { decodeText, displayName, hashInput, INPUT_FILE, readInput, STDIO } from '../io.js';
import { expectFileKind, expectMaml } from '../file-kind.js';
import { loadTrustStore, TRUST_OPTION } from '../key-files.js';
import { MAX_SIGNED_MAML_BYTES } from './sign.js';
import { fields, printJson, printLines } from '../output.js';

interface SignatureReport extends SignatureCheck {
  /** When the trusted key was made. */
  readonly keyCreated?: string;
  /** `ok`, `due` or `overdue` on the 90-day schedule. */
  readonly rotation?: string;
}

interface VerifyReport {
  readonly file: string;
  readonly valid: boolean;
  readonly reason?: SignatureFailure;
  readonly signatures: readonly SignatureReport[];
  readonly trustedComment?: string;
}

/** The rotation status of the trusted key behind a signature (90-day schedule). */
function withRotation(check: SignatureCheck, trust: TrustStore, now: Date): SignatureReport {
  const key = check.keyId === undefined ? undefined : lookupTrustedKey(trust, check.keyId)?.key;
  if (key?.created === undefined) return check;
  return { ...check, keyCreated: key.created, rotation: keyRotationStatus(key, { now }) };
}

function reasonText(reason: SignatureFailure | undefined): string | undefined {
  return reason === undefined ? undefined : `${reason.code}: ${reason.message}`;
}

function humanReport(report: VerifyReport): string[] {
  const lines = [
    report.valid
      ? `${report.file}: valid`
      : `${report.file}: NOT VALID: ${reasonText(report.reason) ?? 'no trusted signature'}`,
  ];
  report.signatures.forEach((check, index) => {
    lines.push(`signature ${index + 1}: ${check.valid ? 'valid' : 'not valid'}`);
    const rows = fields([
      ['signer', check.keyId],
      ['algorithm', check.algorithm],
      ['created', check.created],
      [
        'key rotation',
        check.rotation === undefined
          ? undefined
          : `${check.rotation} (key made ${check.keyCreated ?? ''}; rotate every 90 days)`,
      ],
      ['reason', check.valid ? undefined : reasonText(check.reason)],
    ]);
    lines.push(...rows.map((row) => `  ${row}`));
  });
  if (report.trustedComment !== undefined && report.valid)
    lines.push(`trusted comment: ${report.trustedComment}`);
  return lines;
}

/** A signature failure as JSON: its code and message (the parse error behind `MALFORMED` is left out). */
export function failureJson(failure: SignatureFailure | undefined): unknown {
  return failure === undefined ? undefined : { code: failure.code, message: failure.message };
}

function jsonReport(report: VerifyReport): unknown {
  return {
    ...report,
    reason: failureJson(report.reason),
    signatures: report.signatures.map((check) => ({ ...check, reason: failureJson(check.reason) })),
  };
}

/** `mamlkit verify`: check embedded or detached signatures against trusted keys. */
export const verify: Command = {
  name: 'verify',
  summary: 'verify the signatures of a MAML file (or a detached signature) against trusted keys',
  usage: [
    'verify FILE --trust PUBKEY… [--threshold N] [--json]',
    'verify FILE --trust PUBKEY… --detached [--signature FILE.sig] [--json]',
  ],
  options: {
    trust: TRUST_OPTION,
    detached: { type: 'boolean', short: 'd', description: 'verify the detached signature FILE.sig' },
    signature: {
      type: 'string',
      short: 's',
      value: 'SIG',
      description: 'the detached signature file (implies --detached)',
    },
    threshold: { type: 'string', value: 'N', description: 'distinct trusted signers required (default 1)' },
    json: JSON_OPTION,
  },
  notes: [
    'Prints each signature with its signer key id, algorithm, creation time and the rotation status of\n' +
      'the signing key (ok, due or overdue on a 90-day schedule; shown when the key records its creation).',
    "--trust takes public key files, or one trust file ('mamlkit key trust'): its keys may carry\n" +
      'a notAfter time, it may list revoked key ids and restrict the algorithms it accepts.',
    'Exit status: 0 valid, 1 not valid (unsigned, tampered, unknown key, key revoked or expired in the\n' +
      'trust file, algorithm the trust file does not accept), 2 usage or I/O error.',
  ],
  examples: [
    'mamlkit verify workflow.maml.md --trust release.jwk.pub',
    'mamlkit verify model.bin --detached --trust release.jwk.pub',
    'mamlkit verify workflow.maml.md --trust trust.json',
  ],
  async run(input) {
    const [file = STDIO] = positionals(input, 'verify', { min: 1, max: 1 }, 'one FILE');
    const { options } = input;
    const trust = await loadTrustStore(listOption(options, 'trust'), 'verify');
    const now = new Date();
    const signaturePath = stringOption(options, 'signature');
    let report: VerifyReport;
    if (signaturePath !== undefined || flag(options, 'detached')) {
      const sigPath = signaturePath ?? `${file}.sig`;
      const sigSource = signaturePath === undefined ? 'signature file' : '--signature';
      const signatureBytes = await readInput(sigPath, MAX_SIGNATURE_TEXT_CHARS * 4, sigSource);
      expectFileKind(signatureBytes, sigPath, sigSource, ['detached-signature'], 'a detached signature');
      const signature = decodeText(signatureBytes, sigPath, sigSource);
      const digest = (await hashInput(file, INPUT_FILE, detachedHasher())).digest();
      const result = verifyDetached(digest, signature, trust, { now });
      const { trustedComment, ...check } = result;
      report = {
        file: displayName(file),
        valid: result.valid,
        ...(result.reason === undefined ? {} : { reason: result.reason }),
        signatures: [withRotation(check, trust, now)],
        ...(trustedComment === undefined ? {} : { trustedComment }),
      };
    } else {
      const threshold = integerOption(options, 'threshold', {
        min: 1,
        max: MAX_MAML_SIGNATURES,
        fallback: 1,
      });
      const bytes = await readInput(file, MAX_SIGNED_MAML_BYTES, INPUT_FILE);
      expectMaml(bytes, file, INPUT_FILE);
      const text = decodeText(bytes, file, INPUT_FILE);
      const result = verifyMaml(text, trust, { threshold, now });
      report = {
        file: displayName(file),
        valid: result.valid,
        ...(result.reason === undefined ? {} : { reason: result.reason }),
        signatures: result.signatures.map((check) => withRotation(check, trust, now)),
      };
    }
    if (flag(options, 'json')) printJson(jsonReport(report));
    else printLines(humanReport(report));
    return report.valid ? EXIT_OK : EXIT_REJECTED;
  },
};
