// JSON lines to standard output. Delivered means handed to the pipe or file behind stdout; there
// is nothing to recover after a crash, so a restart may repeat the changes of the last batch.

import { SinkFatalError } from '../sink.ts'
import type { FeedOutput, PendingRun } from './output.ts'

/** Where the bytes go; standard output unless a test gives another. */
export type TextWriter = (bytes: Uint8Array) => Promise<void>

/** The reader of standard output went away (`chsync tail | head`): nothing more can be delivered. */
export class OutputClosedError extends SinkFatalError {
  readonly code = 'output_closed'
}

export class StdoutOutput implements FeedOutput {
  readonly label = 'stdout'
  private queue: Uint8Array[] = []
  private queued = 0
  private lines = 0

  constructor(private readonly writeText: TextWriter = writeStdout) {}

  get queuedBytes(): number {
    return this.queued
  }

  get queuedLines(): number {
    return this.lines
  }

  enqueue(runs: PendingRun[]): void {
    for (const r of runs) {
      this.queue.push(r.bytes)
      this.queued += r.bytes.length
      this.lines += r.lines
    }
  }

  async deliver(): Promise<null> {
    if (this.queue.length === 0) return null
    const bytes = this.queue.length === 1 ? this.queue[0] : Buffer.concat(this.queue)
    await this.writeText(bytes)
    this.queue = []
    this.queued = 0
    this.lines = 0
    return null
  }

  async close(): Promise<void> {}
}

async function writeStdout(bytes: Uint8Array): Promise<void> {
  try {
    await Bun.write(Bun.stdout, bytes)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'EPIPE' || code === 'ECONNRESET') throw new OutputClosedError('standard output was closed', { cause: err })
    throw err
  }
}
