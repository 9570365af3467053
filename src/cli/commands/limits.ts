import { getModel, providerTable, PROVIDERS, type Policy, type Provider, type Sourced } from 'mamlkit/policy';
import { flag, JSON_OPTION, positionals, type Command } from '../command.js';
import { asUsageError, EXIT_OK } from '../errors.js';
import { fields, printJson, printLines } from '../output.js';
import { formatCount, loadPolicy, POLICY_OPTION, providerArgument } from '../policy-files.js';

type Row = readonly [id: string, values: string, entry: Sourced];

function rowLines(title: string, rows: readonly Row[]): string[] {
  if (rows.length === 0) return [];
  const idWidth = Math.max(...rows.map(([id]) => id.length));
  const valueWidth = Math.max(...rows.map(([, values]) => values.length));
  return [
    `${title}:`,
    ...rows.flatMap(([id, values, entry]) => [
      `  ${id.padEnd(idWidth)}  ${values.padEnd(valueWidth)}  as of ${entry.asOf}  ${entry.source}`,
      ...(entry.note === undefined ? [] : [`  ${' '.repeat(idWidth)}  note: ${entry.note}`]),
    ]),
  ];
}

function providerLines(policy: Policy, provider: Provider): string[] {
  const table = providerTable(policy, provider);
  const endpoints = Object.entries(table.endpoints).map(([id, e]): Row => {
    const parts = [e.path];
    if (e.maxBodyBytes !== undefined) parts.push(`body ≤ ${formatCount(e.maxBodyBytes)} bytes`);
    if (e.maxRequests !== undefined) parts.push(`≤ ${formatCount(e.maxRequests)} requests`);
    return [id, parts.join(', '), e];
  });
  const models = Object.entries(table.models).map(([id, m]): Row => {
    const parts = [`context ${formatCount(m.contextWindow)}`, `output ${formatCount(m.maxOutputTokens)}`];
    if (m.maxInputTokens !== undefined) parts.push(`input ${formatCount(m.maxInputTokens)}`);
    return [id, parts.join(', '), m];
  });
  const targets = Object.entries(table.targets).map(([id, t]): Row => [
    id,
    `${formatCount(t.qubits)} qubits (${t.kind})`,
    t,
  ]);
  return [
    ...rowLines(`${provider} endpoints`, endpoints),
    ...rowLines(`${provider} models (tokens)`, models),
    ...rowLines(`${provider} targets`, targets),
  ];
}

/** `mamlkit limits`: the provider limit tables. */
export const limits: Command = {
  name: 'limits',
  summary: 'print provider limits (request sizes, context windows, qubits) with sources and dates',
  usage: ['limits [PROVIDER [MODEL]] [--json] [--policy FILE]'],
  options: { json: JSON_OPTION, policy: POLICY_OPTION },
  notes: [
    `Providers: ${PROVIDERS.join(', ')}. Every value carries the documentation page it was read from\n` +
      'and the date it was last checked; providers change them, so check before relying on one.\n' +
      'Request sizes are in bytes (providers document decimal megabytes).',
  ],
  examples: ['mamlkit limits anthropic', 'mamlkit limits openai gpt-4o --json'],
  async run(input) {
    const [providerName, model] = positionals(
      input,
      'limits',
      { min: 0, max: 2 },
      'at most PROVIDER and MODEL',
    );
    const policy = await loadPolicy(input.options);
    const json = flag(input.options, 'json');
    if (providerName === undefined) {
      if (json) printJson(policy);
      else printLines(PROVIDERS.flatMap((provider) => [...providerLines(policy, provider), '']).slice(0, -1));
      return EXIT_OK;
    }
    const provider = providerArgument(providerName);
    if (model === undefined) {
      if (json) printJson(providerTable(policy, provider));
      else printLines(providerLines(policy, provider));
      return EXIT_OK;
    }
    const entry = asUsageError('', () => getModel(policy, provider, model));
    if (json) {
      printJson(entry);
      return EXIT_OK;
    }
    printLines(
      fields([
        ['model', `${provider} ${entry.id}`],
        ['context window', `${formatCount(entry.contextWindow)} tokens`],
        ['max output', `${formatCount(entry.maxOutputTokens)} tokens`],
        [
          'max input',
          entry.maxInputTokens === undefined ? undefined : `${formatCount(entry.maxInputTokens)} tokens`,
        ],
        [
          'aliases',
          entry.aliases === undefined || entry.aliases.length === 0 ? undefined : entry.aliases.join(', '),
        ],
        ['note', entry.note],
        ['source', entry.source],
        ['as of', entry.asOf],
      ]),
    );
    return EXIT_OK;
  },
};
