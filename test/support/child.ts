// A chsync process started by a test (from source, the compiled binary, or inside a chroot): its
// output kept for assertions, signals, and waits with deadlines. The ops, replication and feed
// tests all start chsync through it.

export class ChildRun {
  /** Both streams in the order they arrived, and each on its own. */
  private readonly chunks: string[] = []
  private readonly outChunks: string[] = []
  private readonly errChunks: string[] = []
  readonly exited: Promise<number>

  constructor(readonly proc: ReturnType<typeof Bun.spawn>) {
    const collect = async (s: ReadableStream<Uint8Array>, into: string[]) => {
      const dec = new TextDecoder()
      for await (const chunk of s) {
        const text = dec.decode(chunk, { stream: true })
        into.push(text)
        this.chunks.push(text)
      }
    }
    const out = collect(proc.stdout as ReadableStream<Uint8Array>, this.outChunks)
    const err = collect(proc.stderr as ReadableStream<Uint8Array>, this.errChunks)
    this.exited = proc.exited.then(async (code) => {
      await Promise.all([out, err])
      return code
    })
  }

  static spawn(argv: string[], env: Record<string, string | undefined>, cwd?: string): ChildRun {
    return new ChildRun(Bun.spawn(argv, { env, cwd, stdout: 'pipe', stderr: 'pipe', stdin: 'ignore' }))
  }

  get output(): string {
    return this.chunks.join('')
  }

  get stdout(): string {
    return this.outChunks.join('')
  }

  get stderr(): string {
    return this.errChunks.join('')
  }

  get running(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null
  }

  /** JSON log lines (the config asks for log.format = "json"). */
  logLines(): Record<string, unknown>[] {
    return this.output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
  }

  /** Sends a signal and waits for the exit code (at most `ms`). */
  async stop(signal: NodeJS.Signals = 'SIGTERM', ms = 20_000): Promise<number> {
    if (this.running) this.proc.kill(signal)
    return within(this.exited, ms, `exit after ${signal}`, () => this.output)
  }

  kill(): void {
    if (this.running) this.proc.kill('SIGKILL')
  }

  /** Polls `probe` until it returns a value (not undefined); fails with the output after `ms`. */
  async waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 20_000): Promise<T> {
    const deadline = Date.now() + ms
    let lastError: unknown
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`chsync exited (${this.proc.exitCode}) while waiting for ${what}:\n${this.output.slice(-4000)}`)
      try {
        const v = await probe()
        if (v !== undefined) return v
      } catch (err) {
        lastError = err
      }
      await Bun.sleep(100)
    }
    throw new Error(`timed out waiting for ${what}${lastError ? ` (last error: ${lastError})` : ''}:\n${this.output.slice(-4000)}`)
  }
}

export async function within<T>(p: Promise<T>, ms: number, what: string, context: () => string = () => ''): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>(
    (_, reject) =>
      (timer = setTimeout(() => reject(new Error(`timed out (${ms} ms) waiting for ${what}:\n${context().slice(-4000)}`)), ms)),
  )
  try {
    return await Promise.race([p, timeout])
  } finally {
    clearTimeout(timer)
  }
}
