/**
 * Characters a reader does not see as written: controls other than tab, format and
 * default-ignorable characters (U+200B, U+00AD, U+FEFF, variation selectors, …), and line or
 * space separators other than U+0020 and tab (U+00A0, U+3000, U+2028, …).
 */
const INVISIBLE = /[^\P{Cc}\t]|[\p{Cf}\p{Default_Ignorable_Code_Point}\p{Zl}\p{Zp}]|[^\P{Zs} ]/u;
const TAB = /\t/;
/** Anything but tab and printable ASCII: only such text needs the full check. */
const UNUSUAL = /[^\t\x20-\x7e]/;

/**
 * Why a name (a front matter key, a heading, an info string) does not read as written: it
 * holds an invisible, control (tab only where `tab` allows it) or non-ASCII space character,
 * or it is not in Unicode NFC, so two names that look the same compare different. Undefined
 * when it reads as written.
 */
export function invisibleText(text: string, tab: 'tab allowed' | 'no tab'): string | undefined {
  if (tab === 'no tab' && TAB.test(text)) return 'a tab';
  if (!UNUSUAL.test(text)) return undefined;
  const found = INVISIBLE.exec(text);
  if (found !== null) {
    const code = (found[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    return `an invisible, control or non-ASCII space character (U+${code})`;
  }
  return text.normalize('NFC') === text ? undefined : 'text that is not in Unicode NFC';
}
