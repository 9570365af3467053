import { createInterface } from 'node:readline/promises';
import {
  appendAudit,
  AUDIT_GENESIS_HEAD,
  auditSubjectHasher,
  createAuditEntry,
  mamlSubject,
  recordInHistory,
  verifyAudit,
  type AuditJson,
  type AuditSubject,
  type AuditVerification,
  type VerifyAuditLogOptions,
} from 'mamlkit/audit';
import { MAML_DEFAULT_LIMITS, parseMaml, serializeMaml, type MamlDocument } from 'mamlkit/maml';
import {
  commandGroup,
  flag,
  integerOption,
  JSON_OPTION,
  listOption,
  positionals,
  requiredOption,
  stringOption,
  type Command,
  type OptionValues,
} from '../command.js';
import { asUsageError, CliError, EXIT_OK, EXIT_REJECTED, usageError } from '../errors.js';
import { fileAuditStore } from '../audit-file-store.js';
import { expectFileKind, expectMaml, SNIFF_BYTES } from '../file-kind.js';
import { fileSize, hashInput, namingErrors, readInput, sourceName, writeOutput } from '../io.js';
import { loadSigningKey, loadTrustStore, TRUST_OPTION } from '../key-files.js';
import { fields, printJson, printLines } from '../output.js';

/** A head given as `SEQ:sha256:HEX`. */
function headOption(options: OptionValues): Pick<VerifyAuditLogOptions, 'expectedHead'> {
  const text = stringOption(options, 'expect-head');
  if (text === undefined) return {};
  const match = /^(\d+):(sha256:[0-9a-f]{64})$/.exec(text);
  if (match?.[1] === undefined || match[2] === undefined) {
    throw usageError(
      `--expect-head reads SEQ:sha256:HEX (as printed by 'mamlkit audit verify'), not '${text}'`,
    );
  }
  return { expectedHead: { seq: Number(match[1]), hash: match[2] } };
}

/** The role of the LOG argument in messages. */
const AUDIT_LOG = 'audit log';

/** A missing log is an I/O error (not an empty log); a log must be a regular file (not `-`). */
async function requireLogFile(log: string): Promise<void> {
  if ((await fileSize(log, AUDIT_LOG)) === undefined) {
    throw usageError(`${sourceName(AUDIT_LOG, log)}: an audit log must be a regular file`);
  }
  expectFileKind(await readInput(log, SNIFF_BYTES, AUDIT_LOG), log, AUDIT_LOG, ['audit-log'], 'an audit log');
}

/** The lines `audit verify` prints for a log that is not valid. */
function failureLines(log: string, result: AuditVerification, head: string): string[] {
  const bad = result.firstBad;
  if (bad?.reason === 'AUDIT_TORN_TAIL') {
    const after = bad.offset === undefined ? '' : ` after byte ${bad.offset}`;
    return [
      `${log}: NOT VALID: valid up to entry ${result.length}, torn tail${after}`,
      `a write was cut off by a crash: 'mamlkit audit repair ${log}' removes the torn tail`,
      `valid up to head: ${head}`,
    ];
  }
  return [
    `${log}: NOT VALID`,
    ...(bad === undefined ? [] : [`${log}:${bad.index + 1}: ${bad.reason}: ${bad.message}`]),
    `valid up to head: ${head}`,
  ];
}

const verify: Command = {
  name: 'verify',
  summary: 'verify a hash-chained, signed audit log and say where it breaks',
  usage: ['verify LOG.jsonl --trust PUBKEY… [--expect-head SEQ:HASH] [--expect-length N] [--json]'],
  options: {
    trust: TRUST_OPTION,
    'expect-head': {
      type: 'string',
      value: 'SEQ:HASH',
      description: 'a head recorded earlier: detects entries cut off the end or a rewritten log',
    },
    'expect-length': { type: 'string', value: 'N', description: 'the log has at least N entries' },
    json: JSON_OPTION,
  },
  notes: [
    'Checks every entry (format, hash, signer, ML-DSA signature), the chain of links, the sequence\n' +
      'and the times, and reports the first bad entry with its line and reason. Keep the printed head\n' +
      'somewhere safe and pass it later with --expect-head to detect truncation. The log is read line\n' +
      'by line (memory does not grow with it); a last line cut off by a crash is reported as a torn\n' +
      "tail, which 'mamlkit audit repair' removes.",
    'Exit status: 0 valid, 1 not valid, 2 usage or I/O error.',
  ],
  examples: ['mamlkit audit verify audit.jsonl --trust gateway.jwk.pub'],
  async run(input) {
    const [log = ''] = positionals(input, 'audit verify', { min: 1, max: 1 }, 'one LOG file');
    const { options } = input;
    const trust = await loadTrustStore(listOption(options, 'trust'), 'audit verify');
    const expectedLength = integerOption(options, 'expect-length', {
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      fallback: 0,
    });
    const headOptions = headOption(options);
    await requireLogFile(log);
    const result = await namingErrors(AUDIT_LOG, log, () =>
      verifyAudit(fileAuditStore(log), trust, { ...headOptions, expectedLength }),
    );
    const head = `${result.head.seq}:${result.head.hash}`;
    if (flag(options, 'json')) printJson({ file: log, ...result });
    else if (result.valid)
      printLines([
        `${log}: valid, ${result.length} ${result.length === 1 ? 'entry' : 'entries'}`,
        `head: ${head}`,
      ]);
    else printLines(failureLines(log, result, head));
    return result.valid ? EXIT_OK : EXIT_REJECTED;
  },
};

/**
 * The subject of a new entry, with the parsed document when it is MAML: `--subject-id` and the
 * digest of the whole file, of any size, read in chunks; or the MAML document's own id and digest.
 */
async function subjectOf(
  documentPath: string,
  subjectId: string | undefined,
): Promise<{ subject: AuditSubject; document?: MamlDocument }> {
  if (subjectId !== undefined) {
    const hasher = asUsageError('', () => auditSubjectHasher(subjectId));
    return { subject: (await hashInput(documentPath, '--document', hasher)).subject() };
  }
  const bytes = await readInput(documentPath, MAML_DEFAULT_LIMITS.maxDocumentBytes, '--document');
  expectMaml(bytes, documentPath, '--document');
  const document = asUsageError(sourceName('--document', documentPath), () => parseMaml(bytes));
  return { subject: mamlSubject(document), document };
}

function detailsOption(options: OptionValues): { details?: AuditJson } {
  const text = stringOption(options, 'details');
  if (text === undefined) return {};
  try {
    return { details: JSON.parse(text) as AuditJson };
  } catch {
    throw usageError('--details must be JSON, for example \'{"exit":0}\'');
  }
}

const append: Command = {
  name: 'append',
  summary: 'append a signed entry about a document to an audit log',
  usage: [
    'append LOG.jsonl --key KEY --actor URI --action VERB --document FILE [--history] [--details JSON]',
    'append LOG.jsonl --key KEY --actor URI --action VERB --document FILE --subject-id ID',
  ],
  options: {
    key: {
      type: 'string',
      short: 'k',
      value: 'KEY',
      description: 'secret signing key of the log writer (required)',
    },
    actor: { type: 'string', value: 'URI', description: 'who did it, e.g. gateway://prod (required)' },
    action: {
      type: 'string',
      value: 'VERB',
      description: 'CREATE, VALIDATE, VERIFY, SEAL, OPEN, EXECUTE or your own (required)',
    },
    document: { type: 'string', short: 'd', value: 'FILE', description: 'the document acted on (required)' },
    'subject-id': {
      type: 'string',
      value: 'ID',
      description: "name the subject (default: the MAML document's front matter id)",
    },
    details: { type: 'string', value: 'JSON', description: 'extra JSON recorded in the entry (signed)' },
    history: {
      type: 'boolean',
      description: "also add a line referencing the entry to the document's ## History",
    },
    json: JSON_OPTION,
  },
  notes: [
    'LOG is JSON Lines, one entry per line; it is created when missing. The entry links to the\n' +
      'last entry of LOG, records the SHA-256 of the document bytes and is signed with KEY.\n' +
      '--history edits the document, so an embedded signature must be renewed.',
    'Many processes may append to one LOG at once: each append holds the lock file LOG.lock\n' +
      '(a lock left by a dead process is removed), reads only the end of LOG, writes its line with\n' +
      'one write and an fsync, and creates its entry again when another process appended first.\n' +
      'Exit status 0 means the entry is on disk.',
  ],
  examples: [
    'mamlkit audit append audit.jsonl --key gateway.jwk --actor gateway://local --action EXECUTE --document workflow.maml.md --history',
  ],
  async run(input) {
    const [log = ''] = positionals(input, 'audit append', { min: 1, max: 1 }, 'one LOG file');
    const { options } = input;
    const key = await loadSigningKey(requiredOption(options, 'key', 'audit append'), '--key');
    const actor = requiredOption(options, 'actor', 'audit append');
    const action = requiredOption(options, 'action', 'audit append');
    const documentPath = requiredOption(options, 'document', 'audit append');
    const subjectId = stringOption(options, 'subject-id');
    if (subjectId !== undefined && flag(options, 'history')) {
      throw usageError('--history needs a MAML document named by its own id, not --subject-id');
    }
    const { subject, document } = await subjectOf(documentPath, subjectId);
    const entryInput = { actor, action, subject, at: new Date(), ...detailsOption(options) };
    // Bad input is a usage error (exit 2), told apart from a bad log (exit 1) before any append.
    asUsageError('', () => createAuditEntry(AUDIT_GENESIS_HEAD, entryInput, key));
    const entry = await namingErrors(AUDIT_LOG, log, () =>
      appendAudit(fileAuditStore(log), entryInput, key, { clock: () => new Date() }),
    );
    if (document !== undefined && flag(options, 'history')) {
      const updated = serializeMaml(recordInHistory(document, entry));
      await writeOutput(documentPath, updated, { force: true, keepMode: true, source: '--document' });
    }
    const head = `${entry.seq}:${entry.hash}`;
    if (flag(options, 'json')) printJson({ file: log, entry, head });
    else {
      printLines(
        fields([
          ['appended', `${entry.action} by ${entry.actor} on ${entry.subject.id}`],
          ['head', head],
        ]),
      );
    }
    return EXIT_OK;
  },
};

/** Asks on the terminal (or reads standard input) whether to go on; only `y` or `yes` is a yes. */
async function confirm(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await Promise.race([
      prompt.question(question),
      new Promise<string>((resolve) => {
        prompt.once('close', () => {
          resolve('');
        });
      }),
    ]);
    return /^y(?:es)?$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}

const repair: Command = {
  name: 'repair',
  summary: 'remove the torn last line a crash left in an audit log',
  usage: ['repair LOG.jsonl [--yes]'],
  options: {
    yes: { type: 'boolean', short: 'y', description: 'do not ask for confirmation (for scripts)' },
    json: JSON_OPTION,
  },
  notes: [
    'A crash in the middle of an append can leave a last line without its line break that is not\n' +
      "a whole entry (a torn tail); 'mamlkit audit verify' reports it and appends refuse to go on.\n" +
      'repair cuts the file where the torn line starts, after asking (or with --yes), under the same\n' +
      'lock as appends. It never removes a whole line: a log without a torn tail is left as it is.',
    'Exit status: 0 repaired or nothing to repair, 1 declined, 2 usage or I/O error.',
  ],
  examples: ['mamlkit audit repair audit.jsonl', 'mamlkit audit repair audit.jsonl --yes'],
  async run(input) {
    const [log = ''] = positionals(input, 'audit repair', { min: 1, max: 1 }, 'one LOG file');
    const { options } = input;
    await requireLogFile(log);
    const store = fileAuditStore(log);
    const offset = await namingErrors(AUDIT_LOG, log, () => store.tornTail());
    const report = (result: string, lines: readonly string[]): void => {
      if (flag(options, 'json'))
        printJson({ file: log, result, ...(offset === undefined ? {} : { offset }) });
      else printLines(lines);
    };
    if (offset === undefined) {
      report('intact', [`${log}: no torn tail, nothing to repair`]);
      return EXIT_OK;
    }
    const question = `${log}: torn tail after byte ${offset}: cut it off? [y/N] `;
    if (!flag(options, 'yes') && !(await confirm(question))) {
      report('declined', [`${log}: left as it is`]);
      return EXIT_REJECTED;
    }
    if (!(await store.repair(offset))) {
      throw new CliError('ERR_AUDIT_CHANGED', `${log} changed since it was read: run repair again`);
    }
    report('repaired', [`${log}: cut after byte ${offset}: the torn tail is gone`]);
    return EXIT_OK;
  },
};

/** `mamlkit audit`: verify and append to audit logs. */
export const audit: Command = commandGroup(
  'audit',
  'verify, append to or repair a hash-chained, ML-DSA-signed audit log (JSON Lines)',
  [verify, append, repair],
);
