import vector from './log-v1.json' with { type: 'json' };

/** One recorded mutation of the frozen log, as stored in log-v1.json. */
export type LogMutation = (typeof vector.mutations)[number];

const lines = vector.log.split('\n').slice(0, -1);

/**
 * The frozen log's text after `mutation`: the listed lines in the listed order, with the
 * recorded replacement applied. Shared by the unit tests and the runtime conformance cases.
 */
export function mutatedLog(mutation: LogMutation): string {
  return mutation.lines
    .map((n) => {
      const line = lines[n] ?? '';
      return 'replace' in mutation && mutation.replace.line === n
        ? line.replace(mutation.replace.from, mutation.replace.to)
        : line;
    })
    .join('\n');
}
