import { utf8ByteLength } from '../encoding/utf8.js';

/** Whether `text` takes more than `limit` UTF-8 bytes, without counting when the length decides it. */
export function exceedsBytes(text: string, limit: number): boolean {
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  return utf8ByteLength(text) > limit;
}
