/**
 * One pass over the UTF-16 code units of a text, counting what the token estimator's weights
 * apply to: for every character class, how many code units of it the text holds and in how many
 * runs (maximal stretches of one class), plus the number of digit groups (runs of digits split
 * into groups of up to three, as o200k_base and cl100k_base split them).
 */

/** Character classes, in the order of the counts {@link scanText} returns. */
export const CHAR_CLASSES = [
  'space', // U+0020
  'break', // tab, line feed, vertical tab, form feed, carriage return
  'lower', // a–z
  'upper', // A–Z
  'digit', // 0–9
  'punct', // ASCII punctuation and symbols
  'control', // other C0 controls and DEL
  'latin', // accented Latin letters (U+00C0–U+024F, U+1E00–U+1EFF)
  'latin1Symbol', // Latin-1 symbols, IPA, spacing modifiers, combining marks
  'greek',
  'cyrillic',
  'hebrew',
  'arabic',
  'other2', // the rest of the two-byte UTF-8 range (Armenian, Syriac, Thaana, N'Ko, …)
  'indic', // Devanagari to Sinhala (U+0900–U+0DFF)
  'thai', // Thai and Lao
  'other3', // any other BMP character (Georgian, Ethiopic, Khmer, private use, U+FFFD, …)
  'generalPunct', // U+2000–U+20CF: dashes, quotes, ellipsis, joiners, currency signs
  'symbol', // U+20D0–U+2BFF and variation selectors: arrows, maths, dingbats
  'cjk', // Han, CJK punctuation and radicals
  'kana',
  'hangul',
  'fullwidth', // U+FF00–U+FFEF
  'emojiHigh', // a high surrogate of U+1F000–U+1FBFF (emoji, flags)
  'astralHigh', // any other high surrogate
  'low', // a low surrogate
] as const;

/** Number of character classes. */
export const CLASS_COUNT: number = CHAR_CLASSES.length;

/**
 * Length of the feature vector: per class its code units, then per class its runs, then digit
 * groups.
 */
export const FEATURE_COUNT: number = 2 * CLASS_COUNT + 1;

const K = Object.fromEntries(CHAR_CLASSES.map((name, index) => [name, index])) as Record<
  (typeof CHAR_CLASSES)[number],
  number
>;

/** [first, last, class] of the BMP ranges that are not `other3`, in ascending order. */
const RANGES: readonly (readonly [number, number, number])[] = [
  [0x0080, 0x00bf, K.latin1Symbol],
  [0x00c0, 0x024f, K.latin],
  [0x0250, 0x036f, K.latin1Symbol],
  [0x0370, 0x03ff, K.greek],
  [0x0400, 0x052f, K.cyrillic],
  [0x0530, 0x058f, K.other2],
  [0x0590, 0x05ff, K.hebrew],
  [0x0600, 0x06ff, K.arabic],
  [0x0700, 0x074f, K.other2],
  [0x0750, 0x077f, K.arabic],
  [0x0780, 0x07ff, K.other2],
  [0x0900, 0x0dff, K.indic],
  [0x0e00, 0x0eff, K.thai],
  [0x1100, 0x11ff, K.hangul],
  [0x1e00, 0x1eff, K.latin],
  [0x1f00, 0x1fff, K.greek],
  [0x2000, 0x20cf, K.generalPunct],
  [0x20d0, 0x2bff, K.symbol],
  [0x2e80, 0x303f, K.cjk],
  [0x3040, 0x30ff, K.kana],
  [0x3130, 0x318f, K.hangul],
  [0x31f0, 0x31ff, K.kana],
  [0x3400, 0x4dbf, K.cjk],
  [0x4e00, 0x9fff, K.cjk],
  [0xac00, 0xd7af, K.hangul],
  [0xd800, 0xdbff, K.astralHigh],
  [0xdc00, 0xdfff, K.low],
  [0xf900, 0xfaff, K.cjk],
  [0xfb50, 0xfdff, K.arabic],
  [0xfe00, 0xfe0f, K.symbol],
  [0xfe70, 0xfeff, K.arabic],
  [0xff00, 0xffef, K.fullwidth],
];

let table: Uint8Array | undefined;

/** The class of every UTF-16 code unit, built on first use (64 KiB). */
function classTable(): Uint8Array {
  if (table !== undefined) return table;
  const t = new Uint8Array(0x10000).fill(K.other3);
  for (let c = 0; c < 0x80; c++) t[c] = K.punct;
  for (let c = 0; c < 0x20; c++) t[c] = K.control;
  t[0x7f] = K.control;
  for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d]) t[c] = K.break;
  t[0x20] = K.space;
  for (let c = 0x30; c <= 0x39; c++) t[c] = K.digit;
  for (let c = 0x41; c <= 0x5a; c++) {
    t[c] = K.upper;
    t[c + 0x20] = K.lower;
  }
  for (const [first, last, k] of RANGES) t.fill(k, first, last + 1);
  t[0xd7] = t[0xf7] = K.latin1Symbol;
  t.fill(K.emojiHigh, 0xd83c, 0xd83e + 1);
  table = t;
  return t;
}

/**
 * Counts the features of `text` in one pass: code units and runs per class of
 * {@link CHAR_CLASSES}, then digit groups. The loop does work only where the class changes.
 *
 * @example
 * ```ts
 * scanText('ab 12345')[FEATURE_COUNT - 1]; // 2 digit groups: 123, 45
 * ```
 */
export function scanText(text: string): Float64Array {
  const classes = classTable();
  const features = new Float64Array(FEATURE_COUNT);
  const length = text.length;
  let digitGroups = 0;
  let start = 0;
  let previous = length > 0 ? (classes[text.charCodeAt(0)] as number) : -1;
  for (let i = 1; i <= length; i++) {
    const k = i < length ? (classes[text.charCodeAt(i)] as number) : -1;
    if (k === previous) continue;
    const run = i - start;
    features[previous] = (features[previous] as number) + run;
    features[CLASS_COUNT + previous] = (features[CLASS_COUNT + previous] as number) + 1;
    if (previous === K.digit) digitGroups += Math.ceil(run / 3);
    previous = k;
    start = i;
  }
  features[FEATURE_COUNT - 1] = digitGroups;
  return features;
}
