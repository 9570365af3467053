/**
 * Tokenizers the estimator approximates. `o200k_base` and `cl100k_base` are OpenAI's public
 * encodings; `claude` is the tokenizer of Claude models before Claude Opus 4.7 and `claude-2026`
 * the one introduced with Opus 4.7 and used by later models. Claude's tokenizers are not public:
 * their estimates are o200k_base estimates times a documented allowance (docs/guide/policy.md).
 */
export type TokenizerId = 'o200k_base' | 'cl100k_base' | 'claude' | 'claude-2026';

/** Every {@link TokenizerId}. */
export const TOKENIZER_IDS: readonly TokenizerId[] = ['o200k_base', 'cl100k_base', 'claude', 'claude-2026'];

/**
 * Factors over the o200k_base estimate for Claude's tokenizers (checked 2026-12-05).
 *
 * - `claude`: 1.25, the allowance mamlkit has used for Claude models before Opus 4.7. Anthropic
 *   publishes no ratio for this tokenizer; it is an assumption, not a measurement.
 * - `claude-2026`: Anthropic's Opus 4.7 release notes and migration guide say the new tokenizer
 *   uses "roughly 1× to 1.35×" the tokens of the previous one. `typical` takes the middle of that
 *   range (1.25 × 1.2 = 1.5); `upper` takes the highest ratio measured in public on natural
 *   text with Anthropic's token-counting endpoint, 1.47× on technical documentation (above the
 *   documented 1.35×): 1.25 × 1.47 ≈ 1.84.
 */
export const CLAUDE_FACTORS = {
  claude: { typical: 1.25, upper: 1.25 },
  'claude-2026': { typical: 1.5, upper: 1.84 },
} as const;
