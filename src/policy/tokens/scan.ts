/**
 * One pass over the UTF-16 code units of a text, counting the events the token estimator was
 * calibrated on (see docs/guide/policy.md). The order of {@link FEATURES} is the order of the
 * counts and of the estimator's weights.
 */
export const FEATURES = [
  'wordStart', // a run of Latin letters begins
  'letter', // a Latin letter (ASCII or Latin-1/Extended)
  'accented', // a non-ASCII Latin letter, on top of `letter`
  'digitGroup', // a group of up to three digits (runs are split from the left)
  'punct', // an ASCII punctuation or symbol character
  'spaces', // a run of two or more spaces
  'lineBreak', // a run of line breaks and tabs
  'cjk', // a Han, kana or CJK punctuation character
  'hangul', // a Hangul syllable or jamo
  'otherLetter', // a letter of another script (Cyrillic, Greek, Arabic, Indic, Thai, …)
  'symbol', // a BMP symbol, dash, quote, joiner, variation selector or control character
  'astral', // a code point outside the BMP (emoji and rare characters): surrogates / 2
] as const;

const C_SPACE = 0;
const C_BREAK = 1;
const C_LETTER = 2;
const C_DIGIT = 3;
const C_PUNCT = 4;
const C_ACCENTED = 5;
const C_CJK = 6;
const C_HANGUL = 7;
const C_OTHER = 8;
const C_SYMBOL = 9;
const C_ASTRAL = 10;
const CLASSES = 11;

const ASCII = /* @__PURE__ */ (() => {
  const table = new Uint8Array(128).fill(C_PUNCT);
  for (let c = 0; c < 32; c++) table[c] = C_SYMBOL;
  table[9] = table[10] = table[11] = table[12] = table[13] = C_BREAK;
  table[32] = C_SPACE;
  for (let c = 48; c < 58; c++) table[c] = C_DIGIT;
  for (let c = 65; c < 91; c++) table[c] = table[c + 32] = C_LETTER;
  return table;
})();

function classifyWide(c: number): number {
  if (c < 0x250) return c >= 0xc0 && c !== 0xd7 && c !== 0xf7 ? C_ACCENTED : C_SYMBOL;
  if (c >= 0xd800 && c <= 0xdfff) return C_ASTRAL;
  if (c >= 0x2e80 && c <= 0x9fff) return C_CJK;
  if (c >= 0xac00 && c <= 0xd7af) return C_HANGUL;
  if (c >= 0x1100 && c <= 0x11ff) return C_HANGUL;
  if (c >= 0xf900 && c <= 0xfaff) return C_CJK;
  if (c >= 0xff00 && c <= 0xffef) return C_CJK;
  if (c >= 0x2000 && c <= 0x2bff) return C_SYMBOL;
  if (c >= 0xfe00 && c <= 0xfe0f) return C_SYMBOL;
  return C_OTHER;
}

/**
 * Counts the {@link FEATURES} of `text` in one pass. The loop only does work where the class of
 * character changes: a run's length is added to its class when the run ends. Linear, one small
 * allocation.
 */
export function countFeatures(text: string): Float64Array {
  const chars = new Float64Array(CLASSES);
  let wordStarts = 0;
  let digitGroups = 0;
  let spaceRuns = 0;
  let breakRuns = 0;
  let previous = -1;
  let run = 0;
  const length = text.length;
  for (let i = 0; i <= length; i++) {
    const c = i < length ? text.charCodeAt(i) : -1;
    const k = c < 0 ? -1 : c < 128 ? (ASCII[c] as number) : classifyWide(c);
    if (k === previous) {
      run++;
      continue;
    }
    if (previous >= 0) {
      // A run of `previous` ended with `run` code units.
      chars[previous] = (chars[previous] as number) + run;
      if (previous === C_DIGIT) digitGroups += Math.ceil(run / 3);
      else if (previous === C_SPACE && run > 1) spaceRuns++;
    }
    if (k === C_LETTER || k === C_ACCENTED) {
      if (previous !== C_LETTER && previous !== C_ACCENTED) wordStarts++;
    } else if (k === C_BREAK) breakRuns++;
    previous = k;
    run = 1;
  }
  const accented = chars[C_ACCENTED] as number;
  return Float64Array.of(
    wordStarts,
    (chars[C_LETTER] as number) + accented,
    accented,
    digitGroups,
    chars[C_PUNCT] as number,
    spaceRuns,
    breakRuns,
    chars[C_CJK] as number,
    chars[C_HANGUL] as number,
    chars[C_OTHER] as number,
    chars[C_SYMBOL] as number,
    Math.ceil((chars[C_ASTRAL] as number) / 2),
  );
}
