/** A FIFO of byte arrays that hands out exact-length slices, copying only across boundaries. */
export class ByteQueue {
  private readonly parts: Uint8Array[] = [];
  private size = 0;

  /** Bytes held. */
  get length(): number {
    return this.size;
  }

  /** Appends bytes (kept by reference: do not modify them afterwards). */
  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.parts.push(bytes);
    this.size += bytes.length;
  }

  /** The first `n` bytes (`n` ≤ `length`), left in the queue. */
  peek(n: number): Uint8Array {
    const first = this.parts[0];
    if (first !== undefined && first.length >= n) return first.subarray(0, n);
    const out = new Uint8Array(n);
    let filled = 0;
    for (const part of this.parts) {
      if (filled === n) break;
      const used = Math.min(part.length, n - filled);
      out.set(part.subarray(0, used), filled);
      filled += used;
    }
    return out;
  }

  /** Removes and returns the first `n` bytes (`n` ≤ `length`). */
  take(n: number): Uint8Array {
    const out = this.peek(n);
    let left = n;
    while (left > 0) {
      const part = this.parts[0];
      if (part === undefined) break;
      const used = Math.min(part.length, left);
      if (used === part.length) this.parts.shift();
      else this.parts[0] = part.subarray(used);
      left -= used;
    }
    this.size -= n;
    return out;
  }
}
