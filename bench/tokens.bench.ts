/**
 * Token-estimator benchmark: `npm run bench -- tokens`. Throughput of estimateTokens (typical and
 * upper) side by side with gpt-tokenizer's exact o200k_base and cl100k_base counts over the
 * held-out token corpus (test/policy/token-corpus.ts), and, in the note, the error of each mode
 * against each encoding per category.
 */
import { countTokens as cl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { countTokens as o200k } from 'gpt-tokenizer/encoding/o200k_base';
import { estimateTokens } from 'mamlkit/policy';
import { generateCorpus } from '../test/policy/token-corpus.js';
import type { BenchGroup } from './harness.js';

const docs = generateCorpus('heldOut');

function pct(x: number): string {
  return `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`;
}

/** Signed relative error per category: mean over 50 substrings of 2,000 code units, worst over the document and them. */
function errorTable(): string {
  const rows = [
    '| category | o200k typical mean / worst | o200k upper mean / lowest | cl100k typical mean / worst | cl100k upper mean / lowest |',
    '|---|---|---|---|---|',
  ];
  for (const { category, text } of docs) {
    const pieces = [text, ...Array.from({ length: 50 }, (_, i) => text.slice(i * 700, i * 700 + 2000))];
    const cells = (
      [
        ['o200k_base', o200k],
        ['cl100k_base', cl100k],
      ] as const
    ).flatMap(([tokenizer, count]) => {
      const exact = pieces.map((p) => count(p));
      const typical = pieces.map((p, i) => estimateTokens(p, { tokenizer }) / (exact[i] as number) - 1);
      const upper = pieces.map(
        (p, i) => estimateTokens(p, { tokenizer, mode: 'upper' }) / (exact[i] as number) - 1,
      );
      const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
      const worst = typical.reduce((w, x) => (Math.abs(x) > Math.abs(w) ? x : w), 0);
      return [`${pct(mean(typical))} / ${pct(worst)}`, `${pct(mean(upper))} / ${pct(Math.min(...upper))}`];
    });
    rows.push(`| ${category} | ${cells.join(' | ')} |`);
  }
  return rows.join('\n');
}

export default async function groups(): Promise<BenchGroup[]> {
  const corpus = docs.map((d) => d.text).join('\n');
  const bytes = new TextEncoder().encode(corpus).length;
  return Promise.resolve([
    {
      title: `Token counting over the held-out corpus (${(bytes / 1e6).toFixed(2)} MB, ${docs.length} documents)`,
      note: `Goal: estimateTokens over 50 MB/s. gpt-tokenizer counts exactly; estimateTokens estimates. Error against the exact counts per category (upper: "lowest" is the smallest overcount; never negative on this corpus):\n\n${errorTable()}`,
      cases: [
        { name: 'gpt-tokenizer o200k_base countTokens', run: () => o200k(corpus), bytes, baseline: true },
        { name: 'gpt-tokenizer cl100k_base countTokens', run: () => cl100k(corpus), bytes },
        { name: 'estimateTokens (typical, o200k_base)', run: () => estimateTokens(corpus), bytes },
        {
          name: 'estimateTokens (upper, o200k_base)',
          run: () => estimateTokens(corpus, { mode: 'upper' }),
          bytes,
        },
        {
          name: 'estimateTokens (upper, cl100k_base)',
          run: () => estimateTokens(corpus, { tokenizer: 'cl100k_base', mode: 'upper' }),
          bytes,
        },
      ],
    },
  ]);
}
