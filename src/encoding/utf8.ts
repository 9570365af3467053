/** UTF-8 size arithmetic shared by every module (internal: not a subpath). */
const NON_ASCII = /[^\0-\x7f]/;

/** Number of UTF-8 bytes needed to encode `text` (lone surrogates count as the 3 bytes of U+FFFD). */
export function utf8ByteLength(text: string): number {
  let bytes = text.length;
  const first = text.search(NON_ASCII);
  if (first === -1) return bytes;
  for (let i = first; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2;
      i++;
    } else bytes += 2;
  }
  return bytes;
}
