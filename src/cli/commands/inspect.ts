import { inspect as inspectEnvelope, type EnvelopeInfo } from 'mamlkit/envelope';
import { flag, JSON_OPTION, positionals, type Command } from '../command.js';
import { EXIT_OK } from '../errors.js';
import { envelopeStart, looksArmored, readArmored } from '../envelope-files.js';
import { fields, printJson, printLines } from '../output.js';

/** What `inspect` reports: the library's facts about the file. */
type InspectReport = EnvelopeInfo & { readonly file: string; readonly armored: boolean };

/**
 * Reads the header facts of an envelope file. A binary envelope of any size is read only as far
 * as its largest possible header; the payload, chunk and plaintext sizes come from the file size.
 */
async function inspectFile(file: string): Promise<InspectReport> {
  const { head, size } = await envelopeStart(file, 'inspect');
  if (looksArmored(head)) return { file, armored: true, ...inspectEnvelope(await readArmored(file)) };
  return { file, armored: false, ...inspectEnvelope(head, { totalBytes: size }) };
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
      [
        'signer',
        report.signer === undefined
          ? undefined
          : `${report.signer.algorithm} ${report.signer.keyId} (${report.signer.signatureBytes}-byte signature after the payload)`,
      ],
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
      'first, so you can tell which keyring opens the file, and the signer of a signed envelope (its\n' +
      "algorithm and key id, as 'mamlkit verify' shows them). Nothing is authenticated until it is opened.",
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
