/**
 * Fits the token estimator's weights (src/policy/tokens/weights.ts) to gpt-tokenizer's exact
 * o200k_base and cl100k_base counts on the calibration set of the token corpus
 * (test/policy/token-corpus.ts), writes them, and prints the error on the held-out set.
 * Run: npx tsx scripts/calibrate-tokens.ts
 *
 * `typical` weights minimise the squared relative error (non-negative least squares).
 * `upper` weights minimise the total relative overcount subject to never undercounting a
 * calibration sample (a hinge penalty, then one scale factor that makes every sample hold).
 */
import { writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { countTokens as cl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { countTokens as o200k } from 'gpt-tokenizer/encoding/o200k_base';
import { CHAR_CLASSES, FEATURE_COUNT, scanText } from '../src/policy/tokens/scan.js';
import { committedCorpus, generateCorpus, randomUnicode, seededRandom } from '../test/policy/token-corpus.js';

const random = seededRandom(0xca11b);
const docs = [...generateCorpus('calibration'), ...committedCorpus()];
const samples: string[] = docs.map((d) => d.text);
for (const { text } of docs) {
  for (let i = 0; i < 700; i++) {
    const length = Math.floor(Math.exp(random() * Math.log(6000)));
    const start = Math.floor(random() * Math.max(1, text.length - length));
    samples.push(text.slice(start, start + length));
  }
}
for (let i = 0; i < 4000; i++) samples.push(randomUnicode(random, 1 + Math.floor(random() * 300)));
const usable = samples.filter((s) => s.length > 0);

/** Features plus a constant 1 (the per-text slack of `upper`). */
const DIM = FEATURE_COUNT + 1;
const rows = usable.map((s) => Float64Array.of(...scanText(s), 1));

function fitTypical(exact: readonly number[]): Float64Array {
  // Normal equations of the relative error over samples of 200+ code units (a central estimate
  // for real prompts), then projected coordinate descent for non-negative weights.
  const a = new Float64Array(DIM * DIM);
  const b = new Float64Array(DIM);
  rows.forEach((row, r) => {
    if ((usable[r] as string).length < 200) return;
    const e = exact[r] as number;
    if (e === 0) return;
    for (let i = 0; i < DIM - 1; i++) {
      const xi = (row[i] as number) / e;
      if (xi === 0) continue;
      b[i] = (b[i] as number) + xi;
      for (let j = 0; j < DIM - 1; j++)
        a[i * DIM + j] = (a[i * DIM + j] as number) + xi * ((row[j] as number) / e);
    }
  });
  const w = new Float64Array(DIM);
  for (let sweep = 0; sweep < 20000; sweep++) {
    for (let i = 0; i < DIM - 1; i++) {
      const aii = a[i * DIM + i] as number;
      if (aii === 0) continue;
      let rest = 0;
      for (let j = 0; j < DIM - 1; j++) if (j !== i) rest += (a[i * DIM + j] as number) * (w[j] as number);
      w[i] = Math.max(0, ((b[i] as number) - rest) / aii);
    }
  }
  return w;
}

/**
 * Lower bounds of the `upper` weights that need no measurement: a byte-level BPE token holds at
 * least one UTF-8 byte, so a character of a script the encodings barely cover (other2: two bytes,
 * other3: three) and an astral character (four bytes, counted on its high surrogate) can cost a
 * token per byte, and `upper` charges them that.
 */
function upperFloors(): Float64Array {
  const floor = new Float64Array(DIM);
  floor[CHAR_CLASSES.indexOf('other2')] = 2;
  floor[CHAR_CLASSES.indexOf('other3')] = 3;
  floor[CHAR_CLASSES.indexOf('astralHigh')] = 4;
  return floor;
}

/**
 * The `upper` weights as a linear programme: minimise the summed relative overcount of the
 * samples of 100+ code units (c·w) subject to w·x ≥ 1 + margin + extra / exact for every sample (x = features over
 * the exact count) and w ≥ 0. Solved through its dual, max Σ(1 + margin + extra / exact)·y subject to Xᵀy ≤ c,
 * y ≥ 0, by the revised simplex method; the primal weights are the dual's prices.
 */
function fitUpper(exact: readonly number[]): Float64Array {
  const margin = 0.14;
  const extra = 4;
  const floor = upperFloors();
  const xs = rows.map((row, r) => row.map((x) => x / Math.max(1, exact[r] as number)));
  const n = xs.length;
  const c = new Float64Array(DIM);
  xs.forEach((x, r) => {
    if ((usable[r] as string).length >= 100)
      for (let i = 0; i < DIM; i++) c[i] = (c[i] as number) + (x[i] as number);
  });
  for (let i = 0; i < DIM; i++) c[i] = Math.max(c[i] as number, 1e-6);
  // Basis: DIM variables; index < n is a sample's y, n + i is slack i.
  const basis = Array.from({ length: DIM }, (_, i) => n + i);
  const inv = Array.from({ length: DIM }, (_, i) =>
    Float64Array.from({ length: DIM }, (_, j) => (i === j ? 1 : 0)),
  );
  const xb = Float64Array.from(c);
  const column = (j: number): Float64Array =>
    j < n ? (xs[j] as Float64Array) : Float64Array.from({ length: DIM }, (_, i) => (i === j - n ? 1 : 0));
  const cost = (j: number): number =>
    j < n
      ? 1 +
        margin +
        extra / Math.max(1, exact[j] as number) -
        (xs[j] as Float64Array).reduce((sum, v, i) => sum + v * (floor[i] as number), 0)
      : 0;
  for (let iteration = 0; iteration < 100000; iteration++) {
    const pi = new Float64Array(DIM);
    for (let r = 0; r < DIM; r++) {
      const cb = cost(basis[r] as number);
      if (cb === 0) continue;
      const row = inv[r] as Float64Array;
      for (let i = 0; i < DIM; i++) pi[i] = (pi[i] as number) + cb * (row[i] as number);
    }
    let enter = -1;
    let best = 1e-9;
    for (let j = 0; j < n + DIM; j++) {
      const a = column(j);
      let d = cost(j);
      for (let i = 0; i < DIM; i++) d -= (pi[i] as number) * (a[i] as number);
      if (d > best) {
        best = d;
        enter = j;
      }
    }
    if (enter < 0) {
      console.error(`simplex: optimal after ${iteration} iterations`);
      return pi.map((p, i) => p + (floor[i] as number));
    }
    const a = column(enter);
    const u = inv.map((row) => row.reduce((s, v, i) => s + v * (a[i] as number), 0));
    let leave = -1;
    let ratio = Infinity;
    u.forEach((ui, r) => {
      if (ui > 1e-12 && (xb[r] as number) / ui < ratio) {
        ratio = (xb[r] as number) / ui;
        leave = r;
      }
    });
    if (leave < 0) throw new Error('unbounded');
    const pivot = u[leave] as number;
    const pivotRow = (inv[leave] as Float64Array).map((v) => v / pivot);
    inv[leave] = pivotRow;
    xb[leave] = (xb[leave] as number) / pivot;
    for (let r = 0; r < DIM; r++) {
      if (r === leave) continue;
      const f = u[r] as number;
      if (f === 0) continue;
      const row = inv[r] as Float64Array;
      for (let i = 0; i < DIM; i++) row[i] = (row[i] as number) - f * (pivotRow[i] as number);
      xb[r] = (xb[r] as number) - f * (xb[leave] as number);
    }
    basis[leave] = enter;
  }
  throw new Error('simplex did not converge');
}

const list = (w: Float64Array): string =>
  `[${[...w].map((x) => (Math.ceil(x * 1e4) / 1e4).toString()).join(', ')}]`;

const out: string[] = [];
for (const [name, count] of [
  ['o200k_base', o200k],
  ['cl100k_base', cl100k],
] as const) {
  const exact = usable.map((s) => count(s));
  const typical = fitTypical(exact);
  const upper = fitUpper(exact);
  out.push(
    `  ${name}: {\n    typical: ${list(typical.subarray(0, DIM - 1))},\n    upper: ${list(upper.subarray(0, DIM - 1))},\n    upperSlack: ${(Math.ceil((upper[DIM - 1] as number) * 1e4) / 1e4).toString()},\n  },`,
  );
  console.error(`${name}: fitted on ${usable.length} samples`);
}

const target = new URL('../src/policy/tokens/weights.ts', import.meta.url);
const source = `/**
 * Weights of the token estimator per feature of scan.ts (code units per class, runs per class,
 * digit groups), fitted by scripts/calibrate-tokens.ts on the calibration set of the token
 * corpus. Generated: run \`npx tsx scripts/calibrate-tokens.ts\` instead of editing.
 */
export const WEIGHTS = {
${out.join('\n')}
} as const;
`;
const options = await resolveConfig(target.pathname);
writeFileSync(target, await format(source, { ...options, filepath: target.pathname }));
