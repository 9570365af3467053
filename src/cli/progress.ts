/** Inputs above this size get a progress bar (when standard error is a terminal). */
const PROGRESS_MIN_BYTES: number = 8 * 1024 * 1024;

const WIDTH = 30;
const MIB = 1024 * 1024;

function render(done: number, total: number, label: string): string {
  const ratio = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(ratio * WIDTH);
  const bar = `${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}`;
  const percent = String(Math.floor(ratio * 100)).padStart(3);
  return `\r${label} [${bar}] ${percent}% ${(done / MIB).toFixed(1)}/${(total / MIB).toFixed(1)} MiB`;
}

/**
 * A pass-through stream that draws a progress bar on standard error while bytes flow, when
 * standard error is a terminal, the input is larger than {@link PROGRESS_MIN_BYTES} and
 * `quiet` is not set; otherwise it is `undefined` and nothing is drawn.
 */
export function progressBar(
  total: number | undefined,
  label: string,
  quiet: boolean,
): TransformStream<Uint8Array, Uint8Array> | undefined {
  if (quiet || total === undefined || total <= PROGRESS_MIN_BYTES || !process.stderr.isTTY) {
    return undefined;
  }
  let done = 0;
  let drawn = 0;
  return new TransformStream({
    transform(chunk, controller) {
      done += chunk.length;
      const now = Date.now();
      if (now - drawn >= 100) {
        drawn = now;
        process.stderr.write(render(done, total, label));
      }
      controller.enqueue(chunk);
    },
    flush() {
      process.stderr.write(`${render(done, total, label)}\n`);
    },
  });
}
