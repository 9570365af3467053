import { MAML_DEFAULT_LIMITS } from 'mamlkit/maml';
import { flag, JSON_OPTION, positionals, type Command } from '../command.js';
import { describeError, EXIT_OK, EXIT_REJECTED, EXIT_USAGE } from '../errors.js';
import { expectMaml } from '../file-kind.js';
import { displayName, INPUT_FILE, readInput } from '../io.js';
import { diagnosticLines, judgeMaml, summaryLine, type MamlJudgement } from '../maml-report.js';
import { printJson, printLines } from '../output.js';

interface FileReport {
  readonly file: string;
  readonly judgement?: MamlJudgement;
  readonly error?: string;
  readonly exitCode: number;
}

async function checkFile(file: string, lenient: boolean): Promise<FileReport> {
  let bytes: Uint8Array;
  try {
    bytes = await readInput(file, MAML_DEFAULT_LIMITS.maxDocumentBytes, INPUT_FILE);
    expectMaml(bytes, file, INPUT_FILE);
  } catch (error) {
    const { line, exitCode } = describeError(error);
    return { file: displayName(file), error: line, exitCode };
  }
  const judgement = judgeMaml(bytes, lenient ? 'lenient' : 'strict');
  return { file: displayName(file), judgement, exitCode: judgement.valid ? EXIT_OK : EXIT_REJECTED };
}

function humanLines(report: FileReport): string[] {
  if (report.judgement === undefined) {
    process.stderr.write(`mamlkit: ${report.error ?? 'unknown error'}\n`);
    return [];
  }
  return [
    ...diagnosticLines(report.file, report.judgement.diagnostics),
    summaryLine(report.file, report.judgement),
  ];
}

function jsonReport(report: FileReport): unknown {
  if (report.judgement === undefined) return { file: report.file, error: report.error };
  const { diagnostics } = report.judgement;
  const count = (severity: string): number => diagnostics.filter((d) => d.severity === severity).length;
  return {
    file: report.file,
    valid: report.exitCode === EXIT_OK,
    errors: count('error'),
    warnings: count('warning'),
    summary: summaryLine(report.file, report.judgement),
    diagnostics: diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      line: d.range.start.line,
      column: d.range.start.column,
      endLine: d.range.end.line,
      endColumn: d.range.end.column,
      ...(d.path === undefined ? {} : { path: d.path }),
      ...(d.hint === undefined ? {} : { hint: d.hint }),
    })),
  };
}

/** `mamlkit check`: parse and validate MAML files. */
export const check: Command = {
  name: 'check',
  summary: 'parse and validate MAML files, printing diagnostics like a compiler',
  usage: ['check FILE… [--lenient] [--json]', 'check - < FILE'],
  options: {
    lenient: {
      type: 'boolean',
      description: 'lenient level: the legacy dialect and common mistakes become warnings',
    },
    json: JSON_OPTION,
  },
  notes: [
    'Validation is strict by default (what an execution gate applies). Each diagnostic is printed as\n' +
      'FILE:LINE:COLUMN: SEVERITY CODE: MESSAGE, with a hint line when there is one, then one summary\n' +
      'line per file (FILE: valid MAML 2.0.0, 0 errors, 1 warning). `-` reads standard input.',
    'Exit status: 0 no errors (warnings allowed), 1 a file has errors, 2 usage or I/O error.',
  ],
  examples: ['mamlkit check workflow.maml.md', 'mamlkit check --lenient --json docs/*.maml.md'],
  async run(input) {
    const files = positionals(input, 'check', { min: 1, max: Infinity }, 'one or more FILEs');
    const reports: FileReport[] = [];
    for (const file of files) reports.push(await checkFile(file, flag(input.options, 'lenient')));
    if (flag(input.options, 'json')) printJson({ files: reports.map(jsonReport) });
    else printLines(reports.flatMap(humanLines));
    const failed = reports.map((report) => report.exitCode);
    return failed.includes(EXIT_USAGE) ? EXIT_USAGE : Math.max(EXIT_OK, ...failed);
  },
};
