// JSON lines POSTed to an HTTP endpoint in batches of `batchLines`. Delivered means answered 2xx.
// A failed POST is tried again (up to `retries` times, backing off); a batch that still fails
// stays queued with everything after it, and the flush fails (the pipeline retries it later).
// Each request carries an Idempotency-Key (SHA-256 of its body), so a receiver can drop a batch
// it already took when only the answer was lost.

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
}

interface Batch {
  body: string
  lines: number
}

export class HttpOutput implements FeedOutput {
  readonly label: string
  private readonly endpoint: string
  private readonly authorization: string | null
  private queue: Batch[] = []
  /** Lines of the last, not yet full batch. */
  private open: string[] = []
  private chars = 0
  private lines = 0

  constructor(private readonly opts: HttpOutputOptions) {
    const u = new URL(opts.url)
    this.authorization = u.username || u.password ? `Basic ${btoa(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`)}` : null
    u.username = ''
    u.password = ''
    this.endpoint = u.toString()
    this.label = this.endpoint
  }

  get queuedChars(): number {
    return this.chars
  }

  get queuedLines(): number {
    return this.lines
  }

  enqueue(runs: PendingRun[]): void {
    for (const r of runs) {
      for (const line of r.lines) {
        this.open.push(line)
        if (this.open.length >= this.opts.batchLines) this.closeBatch()
      }
      this.chars += r.chars
      this.lines += r.lines.length
    }
    this.closeBatch()
  }

  async deliver(): Promise<null> {
    while (this.queue.length > 0) {
      const b = this.queue[0]
      await this.post(b)
      this.queue.shift()
      this.chars -= b.body.length
      this.lines -= b.lines
    }
    return null
  }

  async close(): Promise<void> {}

  private closeBatch(): void {
    if (this.open.length === 0) return
    this.queue.push({ body: this.open.join(''), lines: this.open.length })
    this.open = []
  }

  private async post(b: Batch): Promise<void> {
    const key = new Bun.CryptoHasher('sha256').update(b.body).digest('hex')
    const headers: Record<string, string> = { 'content-type': 'application/x-ndjson', 'idempotency-key': key }
    if (this.authorization) headers.authorization = this.authorization
    let delay = this.opts.backoffMs ?? 200
    for (let attempt = 1; ; attempt++) {
      let why: string
      let status: number | null = null
      let cause: unknown
      try {
        const res = await fetch(this.endpoint, {
          method: 'POST',
          headers,
          body: b.body,
          signal: AbortSignal.timeout(this.opts.timeoutMs ?? 30_000),
        })
        // The answer's body is read so the connection can be reused.
        const text = await res.text().catch(() => '')
        if (res.ok) return
        status = res.status
        why = `HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`
      } catch (err) {
        cause = err
        why = (err as Error).message
      }
      if (attempt > this.opts.retries) {
        throw new HttpDeliveryError(`POST ${this.endpoint} failed ${attempt} times, last: ${why}`, status, { cause })
      }
      this.opts.onRetry?.(why, attempt)
      await Bun.sleep(delay)
      delay = Math.min(delay * 2, 5_000)
    }
  }
}
