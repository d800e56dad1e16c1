// JSON lines to standard output. Delivered means handed to the pipe or file behind stdout; there
// is nothing to recover after a crash, so a restart may repeat the changes of the last batch.

import { SinkFatalError } from '../sink.ts'
import type { FeedOutput, PendingRun } from './output.ts'

/** Where the text goes; standard output unless a test gives another. */
export type TextWriter = (text: string) => Promise<void>

/** The reader of standard output went away (`chsync tail | head`): nothing more can be delivered. */
export class OutputClosedError extends SinkFatalError {
  readonly code = 'output_closed'
}

export class StdoutOutput implements FeedOutput {
  readonly label = 'stdout'
  private queue: string[] = []
  private chars = 0
  private lines = 0

  constructor(private readonly writeText: TextWriter = writeStdout) {}

  get queuedChars(): number {
    return this.chars
  }

  get queuedLines(): number {
    return this.lines
  }

  enqueue(runs: PendingRun[]): void {
    for (const r of runs) {
      this.queue.push(r.lines.join(''))
      this.chars += r.chars
      this.lines += r.lines.length
    }
  }

  async deliver(): Promise<null> {
    if (this.queue.length === 0) return null
    const text = this.queue.join('')
    await this.writeText(text)
    this.queue = []
    this.chars = 0
    this.lines = 0
    return null
  }

  async close(): Promise<void> {}
}

async function writeStdout(text: string): Promise<void> {
  try {
    await Bun.write(Bun.stdout, text)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'EPIPE' || code === 'ECONNRESET') throw new OutputClosedError('standard output was closed', { cause: err })
    throw err
  }
}
