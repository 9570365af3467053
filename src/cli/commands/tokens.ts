import { estimateTokens } from 'mamlkit/policy';
import { flag, JSON_OPTION, positionals, stringOption, type Command } from '../command.js';
import { EXIT_OK } from '../errors.js';
import { displayName, INPUT_FILE, readLimitedText, STDIO } from '../io.js';
import { printJson, printLines } from '../output.js';
import { formatCount, providerArgument } from '../policy-files.js';

/** Largest text `tokens` reads. */
const MAX_TEXT_BYTES = 64 * 1024 * 1024;

/** `mamlkit tokens`: token estimates of a text file. */
export const tokens: Command = {
  name: 'tokens',
  summary: 'estimate the tokens of a text file (closest estimate and conservative upper bound)',
  usage: ['tokens FILE [--provider openai|anthropic] [--json]'],
  options: {
    provider: {
      type: 'string',
      short: 'p',
      value: 'PROVIDER',
      description:
        'tokenizer to approximate: openai (o200k_base, default) or anthropic (claude-2026: o200k × 1.5, upper × 1.84)',
    },
    json: JSON_OPTION,
  },
  notes: [
    'A script-aware heuristic, no tokenizer: `estimate` is the closest guess, `upper` was never below\n' +
      "o200k_base on the measured corpus (docs/performance.md). Claude's tokenizer is not public: use the provider's token counting endpoint when\n" +
      `the count must be exact. Reads files up to ${MAX_TEXT_BYTES >> 20} MiB; - reads standard input.`,
  ],
  examples: ['mamlkit tokens prompt.md', 'mamlkit tokens workflow.maml.md --provider anthropic --json'],
  async run(input) {
    const [file = STDIO] = positionals(input, 'tokens', { min: 1, max: 1 }, 'one FILE');
    const provider = providerArgument(stringOption(input.options, 'provider') ?? 'openai');
    const text = await readLimitedText(file, MAX_TEXT_BYTES, INPUT_FILE);
    const report = {
      file: displayName(file),
      provider,
      characters: text.length,
      estimate: estimateTokens(text, { provider, mode: 'typical' }),
      upper: estimateTokens(text, { provider, mode: 'upper' }),
    };
    if (flag(input.options, 'json')) printJson(report);
    else {
      printLines([
        `${report.file}: ${formatCount(report.estimate)} tokens (estimate), at most ${formatCount(report.upper)} (upper), ${provider}`,
      ]);
    }
    return EXIT_OK;
  },
};
