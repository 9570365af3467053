import { authorizeExecution, type ExecutionDecision } from 'mamlkit/gate';
import { MAML_DEFAULT_LIMITS } from 'mamlkit/maml';
import { createTrustStore, MAX_MAML_SIGNATURES } from 'mamlkit/sign';
import {
  flag,
  integerOption,
  JSON_OPTION,
  listOption,
  positionals,
  requiredOption,
  stringOption,
  type Command,
} from '../command.js';
import { EXIT_OK, EXIT_REJECTED, usageError } from '../errors.js';
import { displayName, INPUT_FILE, readInput, STDIO } from '../io.js';
import { expectMaml } from '../file-kind.js';
import { loadTrustStore, TRUST_OPTION } from '../key-files.js';
import { printJson, printLines } from '../output.js';
import { failureJson } from './verify.js';

function humanReport(file: string, principal: string, decision: ExecutionDecision): string[] {
  const lines = [`${file}: ${decision.allowed ? 'ALLOWED' : 'REFUSED'} for ${principal}`];
  for (const reason of decision.reasons) {
    lines.push(`  ${reason.code}: ${reason.message}`);
    for (const d of reason.diagnostics ?? []) {
      lines.push(
        `    ${file}:${d.range.start.line}:${d.range.start.column}: ${d.severity} ${d.code}: ${d.message}`,
      );
    }
  }
  const valid = decision.signatures.filter((check) => check.valid);
  lines.push(
    `  signature: ${decision.signatureRequired ? 'required' : 'not required'}; ${
      valid.length === 0
        ? 'no valid trusted signature'
        : valid
            .map(
              (check) => `valid by ${check.keyId ?? ''} (${check.algorithm ?? ''}, ${check.created ?? ''})`,
            )
            .join('; ')
    }`,
  );
  if (decision.permission?.allowed === true) lines.push(`  permission: ${decision.permission.reason}`);
  return lines;
}

function jsonReport(file: string, principal: string, decision: ExecutionDecision): unknown {
  return {
    file,
    principal,
    ...decision,
    document: undefined,
    signatures: decision.signatures.map((check) => ({ ...check, reason: failureJson(check.reason) })),
  };
}

/** `mamlkit gate`: the execution decision for a MAML file. */
export const gate: Command = {
  name: 'gate',
  summary: 'decide whether a principal may execute a MAML file, with a reason for every refusal',
  usage: [
    'gate FILE --trust PUBKEY… --principal URI [--max-age-days N] [--threshold N] [--json]',
    'gate FILE --allow-unsigned [--trust PUBKEY…] --principal URI [--json]',
  ],
  options: {
    trust: TRUST_OPTION,
    principal: {
      type: 'string',
      short: 'p',
      value: 'URI',
      description: 'who asks to execute, e.g. gateway://prod-eu (required)',
    },
    'allow-unsigned': {
      type: 'boolean',
      description: 'let a document without quantum_security_flag: true run unsigned (opt-out)',
    },
    'max-age-days': { type: 'string', value: 'N', description: 'refuse when every valid signature is older' },
    threshold: { type: 'string', value: 'N', description: 'distinct trusted signers required (default 1)' },
    json: JSON_OPTION,
  },
  notes: [
    'The document must parse and pass strict validation; it must carry a valid signature by a\n' +
      'trusted key (--trust), unless --allow-unsigned is given and the document does not set\n' +
      'quantum_security_flag: true; a signature that does not match refuses it in any case; and the\n' +
      'principal must hold the execute permission.',
    'Exit status: 0 allowed, 1 refused, 2 usage or I/O error.',
  ],
  examples: [
    'mamlkit gate workflow.maml.md --trust release.jwk.pub --principal gateway://local',
    'mamlkit gate draft.maml.md --allow-unsigned --principal agent://dev',
  ],
  async run(input) {
    const [file = STDIO] = positionals(input, 'gate', { min: 1, max: 1 }, 'one FILE');
    const { options } = input;
    const allowUnsigned = flag(options, 'allow-unsigned');
    const trustPaths = listOption(options, 'trust');
    if (trustPaths.length === 0 && !allowUnsigned) {
      throw usageError(
        'gate needs at least one --trust PUBKEY (or --allow-unsigned to opt out of signatures)',
      );
    }
    const trust = trustPaths.length === 0 ? createTrustStore([]) : await loadTrustStore(trustPaths, 'gate');
    const principal = requiredOption(options, 'principal', 'gate');
    const maxAge = stringOption(options, 'max-age-days');
    const maxAgeDays = maxAge === undefined ? undefined : Number(maxAge);
    if (maxAgeDays !== undefined && !(maxAgeDays > 0 && Number.isFinite(maxAgeDays))) {
      throw usageError(`--max-age-days must be a positive number of days, not '${maxAge ?? ''}'`);
    }
    const threshold = integerOption(options, 'threshold', { min: 1, max: MAX_MAML_SIGNATURES, fallback: 1 });
    const source = await readInput(file, MAML_DEFAULT_LIMITS.maxDocumentBytes, INPUT_FILE);
    expectMaml(source, file, INPUT_FILE);
    const decision = authorizeExecution(source, {
      trust,
      principal,
      threshold,
      signatures: allowUnsigned ? 'optional' : 'required',
      ...(maxAgeDays === undefined ? {} : { maxAgeDays }),
    });
    const name = displayName(file);
    if (flag(options, 'json')) printJson(jsonReport(name, principal, decision));
    else printLines(humanReport(name, principal, decision));
    return decision.allowed ? EXIT_OK : EXIT_REJECTED;
  },
};
