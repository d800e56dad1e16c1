// JSON lines POSTed to an HTTP endpoint in batches of `batchLines`. Delivered means answered 2xx.
// A failed POST is tried again (up to `retries` times, backing off; not after 401/403); a batch that still fails
// stays queued with everything after it, and the flush fails (the pipeline retries it later).
// Each request carries an Idempotency-Key (SHA-256 of its body), so a receiver can drop a batch
// it already took when only the answer was lost.

import { retry } from '../../retry/index.ts'
import type { FeedOutput, PendingRun } from './output.ts'

export interface HttpOutputOptions {
  /** The endpoint; user and password in it become a Basic Authorization header. */
  url: string
  batchLines: number
  retries: number
  /** First pause between tries; doubles up to 5 s. */
  backoffMs?: number
  timeoutMs?: number
  /** Told about every failed try. */
  onRetry?: (why: string, attempt: number) => void
}

/** The endpoint did not take a batch after every retry. */
export class HttpDeliveryError extends Error {
  readonly code = 'http_delivery'
  constructor(
    message: string,
    readonly status: number | null,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'HttpDeliveryError'
  }

  /** 401 and 403: the endpoint refuses these credentials; another try gets the same answer. */
  get permanent(): boolean {
    return this.status === 401 || this.status === 403
  }
}

interface Batch {
  body: Uint8Array
  lines: number
}

export class HttpOutput implements FeedOutput {
  readonly label: string
  private readonly endpoint: string
  private readonly authorization: string | null
  private queue: Batch[] = []
  /** Pieces and lines of the last, not yet full batch. */
  private open: Uint8Array[] = []
  private openLines = 0
  private queued = 0
  private lines = 0

  constructor(private readonly opts: HttpOutputOptions) {
    const u = new URL(opts.url)
    this.authorization =
      u.username || u.password ? `Basic ${btoa(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`)}` : null
    u.username = ''
    u.password = ''
    this.endpoint = u.toString()
    this.label = this.endpoint
  }

  get queuedBytes(): number {
    return this.queued
  }

  get queuedLines(): number {
    return this.lines
  }

  enqueue(runs: PendingRun[]): void {
    for (const r of runs) {
      // Cut the run's bytes into batches of at most batchLines lines.
      let start = 0
      let nl = -1
      while (start < r.bytes.length) {
        nl = r.bytes.indexOf(10, nl + 1)
        if (nl < 0) break
        if (++this.openLines >= this.opts.batchLines) {
          this.open.push(r.bytes.subarray(start, nl + 1))
          start = nl + 1
          this.closeBatch()
        }
      }
      if (start < r.bytes.length) this.open.push(r.bytes.subarray(start))
      this.queued += r.bytes.length
      this.lines += r.lines
    }
    this.closeBatch()
  }

  async deliver(): Promise<null> {
    while (this.queue.length > 0) {
      const b = this.queue[0]
      await this.post(b)
      this.queue.shift()
      this.queued -= b.body.length
      this.lines -= b.lines
    }
    return null
  }

  async close(): Promise<void> {}

  private closeBatch(): void {
    if (this.openLines === 0) return
    this.queue.push({ body: this.open.length === 1 ? this.open[0] : Buffer.concat(this.open), lines: this.openLines })
    this.open = []
    this.openLines = 0
  }

  private async post(b: Batch): Promise<void> {
    const key = new Bun.CryptoHasher('sha256').update(b.body).digest('hex')
    const headers: Record<string, string> = { 'content-type': 'application/x-ndjson', 'idempotency-key': key }
    if (this.authorization) headers.authorization = this.authorization
    let attempts = 0
    try {
      await retry(
        async () => {
          attempts++
          let res: Response
          try {
            res = await fetch(this.endpoint, {
              method: 'POST',
              headers,
              body: b.body,
              signal: AbortSignal.timeout(this.opts.timeoutMs ?? 30_000),
            })
          } catch (err) {
            throw new HttpDeliveryError((err as Error).message, null, { cause: err })
          }
          // The answer's body is read so the connection can be reused.
          const text = await res.text().catch(() => '')
          if (res.ok) return
          throw new HttpDeliveryError(`HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`, res.status)
        },
        {
          what: `POST ${this.endpoint}`,
          attempts: this.opts.retries + 1,
          firstDelayMs: this.opts.backoffMs ?? 200,
          capMs: 5_000,
          onRetry: (err, attempt) => this.opts.onRetry?.(err.message, attempt),
        },
      )
    } catch (err) {
      const e = err as HttpDeliveryError
      throw new HttpDeliveryError(`POST ${this.endpoint} failed ${attempts} times, last: ${e.message}`, e.status, { cause: e.cause ?? e })
    }
  }
}
