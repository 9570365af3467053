import {
  auditHead,
  auditSubject,
  createAuditEntry,
  mamlSubject,
  parseAuditLog,
  recordInHistory,
  serializeAuditLog,
  verifyAuditLog,
  type AuditHead,
  type AuditJson,
  type AuditSubject,
  type VerifyAuditLogOptions,
} from 'mamlkit/audit';
import { MAML_DEFAULT_LIMITS, parseMaml, serializeMaml, type MamlDocument } from 'mamlkit/maml';
import {
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
import { asUsageError, EXIT_OK, EXIT_REJECTED, usageError } from '../errors.js';
import { exists, readInput, readLimited, readLimitedText, writeOutput } from '../io.js';
import { loadSigningKey, loadTrustStore, TRUST_OPTION } from '../key-files.js';
import { fields, printJson, printLines } from '../output.js';

/** Largest log file the command line reads (verify longer logs in segments with the library). */
const MAX_LOG_BYTES = 256 * 1024 * 1024;

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

async function readLog(path: string): Promise<string> {
  return readLimitedText(path, MAX_LOG_BYTES);
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
      'somewhere safe and pass it later with --expect-head to detect truncation.',
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
    const entries = parseAuditLog(await readLog(log));
    const result = verifyAuditLog(entries, trust, { ...headOption(options), expectedLength });
    const head = `${result.head.seq}:${result.head.hash}`;
    if (flag(options, 'json')) printJson({ file: log, ...result });
    else if (result.valid)
      printLines([
        `${log}: valid, ${result.length} ${result.length === 1 ? 'entry' : 'entries'}`,
        `head: ${head}`,
      ]);
    else {
      const bad = result.firstBad;
      printLines([
        `${log}: NOT VALID`,
        ...(bad === undefined ? [] : [`${log}:${bad.index + 1}: ${bad.reason}: ${bad.message}`]),
        `valid up to head: ${head}`,
      ]);
    }
    return result.valid ? EXIT_OK : EXIT_REJECTED;
  },
};

/** Largest file the command line hashes for an entry named with `--subject-id`. */
const MAX_SUBJECT_BYTES = 256 * 1024 * 1024;

/**
 * The subject of a new entry, with the parsed document when it is MAML: `--subject-id` and the
 * digest of the whole file (refused above {@link MAX_SUBJECT_BYTES}, never cut short), or the
 * MAML document's own id and digest.
 */
async function subjectOf(
  documentPath: string,
  subjectId: string | undefined,
): Promise<{ subject: AuditSubject; document?: MamlDocument }> {
  if (subjectId !== undefined) {
    const bytes = await readLimited(documentPath, MAX_SUBJECT_BYTES);
    return { subject: asUsageError('', () => auditSubject(subjectId, bytes)) };
  }
  const bytes = await readInput(documentPath, MAML_DEFAULT_LIMITS.maxDocumentBytes);
  const document = asUsageError(documentPath, () => parseMaml(bytes));
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
    'LOG is JSON Lines, one entry per line; it is created when missing and replaced atomically.\n' +
      'The entry links to the last entry of LOG, records the SHA-256 of the document bytes and is\n' +
      'signed with KEY. --history edits the document, so an embedded signature must be renewed.',
  ],
  examples: [
    'mamlkit audit append audit.jsonl --key gateway.jwk --actor gateway://local --action EXECUTE --document workflow.maml.md --history',
  ],
  async run(input) {
    const [log = ''] = positionals(input, 'audit append', { min: 1, max: 1 }, 'one LOG file');
    const { options } = input;
    const key = await loadSigningKey(requiredOption(options, 'key', 'audit append'));
    const actor = requiredOption(options, 'actor', 'audit append');
    const action = requiredOption(options, 'action', 'audit append');
    const documentPath = requiredOption(options, 'document', 'audit append');
    const subjectId = stringOption(options, 'subject-id');
    if (subjectId !== undefined && flag(options, 'history')) {
      throw usageError('--history needs a MAML document named by its own id, not --subject-id');
    }
    const present = await exists(log);
    const text = present ? await readLog(log) : '';
    const previous: AuditHead = auditHead(parseAuditLog(text));
    const { subject, document } = await subjectOf(documentPath, subjectId);
    const entry = asUsageError('', () =>
      createAuditEntry(
        previous,
        {
          actor,
          action,
          subject,
          at: new Date(),
          ...detailsOption(options),
        },
        key,
      ),
    );
    const separator = text === '' || text.endsWith('\n') ? '' : '\n';
    await writeOutput(log, `${text}${separator}${serializeAuditLog([entry])}`, {
      force: true,
      keepMode: present,
    });
    if (document !== undefined && flag(options, 'history')) {
      const updated = serializeMaml(recordInHistory(document, entry));
      await writeOutput(documentPath, updated, { force: true, keepMode: true });
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

const SUBCOMMANDS: readonly Command[] = [verify, append];

/** `mamlkit audit`: verify and append to audit logs. */
export const audit: Command = {
  name: 'audit',
  summary: 'verify or append to a hash-chained, ML-DSA-signed audit log (JSON Lines)',
  usage: SUBCOMMANDS.flatMap((sub) => sub.usage.map((usage) => `audit ${usage}`)),
  subcommands: SUBCOMMANDS,
  options: {},
  notes: SUBCOMMANDS.map((sub) => `audit ${sub.name}: ${sub.summary} ('mamlkit audit ${sub.name} --help').`),
  examples: SUBCOMMANDS.flatMap((sub) => sub.examples),
};
