import {
  checkedRange,
  getModel,
  lifecycleSummary,
  providerTable,
  PROVIDERS,
  tokenizerFor,
  type Policy,
  type Provider,
  type Sourced,
} from 'mamlkit/policy';
import { flag, JSON_OPTION, positionals, stringOption, type Command } from '../command.js';
import { asUsageError, EXIT_OK } from '../errors.js';
import { fields, printJson, printLines } from '../output.js';
import {
  formatCount,
  loadPolicy,
  POLICY_OPTION,
  providerArgument,
  refreshFromModelsList,
  type Refresh,
} from '../policy-files.js';

type Row = readonly [id: string, values: string, entry: Sourced];

const DAY_MS = 86_400_000;

function rowLines(title: string, rows: readonly Row[]): string[] {
  if (rows.length === 0) return [];
  const idWidth = Math.max(...rows.map(([id]) => id.length));
  const valueWidth = Math.max(...rows.map(([, values]) => values.length));
  const statusWidth = Math.max(...rows.map(([, , entry]) => lifecycleSummary(entry).length));
  return [
    `${title}:`,
    ...rows.flatMap(([id, values, entry]) => [
      `  ${id.padEnd(idWidth)}  ${values.padEnd(valueWidth)}  ${lifecycleSummary(entry).padEnd(statusWidth)}  checked ${entry.checkedAt}  ${entry.source}`,
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

/** Whole days from `day` (YYYY-MM-DD, UTC) to `now`. */
function daysSince(day: string, now: number): number {
  return Math.floor((now - Date.parse(day)) / DAY_MS);
}

/** How old the data is: days since the oldest and the newest check. */
function ageLine(policy: Policy, now: number): string {
  const range = checkedRange(policy);
  if (range === undefined) return 'data: no entries';
  const oldest = `${range.oldest} (${daysSince(range.oldest, now)} days ago)`;
  return range.oldest === range.newest
    ? `data checked ${oldest}`
    : `data checked between ${oldest} and ${range.newest} (${daysSince(range.newest, now)} days ago)`;
}

function refreshLines(refresh: Refresh): string[] {
  const changed = Object.keys(refresh.overrides.providers?.[refresh.provider]?.models ?? {});
  const list = (label: string, ids: readonly string[]): string[] =>
    ids.length === 0 ? [] : [`  ${label}: ${ids.join(', ')}`];
  return [
    `refreshed from the ${refresh.provider} models list of ${refresh.checkedAt}: ${changed.length} entries updated`,
    ...list('updated', changed),
    ...list('listed, no limits known', refresh.unknown),
    ...list('in the tables, not listed', refresh.notListed),
    ...refresh.skipped.map((s) => `  skipped ${s.id}: ${s.reason}`),
  ];
}

/** `mamlkit limits`: the provider limit tables. */
export const limits: Command = {
  name: 'limits',
  summary:
    'print provider limits (request sizes, context windows, qubits) with lifecycles, sources and dates',
  usage: ['limits [PROVIDER [MODEL]] [--json] [--policy FILE] [--refresh-from FILE]'],
  options: {
    json: JSON_OPTION,
    policy: POLICY_OPTION,
    'refresh-from': {
      type: 'string',
      value: 'FILE',
      description:
        'a saved models list (GET /v1/models of Anthropic, OpenAI or Azure OpenAI) whose lifecycles to apply',
    },
  },
  notes: [
    `Providers: ${PROVIDERS.join(', ')}. Every value carries the documentation page it was read from,\n` +
      'the date it was last checked and its lifecycle (active, legacy, deprecated, retired); providers\n' +
      'change them, so check before relying on one, or refresh: --policy takes LiteLLM’s\n' +
      'model_prices_and_context_window.json, --refresh-from a saved models list (for example\n' +
      'curl https://api.openai.com/v1/models -H "Authorization: Bearer $OPENAI_API_KEY" > models.json).\n' +
      'Request sizes are in bytes (providers document decimal megabytes).',
  ],
  examples: [
    'mamlkit limits anthropic',
    'mamlkit limits openai gpt-6-luna --json',
    'mamlkit limits openai --refresh-from models.json',
  ],
  async run(input) {
    const [providerName, model] = positionals(
      input,
      'limits',
      { min: 0, max: 2 },
      'at most PROVIDER and MODEL',
    );
    const provider = providerName === undefined ? undefined : providerArgument(providerName);
    const json = flag(input.options, 'json');
    const refreshPath = stringOption(input.options, 'refresh-from');
    let policy = await loadPolicy(input.options);
    if (refreshPath !== undefined) {
      const refresh = await refreshFromModelsList(refreshPath, policy, provider);
      policy = refresh.policy;
      if (!json) process.stderr.write(`${refreshLines(refresh).join('\n')}\n`);
    }
    const now = Date.now();
    if (provider === undefined) {
      if (json) printJson(policy);
      else
        printLines([
          ageLine(policy, now),
          '',
          ...PROVIDERS.flatMap((p) => [...providerLines(policy, p), '']).slice(0, -1),
        ]);
      return EXIT_OK;
    }
    if (model === undefined) {
      if (json) printJson(providerTable(policy, provider));
      else printLines([ageLine(policy, now), '', ...providerLines(policy, provider)]);
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
        ['status', lifecycleSummary(entry)],
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
        ['tokenizer', tokenizerFor(provider, entry)],
        ['note', entry.note],
        ['source', entry.source],
        ['checked', `${entry.checkedAt} (${daysSince(entry.checkedAt, now)} days ago)`],
      ]),
    );
    return EXIT_OK;
  },
};
