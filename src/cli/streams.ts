import { STDIO, writeAll, writeAtomically, writeStdout, type AtomicWriteOptions } from './io.js';
import { progressBar } from './progress.js';

/** A Web stream over an async iterable of byte chunks (a Node stream), pulled one chunk at a time. */
export function webStream(source: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await iterator.next();
        if (next.done === true) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}

/** The first chunk of a source, and the whole source again (first chunk included). */
export async function peek(
  source: AsyncIterable<Uint8Array>,
): Promise<{ readonly first: Uint8Array; readonly whole: AsyncIterable<Uint8Array> }> {
  const iterator = source[Symbol.asyncIterator]();
  const head = await iterator.next();
  const first = head.done === true ? new Uint8Array(0) : head.value;
  async function* whole(): AsyncGenerator<Uint8Array> {
    yield first;
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) yield next.value;
  }
  return { first, whole: whole() };
}

function fileSink(write: (chunk: Uint8Array) => Promise<void>): WritableStream<Uint8Array> {
  return new WritableStream<Uint8Array>({ write }, { highWaterMark: 1 });
}

/** What {@link pipeFile} does. */
export interface PipeOptions extends AtomicWriteOptions {
  /** Total input bytes when known (drives the progress bar). */
  readonly size: number | undefined;
  /** Progress bar label, for example `sealing`. */
  readonly label: string;
  /** No progress bar. */
  readonly quiet: boolean;
  /** Bytes written before the transformed stream (for example a new envelope header). */
  readonly prefix?: Uint8Array;
}

/**
 * Streams `input` through `transforms` into `output` in constant memory. A file output is
 * written to a temporary file that replaces `output` only after the whole stream succeeded.
 * Standard output (`-`) receives bytes as they come.
 */
export async function pipeFile(
  input: ReadableStream<Uint8Array>,
  transforms: readonly TransformStream<Uint8Array, Uint8Array>[],
  output: string,
  options: PipeOptions,
): Promise<void> {
  const progress = progressBar(options.size, options.label, options.quiet);
  let stream = progress === undefined ? input : input.pipeThrough(progress);
  for (const transform of transforms) stream = stream.pipeThrough(transform);
  const run = async (write: (chunk: Uint8Array) => Promise<void>): Promise<void> => {
    if (options.prefix !== undefined) await write(options.prefix);
    await stream.pipeTo(fileSink(write));
  };
  if (output === STDIO) {
    await run(writeStdout);
    return;
  }
  await writeAtomically(output, options, (handle) => run((chunk) => writeAll(handle, chunk)));
}

/** A Web stream of one chunk. */
export function bytesStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}
