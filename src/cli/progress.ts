/** Inputs above this size get a progress bar (when standard error is a terminal). */
const PROGRESS_MIN_BYTES: number = 8 * 1024 * 1024;

const WIDTH = 30;
const MIB = 1024 * 1024;
/** Least time between two redraws, in milliseconds. */
const REDRAW_MS = 100;

/** Where a stream stands: bytes done of `total`, after `elapsedMs` milliseconds. */
export interface ProgressState {
  readonly label: string;
  readonly done: number;
  readonly total: number;
  readonly elapsedMs: number;
}

/** A duration as `m:ss`, or `h:mm:ss` from an hour on. */
function clock(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  const [h, m, s] = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60];
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * One line of progress: a bar, the percentage, MiB done of the total, the rate in MiB/s and the
 * time left at that rate (the time taken once done); `--` while no rate is known yet.
 *
 * @example
 * ```ts
 * formatProgress({ label: 'sealing', done: 50 * 2 ** 20, total: 200 * 2 ** 20, elapsedMs: 500 });
 * // "sealing [########----------------------]  25% 50.0/200.0 MiB 100.0 MiB/s 0:02 left"
 * ```
 */
export function formatProgress({ label, done, total, elapsedMs }: ProgressState): string {
  const ratio = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(ratio * WIDTH);
  const bar = `${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}`;
  const percent = String(Math.floor(ratio * 100)).padStart(3);
  const perMs = elapsedMs > 0 ? done / elapsedMs : 0;
  const rate = perMs > 0 ? `${((perMs * 1000) / MIB).toFixed(1)} MiB/s` : '-- MiB/s';
  const time =
    done >= total
      ? `in ${clock(elapsedMs)}`
      : perMs > 0
        ? `${clock((total - done) / perMs)} left`
        : '-:-- left';
  return `${label} [${bar}] ${percent}% ${(done / MIB).toFixed(1)}/${(total / MIB).toFixed(1)} MiB ${rate} ${time}`;
}

/** Redraws the line in place: back to its start, the line, and clear what a longer line left. */
function draw(state: ProgressState, end = ''): void {
  process.stderr.write(`\r${formatProgress(state)}\x1b[K${end}`);
}

/**
 * A pass-through stream that draws a progress line on standard error while bytes flow (see
 * {@link formatProgress}), when standard error is a terminal, the input is larger than
 * {@link PROGRESS_MIN_BYTES} and `quiet` is not set; otherwise it is `undefined` and nothing is
 * drawn (never into a pipe or a file).
 */
export function progressBar(
  total: number | undefined,
  label: string,
  quiet: boolean,
): TransformStream<Uint8Array, Uint8Array> | undefined {
  if (quiet || total === undefined || total <= PROGRESS_MIN_BYTES || !process.stderr.isTTY) {
    return undefined;
  }
  const started = Date.now();
  let done = 0;
  let drawn = 0;
  const state = (): ProgressState => ({ label, done, total, elapsedMs: Date.now() - started });
  return new TransformStream({
    transform(chunk, controller) {
      done += chunk.length;
      const now = Date.now();
      if (now - drawn >= REDRAW_MS) {
        drawn = now;
        draw(state());
      }
      controller.enqueue(chunk);
    },
    flush() {
      draw(state(), '\n');
    },
  });
}
