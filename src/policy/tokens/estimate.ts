import { PolicyError } from '../errors.js';
import type { Provider } from '../types.js';
import { countFeatures } from './scan.js';

/**
 * Per-feature weights (order of `FEATURES` in scan.ts), fitted by scripts/calibrate-tokens.ts
 * to o200k_base counts on the corpus in test/vectors/policy/tokens/.
 */
const O200K_WEIGHTS: readonly number[] = [
  0.5507, 0.1151, 0.5952, 1.4015, 0.5593, 0.5099, 0.5703, 0.7654, 0.8419, 0.3873, 1.4165, 2.2867,
];

/** `upper` = ceil(estimate × UPPER_FACTOR + UPPER_SLACK): never below o200k on the corpus. */
const UPPER_FACTOR = 1.2;
const UPPER_SLACK = 8;

/**
 * Allowance for Claude's tokenizer, which is not public: a fixed factor over the o200k estimate,
 * not a measured one. Use Anthropic's token-counting endpoint when the count must be exact.
 */
const ANTHROPIC_FACTOR = 1.25;

/** Options of {@link estimateTokens}. */
export interface EstimateTokensOptions {
  /** Provider whose tokenizer to approximate; `anthropic` applies a 1.25 allowance. Default `openai`. */
  readonly provider?: Provider;
  /** `estimate` (closest guess, default) or `upper` (conservative: meant never to undercount). */
  readonly mode?: 'estimate' | 'upper';
  /** An exact tokenizer (for example gpt-tokenizer's `countTokens`); when given it is used instead. */
  readonly tokenizer?: (text: string) => number;
}

/**
 * Estimates how many tokens `text` costs, without a tokenizer: one pass over the text that
 * weighs runs of Latin letters, digits, punctuation, whitespace, CJK, other scripts and emoji.
 * Against o200k_base on the project's mixed corpus the estimate is within a few percent per
 * file (docs/guide/policy.md has the measured table); `upper` mode was never below the exact
 * count there. Passing `tokenizer` makes the result exact for that tokenizer.
 *
 * @example
 * ```ts
 * import { estimateTokens } from 'mamlkit/policy';
 * estimateTokens('Summarise the attached workflow.'); // ≈ 6
 * estimateTokens(prompt, { provider: 'anthropic', mode: 'upper' });
 * ```
 */
export function estimateTokens(text: string, options: EstimateTokensOptions = {}): number {
  if (typeof text !== 'string') {
    throw new PolicyError('ERR_INVALID_ARGUMENT', 'estimateTokens expects a string');
  }
  const { tokenizer, provider = 'openai' } = options;
  const mode: string = options.mode ?? 'estimate';
  if (tokenizer !== undefined) {
    const exact = tokenizer(text);
    if (!Number.isSafeInteger(exact) || exact < 0) {
      throw new PolicyError('ERR_INVALID_ARGUMENT', `tokenizer returned ${String(exact)}, not a token count`);
    }
    return exact;
  }
  if (mode !== 'estimate' && mode !== 'upper') {
    throw new PolicyError(
      'ERR_INVALID_ARGUMENT',
      `unknown estimate mode ${JSON.stringify(mode)}; use 'estimate' or 'upper'`,
    );
  }
  if (text.length === 0) return 0;
  const counts = countFeatures(text);
  let sum = 0;
  for (let i = 0; i < counts.length; i++) sum += (counts[i] as number) * (O200K_WEIGHTS[i] as number);
  const base = sum * (provider === 'anthropic' ? ANTHROPIC_FACTOR : 1);
  return mode === 'upper' ? Math.ceil(base * UPPER_FACTOR + UPPER_SLACK) : Math.max(1, Math.round(base));
}
