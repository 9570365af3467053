/**
 * Fits the token estimator's per-feature weights to o200k_base counts on the token corpus
 * (test/vectors/policy/tokens/) and prints them with the resulting errors.
 * Run: npx tsx scripts/calibrate-tokens.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { countFeatures, FEATURES } from '../src/policy/tokens/scan.js';

const dir = new URL('../test/vectors/policy/tokens/', import.meta.url);
const files = readdirSync(dir)
  .filter((name) => name !== 'README.md')
  .map((name) => readFileSync(new URL(name, dir), 'utf8'));

let seed = 0x2545f491;
function random(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 2 ** 32;
}

const samples: string[] = [...files];
for (const text of files) {
  for (let i = 0; i < 300; i++) {
    const length = 20 + Math.floor(random() * 1500);
    const start = Math.floor(random() * Math.max(1, text.length - length));
    samples.push(text.slice(start, start + length));
  }
}

const rows = samples.map((text) => [...countFeatures(text)]);
const exact = samples.map((text) => countTokens(text));

// Non-negative least squares on relative error, by projected coordinate descent.
const n = FEATURES.length;
const weights = new Array<number>(n).fill(0.2);
for (let sweep = 0; sweep < 5000; sweep++) {
  for (let j = 0; j < n; j++) {
    let num = 0;
    let den = 0;
    rows.forEach((row, r) => {
      const b = exact[r] ?? 1;
      const scale = 1 / Math.max(1, b);
      const a = (row[j] ?? 0) * scale;
      if (a === 0) return;
      const rest = row.reduce((s, x, i) => (i === j ? s : s + x * (weights[i] ?? 0)), 0) * scale;
      num += a * (b * scale - rest);
      den += a * a;
    });
    if (den > 0) weights[j] = Math.max(0, num / den);
  }
}

const estimates = rows.map((row) => row.reduce((s, x, i) => s + x * (weights[i] ?? 0), 0));
console.log(FEATURES.map((f, i) => `${f}: ${(weights[i] ?? 0).toFixed(4)}`).join('\n'));
const names = readdirSync(dir).filter((name) => name !== 'README.md');
names.forEach((name, i) => {
  const e = estimates[i] ?? 0;
  const b = exact[i] ?? 0;
  console.log(`${name}: exact ${b} estimate ${e.toFixed(0)} error ${(((e - b) / b) * 100).toFixed(1)}%`);
});
const worst = estimates
  .map((e, r) => ({ r, ratio: (exact[r] ?? 0) / Math.max(e, 1e-9) }))
  .sort((a, b) => b.ratio - a.ratio)
  .slice(0, 5);
for (const { r, ratio } of worst)
  console.log(ratio.toFixed(3), exact[r], JSON.stringify(samples[r]?.slice(0, 80)));
for (const c of [2, 4, 8, 16]) {
  let k = 0;
  estimates.forEach((e, r) => (k = Math.max(k, ((exact[r] ?? 0) - c) / Math.max(e, 1e-9))));
  console.log(`upper = estimate * k + ${c}: k >= ${k.toFixed(4)}`);
}
