import { PolicyError } from '../errors.js';
import type { Provider } from '../types.js';
import { FEATURE_COUNT, scanText } from './scan.js';
import { CLAUDE_FACTORS, TOKENIZER_IDS, type TokenizerId } from './tokenizers.js';
import { WEIGHTS } from './weights.js';

/** Options of {@link estimateTokens}. */
export interface EstimateTokensOptions {
  /**
   * The tokenizer to approximate (default: the provider's, see `provider`), or a function that
   * counts exactly (for example gpt-tokenizer's `countTokens`), which is then used instead.
   */
  readonly tokenizer?: TokenizerId | ((text: string) => number);
  /**
   * Provider whose current tokenizer to approximate when `tokenizer` is not given:
   * `anthropic` → `claude-2026`, the others → `o200k_base`. Default `openai`.
   */
  readonly provider?: Provider;
  /**
   * `typical` (closest estimate, default) or `upper` (never below the exact o200k_base or
   * cl100k_base count on the measured corpus). `estimate` is the former name of `typical`.
   */
  readonly mode?: 'typical' | 'upper' | 'estimate';
}

function dot(weights: readonly number[], features: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < FEATURE_COUNT; i++) sum += (features[i] as number) * (weights[i] as number);
  return sum;
}

function tokenizerOf(options: EstimateTokensOptions): TokenizerId {
  const { tokenizer } = options;
  if (tokenizer === undefined) return options.provider === 'anthropic' ? 'claude-2026' : 'o200k_base';
  if (!TOKENIZER_IDS.includes(tokenizer as TokenizerId)) {
    throw new PolicyError(
      'ERR_INVALID_ARGUMENT',
      `unknown tokenizer ${JSON.stringify(tokenizer)}; use one of ${TOKENIZER_IDS.join(', ')} or a counting function`,
    );
  }
  return tokenizer as TokenizerId;
}

/**
 * Estimates how many tokens `text` costs, without a tokenizer: one pass that counts code units
 * and runs per character class (letters, digits, punctuation, each script, surrogates) and weighs
 * them with weights fitted to o200k_base and cl100k_base. `typical` is the closest estimate;
 * `upper` is never below the exact count on the measured held-out corpus (prose in 12 script
 * families, code, JSON, YAML, Markdown, base64, hex, data URIs, minified JS, numbers, emoji) and
 * random Unicode; docs/performance.md has the error table. Claude's tokenizers are not public:
 * their estimates are o200k_base estimates times a documented allowance, not a bound; use
 * Anthropic's token-counting endpoint for exact numbers. A `tokenizer` function counts exactly.
 *
 * @example
 * ```ts
 * import { estimateTokens } from 'mamlkit/policy';
 * estimateTokens('Summarise the attached workflow.'); // ≈ 6
 * estimateTokens(prompt, { tokenizer: 'cl100k_base', mode: 'upper' });
 * estimateTokens(prompt, { provider: 'anthropic', mode: 'upper' }); // claude-2026
 * ```
 */
export function estimateTokens(text: string, options: EstimateTokensOptions = {}): number {
  if (typeof text !== 'string') {
    throw new PolicyError('ERR_INVALID_ARGUMENT', 'estimateTokens expects a string');
  }
  const { tokenizer } = options;
  if (typeof tokenizer === 'function') {
    const exact = tokenizer(text);
    if (!Number.isSafeInteger(exact) || exact < 0) {
      throw new PolicyError('ERR_INVALID_ARGUMENT', `tokenizer returned ${String(exact)}, not a token count`);
    }
    return exact;
  }
  const id = tokenizerOf(options);
  const mode: string = options.mode ?? 'typical';
  if (mode !== 'typical' && mode !== 'upper' && mode !== 'estimate') {
    throw new PolicyError(
      'ERR_INVALID_ARGUMENT',
      `unknown estimate mode ${JSON.stringify(mode)}; use 'typical' or 'upper'`,
    );
  }
  if (text.length === 0) return 0;
  const features = scanText(text);
  const weights = WEIGHTS[id === 'cl100k_base' ? 'cl100k_base' : 'o200k_base'];
  const factor = id === 'claude' || id === 'claude-2026' ? CLAUDE_FACTORS[id] : undefined;
  if (mode === 'upper') {
    return Math.ceil((dot(weights.upper, features) + weights.upperSlack) * (factor?.upper ?? 1));
  }
  return Math.max(1, Math.round(dot(weights.typical, features) * (factor?.typical ?? 1)));
}
