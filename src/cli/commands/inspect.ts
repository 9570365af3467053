import { inspect as inspectEnvelope, type EnvelopeInfo } from 'mamlkit/envelope';
import { flag, JSON_OPTION, positionals, type Command } from '../command.js';
import { EXIT_OK } from '../errors.js';
import { envelopeStart, looksArmored, readArmored } from '../envelope-files.js';
import { readInput } from '../io.js';
import { fields, printJson, printLines } from '../output.js';

/** Envelopes up to this size are read whole, so the chunk count and plaintext size are reported. */
const WHOLE_FILE_BYTES = 64 * 1024 * 1024;

/** What `inspect` reports: the library's facts, with the payload size taken from the file when only its start was read. */
type InspectReport = EnvelopeInfo & { readonly file: string; readonly armored: boolean };

/**
 * Reads the header facts of an envelope file. A binary envelope is read whole when it is
 * at most 64 MiB; otherwise only its header is read and the payload size comes from the file size
 * (the chunk count and plaintext size are then not reported).
 */
async function inspectFile(file: string): Promise<InspectReport> {
  const { head, size } = await envelopeStart(file, 'inspect');
  if (looksArmored(head)) return { file, armored: true, ...inspectEnvelope(await readArmored(file)) };
  if (size <= WHOLE_FILE_BYTES)
    return { file, armored: false, ...inspectEnvelope(await readInput(file, size)) };
  const info = inspectEnvelope(head);
  const { version, suite, suiteName, chunkSize, contentType, headerBytes, stanzas } = info;
  const payloadBytes = size - headerBytes;
  return {
    file,
    armored: false,
    version,
    suite,
    suiteName,
    chunkSize,
    contentType,
    headerBytes,
    stanzas,
    payloadBytes,
  };
}

function humanReport(report: InspectReport): string[] {
  const payload =
    report.chunks === undefined || report.plaintextBytes === undefined
      ? `${report.payloadBytes} bytes`
      : `${report.payloadBytes} bytes (${report.chunks} chunk(s), ${report.plaintextBytes} bytes of plaintext)`;
  return [
    ...fields([
      ['file', `${report.file}${report.armored ? ' (armored)' : ''}`],
      ['format', `mamlkit envelope version ${report.version}`],
      ['suite', `${report.suite}: ${report.suiteName}`],
      ['content type', report.contentType === '' ? undefined : report.contentType],
      ['chunk size', report.chunkSize],
      ['header', `${report.headerBytes} bytes`],
      ['payload', payload],
      ...report.stanzas.map(
        (stanza, index) =>
          [
            `stanza ${index + 1}`,
            stanza.layers.map((layer) => `${layer.kind}:${layer.kid}`).join(' '),
          ] as const,
      ),
    ]),
    'nothing above is authenticated until the envelope is opened',
  ];
}

/** `mamlkit inspect`: header facts of an envelope, without any key. */
export const inspect: Command = {
  name: 'inspect',
  summary: 'show the header of an envelope (layers, key ids, sizes) without any key',
  usage: ['inspect FILE.mkenv [--json]'],
  options: { json: JSON_OPTION },
  notes: [
    'Lists each stanza (one per recipient keyring) with the kind and key id of every layer, layer 1\n' +
      'first, so you can tell which keyring opens the file. Nothing is authenticated until it is opened.',
  ],
  examples: ['mamlkit inspect workflow.maml.md.mkenv'],
  async run(input) {
    const [file = ''] = positionals(input, 'inspect', { min: 1, max: 1 }, 'one FILE');
    const report = await inspectFile(file);
    if (flag(input.options, 'json')) printJson(report);
    else printLines(humanReport(report));
    return EXIT_OK;
  },
};
