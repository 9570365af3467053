/**
 * One pass over the UTF-16 code units of a text, summing a weight per event. The events are
 * the features the token estimator was calibrated on (see docs/guide/policy.md); their order
 * is the order of the weight vector.
 */
export const FEATURES = [
  'wordStart', // a run of Latin letters begins
  'letter', // a Latin letter (ASCII or Latin-1/Extended)
  'accented', // a non-ASCII Latin letter, on top of `letter`
  'digitGroup', // every third digit of a run, counting the first
  'punct', // an ASCII punctuation or symbol character
  'punctRun', // a run of punctuation begins
  'spaces', // a run of two or more spaces
  'lineBreak', // a run of line breaks and tabs begins
  'cjk', // a Han, kana or CJK punctuation character
  'hangul', // a Hangul syllable or jamo
  'otherLetter', // a letter of another script (Cyrillic, Greek, Arabic, Indic, Thai, …)
  'otherRun', // a run of such letters begins
  'symbol', // a BMP symbol, dash, quote, joiner or variation selector
  'astral', // a code point outside the BMP (emoji and rare characters)
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
const C_LOW_SURROGATE = 11;

const ASCII = /* @__PURE__ */ (() => {
  const table = new Uint8Array(128).fill(C_PUNCT);
  for (let c = 0; c < 32; c++) table[c] = C_SYMBOL;
  table[9] = table[10] = table[11] = table[12] = table[13] = C_BREAK;
  table[32] = C_SPACE;
  for (let c = 48; c < 58; c++) table[c] = C_DIGIT;
  for (let c = 65; c < 91; c++) table[c] = table[c + 32] = C_LETTER;
  return table;
})();

function classify(c: number): number {
  if (c < 128) return ASCII[c] ?? C_PUNCT;
  if (c < 0x250) return c >= 0xc0 && c !== 0xd7 && c !== 0xf7 ? C_ACCENTED : C_SYMBOL;
  if (c >= 0xd800 && c <= 0xdfff) return c < 0xdc00 ? C_ASTRAL : C_LOW_SURROGATE;
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
 * Sums `weights[feature]` over every feature event in `text` (see {@link FEATURES}).
 * Linear in the text length, no allocation.
 */
export function weightedCount(text: string, weights: ArrayLike<number>): number {
  const wWordStart = weights[0] ?? 0;
  const wLetter = weights[1] ?? 0;
  const wAccented = weights[2] ?? 0;
  const wDigitGroup = weights[3] ?? 0;
  const wPunct = weights[4] ?? 0;
  const wPunctRun = weights[5] ?? 0;
  const wSpaces = weights[6] ?? 0;
  const wLineBreak = weights[7] ?? 0;
  const wCjk = weights[8] ?? 0;
  const wHangul = weights[9] ?? 0;
  const wOtherLetter = weights[10] ?? 0;
  const wOtherRun = weights[11] ?? 0;
  const wSymbol = weights[12] ?? 0;
  const wAstral = weights[13] ?? 0;
  let sum = 0;
  let previous = -1;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const k = classify(text.charCodeAt(i));
    run = k === previous ? run + 1 : 1;
    switch (k) {
      case C_SPACE:
        if (run === 2) sum += wSpaces;
        break;
      case C_BREAK:
        if (run === 1) sum += wLineBreak;
        break;
      case C_LETTER:
      case C_ACCENTED:
        if (previous !== C_LETTER && previous !== C_ACCENTED) sum += wWordStart;
        sum += k === C_LETTER ? wLetter : wLetter + wAccented;
        break;
      case C_DIGIT:
        if (run % 3 === 1) sum += wDigitGroup;
        break;
      case C_PUNCT:
        sum += run === 1 ? wPunct + wPunctRun : wPunct;
        break;
      case C_CJK:
        sum += wCjk;
        break;
      case C_HANGUL:
        sum += wHangul;
        break;
      case C_OTHER:
        sum += run === 1 ? wOtherLetter + wOtherRun : wOtherLetter;
        break;
      case C_SYMBOL:
        sum += wSymbol;
        break;
      case C_ASTRAL:
        sum += wAstral;
        break;
      default:
        break;
    }
    previous = k === C_LOW_SURROGATE ? previous : k;
  }
  return sum;
}
